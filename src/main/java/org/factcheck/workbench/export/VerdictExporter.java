package org.factcheck.workbench.export;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.factcheck.workbench.claim.RatingScale;
import org.factcheck.workbench.claim.ClaimViews.RatingView;
import org.factcheck.workbench.shared.WorkbenchConfig;

/**
 * Streams the export straight from a PostgreSQL cursor to the response: rows are fetched 2,000 at a time
 * and written as they come, so memory stays flat whether the desk has a hundred claims or a million.
 */
@ApplicationScoped
public class VerdictExporter {

    static final int FETCH_SIZE = 2_000;

    private static final String SELECT = """
            SELECT c.id, c.statement, c.claimant, c.claim_date, c.status, c.created_at, c.updated_at,
                   v.revision, v.rating, v.explanation, va.username, v.created_at, vp.username, v.published_at,
                   (SELECT json_agg(json_build_object('articleId', an.article_id, 'articleTitle', ar.title,
                                    'articleUrl', ar.url, 'contentHash', ar.content_hash, 'start', an.start_pos,
                                    'end', an.end_pos, 'exact', an.exact, 'prefix', an.prefix, 'suffix', an.suffix)
                                    ORDER BY an.id)
                      FROM annotation an JOIN article ar ON ar.id = an.article_id
                     WHERE an.claim_id = c.id)::text,
                   (SELECT json_agg(json_build_object('url', e.url, 'title', e.title, 'publisher', e.publisher,
                                    'stance', e.stance, 'excerpt', e.excerpt, 'note', e.note,
                                    'createdBy', eu.username, 'createdAt', e.created_at) ORDER BY e.id)
                      FROM evidence e LEFT JOIN app_user eu ON eu.id = e.created_by
                     WHERE e.claim_id = c.id)::text
              FROM claim c
            """;

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    /** Readers of the two JSON columns, resolved once rather than for every row. */
    private final ObjectReader appearances;
    private final ObjectReader evidence;
    private final RatingScale ratings;
    private final WorkbenchConfig config;

    VerdictExporter(AgroalDataSource dataSource, ObjectMapper mapper, RatingScale ratings, WorkbenchConfig config) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.appearances = mapper.readerFor(new TypeReference<List<ExportRecord.Appearance>>() { });
        this.evidence = mapper.readerFor(new TypeReference<List<ExportRecord.Evidence>>() { });
        this.ratings = ratings;
        this.config = config;
    }

    /** The SQL and its parameters for a query; public for the benchmark's baseline, which runs the same join. */
    public static Sql sql(ExportQuery q) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> params = new ArrayList<>();
        sql.append(q.publishedOnly() ? " JOIN verdict v ON v.id = c.published_verdict_id"
                : " LEFT JOIN verdict v ON v.id = c.current_verdict_id");
        sql.append(" LEFT JOIN app_user va ON va.id = v.author_id LEFT JOIN app_user vp ON vp.id = v.published_by WHERE true");
        if (q.articleId() != null) {
            sql.append(" AND c.id IN (SELECT a.claim_id FROM annotation a WHERE a.article_id = ?)");
            params.add(q.articleId());
        }
        if (q.since() != null) {
            sql.append(" AND c.updated_at >= ?");
            params.add(Timestamp.from(q.since()));
        }
        if (q.rating() != null) {
            sql.append(" AND v.rating = ?");
            params.add(q.rating());
        }
        if (q.status() != null) {
            sql.append(" AND c.status = ?");
            params.add(q.status());
        }
        sql.append(" ORDER BY c.id");
        return new Sql(sql.toString(), params);
    }

    public record Sql(String text, List<Object> params) {
    }

    /** @param base the desk's public address, for the absolute URLs of ClaimReview */
    public void write(ExportQuery query, String base, OutputStream out) throws IOException {
        RecordWriter writer = switch (query.format()) {
            case JSON -> new JsonWriters.Array(mapper, out);
            case NDJSON -> new JsonWriters.Lines(mapper, out);
            case CSV -> new CsvRecordWriter(out);
            case CLAIMREVIEW -> new ClaimReviewWriter(mapper, out, config.desk(), base);
        };
        Sql sql = sql(query);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql.text(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < sql.params().size(); i++) {
                    ps.setObject(i + 1, sql.params().get(i));
                }
                writer.start();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        writer.write(record(rs));
                    }
                }
                writer.finish();
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IOException("export query failed", e);
        }
    }

    private ExportRecord record(ResultSet rs) throws SQLException, IOException {
        ExportRecord.Verdict verdict = null;
        String rating = rs.getString(9);
        if (rating != null) {
            RatingView scale = ratings.find(rating).orElse(null);
            Timestamp publishedAt = rs.getTimestamp(14);
            verdict = new ExportRecord.Verdict(rs.getInt(8), rating, scale == null ? rating : scale.label(),
                    scale == null ? null : scale.value(), rs.getString(10), publishedAt == null ? "draft" : "published",
                    rs.getString(11), instant(rs.getTimestamp(12)), rs.getString(13), instant(publishedAt));
        }
        java.sql.Date claimDate = rs.getDate(4);
        return new ExportRecord(rs.getLong(1), rs.getString(2), rs.getString(3), claimDate == null ? null : claimDate.toLocalDate(),
                rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), verdict,
                list(rs.getString(15), appearances), list(rs.getString(16), evidence));
    }

    private static <T> List<T> list(String json, ObjectReader reader) throws IOException {
        return json == null ? List.of() : reader.readValue(json);
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
