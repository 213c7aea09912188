package org.factcheck.workbench.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * The whole desk as one NDJSON stream, for backups and moves: users (without password hashes), articles, claims
 * with every verdict revision, their highlights, evidence, comments and mentions, and the event log. Read in one
 * repeatable-read transaction, so the archive is one consistent moment of the desk; streamed, so its size is not
 * limited by memory. {@link DeskRestore} reads it back into an empty desk.
 */
@ApplicationScoped
public class DeskArchive {

    public static final String KIND = "workbench-archive";
    public static final int VERSION = 1;

    /** Each section: the record kind and the query that yields its rows, one JSON object per row. */
    static final String[][] SECTIONS = {
        {"user", """
            SELECT id, username, display_name AS "displayName", role, disabled, created_at AS "createdAt"
              FROM app_user ORDER BY id"""},
        {"article", """
            SELECT id, title, outlet, url, author, published_at AS "publishedAt", language, body,
                   content_hash AS "contentHash", created_at AS "createdAt", created_by AS "createdBy"
              FROM article ORDER BY id"""},
        {"claim", """
            SELECT c.id, c.statement, c.claimant, c.claim_date AS "claimDate", c.status, c.assignee_id AS "assigneeId",
                   c.created_at AS "createdAt", c.created_by AS "createdBy", c.updated_at AS "updatedAt", c.version,
                   cv.revision AS "currentRevision", pv.revision AS "publishedRevision",
                   (SELECT json_agg(json_build_object('id', v.id, 'revision', v.revision, 'rating', v.rating,
                           'explanation', v.explanation, 'authorId', v.author_id, 'createdAt', v.created_at,
                           'publishedBy', v.published_by, 'publishedAt', v.published_at) ORDER BY v.revision)
                      FROM verdict v WHERE v.claim_id = c.id) AS verdicts,
                   (SELECT json_agg(json_build_object('id', a.id, 'articleId', a.article_id, 'start', a.start_pos,
                           'end', a.end_pos, 'exact', a.exact, 'prefix', a.prefix, 'suffix', a.suffix,
                           'createdBy', a.created_by, 'createdAt', a.created_at, 'updatedAt', a.updated_at,
                           'version', a.version) ORDER BY a.id)
                      FROM annotation a WHERE a.claim_id = c.id) AS annotations,
                   (SELECT json_agg(json_build_object('id', e.id, 'url', e.url, 'title', e.title, 'publisher', e.publisher,
                           'stance', e.stance, 'excerpt', e.excerpt, 'note', e.note, 'createdBy', e.created_by,
                           'createdAt', e.created_at) ORDER BY e.id)
                      FROM evidence e WHERE e.claim_id = c.id) AS evidence,
                   (SELECT json_agg(json_build_object('id', m.id, 'authorId', m.author_id, 'body', m.body,
                           'createdAt', m.created_at, 'updatedAt', m.updated_at, 'deletedAt', m.deleted_at,
                           'version', m.version,
                           'mentions', (SELECT json_agg(json_build_object('id', n.id, 'userId', n.user_id,
                                               'createdAt', n.created_at, 'readAt', n.read_at) ORDER BY n.id)
                                          FROM mention n WHERE n.comment_id = m.id)) ORDER BY m.id)
                      FROM comment m WHERE m.claim_id = c.id) AS comments
              FROM claim c
              LEFT JOIN verdict cv ON cv.id = c.current_verdict_id
              LEFT JOIN verdict pv ON pv.id = c.published_verdict_id
             ORDER BY c.id"""},
        {"event", """
            SELECT id, at, actor_id AS "actorId", type, article_id AS "articleId", claim_id AS "claimId",
                   subject_id AS "subjectId", recipient_id AS "recipientId", before, after
              FROM event ORDER BY id"""},
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    DeskArchive(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public void write(OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                String schema;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1");
                     ResultSet rs = ps.executeQuery()) {
                    schema = rs.next() ? rs.getString(1) : null;
                }
                JsonGenerator json = mapper.getFactory().createGenerator(out);
                json.writeStartObject();
                json.writeStringField("kind", KIND);
                json.writeNumberField("version", VERSION);
                json.writeStringField("schema", schema);
                json.writeStringField("createdAt", Instant.now().toString());
                json.writeEndObject();
                json.writeRaw('\n');
                for (String[] section : SECTIONS) {
                    try (PreparedStatement ps = c.prepareStatement(section[1], ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                        ps.setFetchSize(200);
                        try (ResultSet rs = ps.executeQuery()) {
                            ResultSetMetaData meta = rs.getMetaData();
                            while (rs.next()) {
                                writeRow(json, section[0], rs, meta);
                                json.writeRaw('\n');
                            }
                        }
                    }
                }
                json.flush();
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IOException("archive query failed", e);
        }
    }

    private void writeRow(JsonGenerator json, String kind, ResultSet rs, ResultSetMetaData meta) throws SQLException, IOException {
        json.writeStartObject();
        json.writeStringField("kind", kind);
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i);
            int type = meta.getColumnType(i);
            String typeName = meta.getColumnTypeName(i);
            json.writeFieldName(name);
            if (typeName.equals("json") || typeName.equals("jsonb")) {
                String raw = rs.getString(i);
                if (raw == null) {
                    json.writeNull();
                } else {
                    json.writeTree(mapper.readTree(raw));
                }
            } else if (type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIMESTAMP) {
                java.sql.Timestamp t = rs.getTimestamp(i);
                if (t == null) {
                    json.writeNull();
                } else {
                    json.writeString(t.toInstant().toString());
                }
            } else if (type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT) {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    json.writeNull();
                } else {
                    json.writeNumber(v);
                }
            } else if (type == Types.BOOLEAN || type == Types.BIT) {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    json.writeNull();
                } else {
                    json.writeBoolean(v);
                }
            } else {
                String v = rs.getString(i);
                if (v == null) {
                    json.writeNull();
                } else {
                    json.writeString(v);
                }
            }
        }
        json.writeEndObject();
    }
}
