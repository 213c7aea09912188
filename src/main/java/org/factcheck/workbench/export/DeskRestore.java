package org.factcheck.workbench.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.factcheck.workbench.shared.ProblemException;

/**
 * Reads a {@link DeskArchive} back into an empty desk, in one transaction: everything or nothing. Ids of articles,
 * claims, highlights, verdicts, evidence and comments are kept, so links to them keep working. Users are matched
 * by username (the restoring admin keeps their account); other users come back without a password and must be
 * given one by an admin. Event rows are appended after the desk's own, in the archive's order.
 */
@ApplicationScoped
public class DeskRestore {

    /** A password hash that no password matches. */
    static final String NO_PASSWORD = "!restored-without-password";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    DeskRestore(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public record Summary(int users, int articles, int claims, int annotations, int verdicts, int evidence,
                          int comments, int events, int usersWithoutPassword) {
    }

    public Summary restore(BufferedReader lines) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                requireEmpty(c);
                Summary summary = readAll(c, lines);
                resetIdentities(c);
                c.commit();
                return summary;
            } catch (IOException | RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            if (org.factcheck.workbench.shared.DatabaseFailures.unwrapConstraint(e) != null) {
                throw ProblemException.badRequest("the archive breaks a rule of the data model (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            throw new IOException("restore failed", e);
        }
    }

    private static void requireEmpty(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM article) + (SELECT count(*) FROM claim)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw ProblemException.conflict("a restore needs an empty desk (no articles, no claims); this desk has content. "
                        + "Start the service on an empty database with workbench.seeds.import-on-start=false.");
            }
        }
    }

    private Summary readAll(Connection c, BufferedReader lines) throws IOException, SQLException {
        String header = lines.readLine();
        JsonNode head = header == null ? null : mapper.readTree(header);
        if (head == null || !DeskArchive.KIND.equals(head.path("kind").asText()) || head.path("version").asInt() != DeskArchive.VERSION) {
            throw ProblemException.badRequest("not a workbench archive (version " + DeskArchive.VERSION + "): the first line must be its header");
        }
        Map<Long, Long> users = new HashMap<>();
        int[] counts = new int[9];
        String line;
        int number = 1;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode r;
            try {
                r = mapper.readTree(line);
            } catch (IOException e) {
                throw ProblemException.badRequest("line " + number + " of the archive is not JSON");
            }
            switch (r.path("kind").asText()) {
                case "user" -> counts[restoreUser(c, r, users) ? 8 : 0] += 1;
                case "article" -> {
                    restoreArticle(c, r, users);
                    counts[1]++;
                }
                case "claim" -> {
                    int[] parts = restoreClaim(c, r, users);
                    counts[2]++;
                    counts[3] += parts[0];
                    counts[4] += parts[1];
                    counts[5] += parts[2];
                    counts[6] += parts[3];
                }
                case "event" -> {
                    restoreEvent(c, r, users);
                    counts[7]++;
                }
                default -> throw ProblemException.badRequest("line " + number + " has an unknown kind: " + r.path("kind").asText());
            }
        }
        return new Summary(counts[0] + counts[8], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7], counts[8]);
    }

    /** @return true when the user was created without a password */
    private boolean restoreUser(Connection c, JsonNode r, Map<Long, Long> users) throws SQLException {
        long archived = r.get("id").asLong();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM app_user WHERE username = ?")) {
            ps.setString(1, r.get("username").asText());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    users.put(archived, rs.getLong(1));
                    return false;
                }
            }
        }
        boolean idFree;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM app_user WHERE id = ?")) {
            ps.setLong(1, archived);
            try (ResultSet rs = ps.executeQuery()) {
                idFree = !rs.next();
            }
        }
        String sql = idFree
                ? "INSERT INTO app_user (id, username, display_name, password_hash, role, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"
                : "INSERT INTO app_user (username, display_name, password_hash, role, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (idFree) {
                ps.setLong(i++, archived);
            }
            ps.setString(i++, r.get("username").asText());
            ps.setString(i++, r.get("displayName").asText());
            ps.setString(i++, NO_PASSWORD);
            ps.setString(i++, r.get("role").asText());
            ps.setBoolean(i++, r.get("disabled").asBoolean());
            setTime(ps, i, r.get("createdAt"));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                users.put(archived, rs.getLong(1));
            }
        }
        return true;
    }

    private void restoreArticle(Connection c, JsonNode r, Map<Long, Long> users) throws SQLException {
        String body = r.get("body").asText();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO article (id, title, outlet, url, author, published_at, language, body, body_length, content_hash,
                                     created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, r.get("id").asLong());
            ps.setString(2, r.get("title").asText());
            setText(ps, 3, r.get("outlet"));
            setText(ps, 4, r.get("url"));
            setText(ps, 5, r.get("author"));
            setTime(ps, 6, r.get("publishedAt"));
            setText(ps, 7, r.get("language"));
            ps.setString(8, body);
            ps.setInt(9, body.codePointCount(0, body.length()));
            ps.setString(10, r.get("contentHash").asText());
            setTime(ps, 11, r.get("createdAt"));
            setUser(ps, 12, r.get("createdBy"), users);
            ps.executeUpdate();
        }
    }

    /** @return counts of annotations, verdicts, evidence and comments restored */
    private int[] restoreClaim(Connection c, JsonNode r, Map<Long, Long> users) throws SQLException {
        long claimId = r.get("id").asLong();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO claim (id, statement, claimant, claim_date, status, assignee_id, created_at, created_by, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, claimId);
            ps.setString(2, r.get("statement").asText());
            setText(ps, 3, r.get("claimant"));
            if (r.hasNonNull("claimDate")) {
                ps.setDate(4, java.sql.Date.valueOf(r.get("claimDate").asText()));
            } else {
                ps.setNull(4, Types.DATE);
            }
            ps.setString(5, r.get("status").asText());
            setUser(ps, 6, r.get("assigneeId"), users);
            setTime(ps, 7, r.get("createdAt"));
            setUser(ps, 8, r.get("createdBy"), users);
            setTime(ps, 9, r.get("updatedAt"));
            ps.setInt(10, r.get("version").asInt());
            ps.executeUpdate();
        }
        Map<Integer, Long> revisions = new LinkedHashMap<>();
        String rating = null;
        for (JsonNode v : r.path("verdicts")) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO verdict (id, claim_id, revision, rating, explanation, author_id, created_at, published_by, published_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setLong(1, v.get("id").asLong());
                ps.setLong(2, claimId);
                ps.setInt(3, v.get("revision").asInt());
                ps.setString(4, v.get("rating").asText());
                ps.setString(5, v.get("explanation").asText());
                setUser(ps, 6, v.get("authorId"), users);
                setTime(ps, 7, v.get("createdAt"));
                setUser(ps, 8, v.get("publishedBy"), users);
                setTime(ps, 9, v.get("publishedAt"));
                ps.executeUpdate();
            }
            revisions.put(v.get("revision").asInt(), v.get("id").asLong());
            if (r.path("currentRevision").asInt(-1) == v.get("revision").asInt()) {
                rating = v.get("rating").asText();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE claim SET current_verdict_id = ?, published_verdict_id = ?, rating = ? WHERE id = ?")) {
            setLong(ps, 1, r.hasNonNull("currentRevision") ? revisions.get(r.get("currentRevision").asInt()) : null);
            setLong(ps, 2, r.hasNonNull("publishedRevision") ? revisions.get(r.get("publishedRevision").asInt()) : null);
            if (rating == null) {
                ps.setNull(3, Types.VARCHAR);
            } else {
                ps.setString(3, rating);
            }
            ps.setLong(4, claimId);
            ps.executeUpdate();
        }
        int annotations = 0;
        for (JsonNode a : r.path("annotations")) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO annotation (id, article_id, claim_id, start_pos, end_pos, exact, prefix, suffix, created_by,
                                            created_at, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setLong(1, a.get("id").asLong());
                ps.setLong(2, a.get("articleId").asLong());
                ps.setLong(3, claimId);
                ps.setInt(4, a.get("start").asInt());
                ps.setInt(5, a.get("end").asInt());
                ps.setString(6, a.get("exact").asText());
                ps.setString(7, a.get("prefix").asText());
                ps.setString(8, a.get("suffix").asText());
                setUser(ps, 9, a.get("createdBy"), users);
                setTime(ps, 10, a.get("createdAt"));
                setTime(ps, 11, a.hasNonNull("updatedAt") ? a.get("updatedAt") : a.get("createdAt"));
                ps.setInt(12, a.path("version").asInt(0));
                ps.executeUpdate();
            }
            annotations++;
        }
        int evidence = 0;
        for (JsonNode e : r.path("evidence")) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO evidence (id, claim_id, url, title, publisher, stance, excerpt, note, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setLong(1, e.get("id").asLong());
                ps.setLong(2, claimId);
                ps.setString(3, e.get("url").asText());
                setText(ps, 4, e.get("title"));
                setText(ps, 5, e.get("publisher"));
                ps.setString(6, e.get("stance").asText());
                setText(ps, 7, e.get("excerpt"));
                setText(ps, 8, e.get("note"));
                setUser(ps, 9, e.get("createdBy"), users);
                setTime(ps, 10, e.get("createdAt"));
                ps.executeUpdate();
            }
            evidence++;
        }
        int comments = 0;
        for (JsonNode m : r.path("comments")) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO comment (id, claim_id, author_id, body, created_at, updated_at, deleted_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setLong(1, m.get("id").asLong());
                ps.setLong(2, claimId);
                setUser(ps, 3, m.get("authorId"), users);
                ps.setString(4, m.get("body").asText());
                setTime(ps, 5, m.get("createdAt"));
                setTime(ps, 6, m.get("updatedAt"));
                setTime(ps, 7, m.get("deletedAt"));
                ps.setInt(8, m.path("version").asInt(0));
                ps.executeUpdate();
            }
            for (JsonNode n : m.path("mentions")) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO mention (id, comment_id, claim_id, user_id, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, n.get("id").asLong());
                    ps.setLong(2, m.get("id").asLong());
                    ps.setLong(3, claimId);
                    setUser(ps, 4, n.get("userId"), users);
                    setTime(ps, 5, n.get("createdAt"));
                    setTime(ps, 6, n.get("readAt"));
                    ps.executeUpdate();
                }
            }
            comments++;
        }
        return new int[] {annotations, revisions.size(), evidence, comments};
    }

    private void restoreEvent(Connection c, JsonNode r, Map<Long, Long> users) throws SQLException {
        String type = r.get("type").asText();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO event (at, actor_id, type, article_id, claim_id, subject_id, recipient_id, before, after)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))""")) {
            setTime(ps, 1, r.get("at"));
            setUser(ps, 2, r.get("actorId"), users);
            ps.setString(3, type);
            setLong(ps, 4, r.hasNonNull("articleId") ? r.get("articleId").asLong() : null);
            setLong(ps, 5, r.hasNonNull("claimId") ? r.get("claimId").asLong() : null);
            Long subject = r.hasNonNull("subjectId") ? r.get("subjectId").asLong() : null;
            if (subject != null && (type.startsWith("user.") || type.startsWith("presence."))) {
                subject = users.getOrDefault(subject, subject);
            }
            setLong(ps, 6, subject);
            setUser(ps, 7, r.get("recipientId"), users);
            ps.setString(8, r.hasNonNull("before") ? mapper.writeValueAsString(r.get("before")) : null);
            ps.setString(9, r.hasNonNull("after") ? mapper.writeValueAsString(r.get("after")) : null);
            ps.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Identity columns continue after the restored ids. */
    private static void resetIdentities(Connection c) throws SQLException {
        for (String table : new String[] {"app_user", "article", "claim", "verdict", "annotation", "evidence", "comment", "mention"}) {
            try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                    + "greatest((SELECT coalesce(max(id), 0) FROM " + table + "), 1))")) {
                ps.execute();
            }
        }
    }

    private static void setUser(PreparedStatement ps, int i, JsonNode archivedId, Map<Long, Long> users) throws SQLException {
        if (archivedId == null || archivedId.isNull()) {
            ps.setNull(i, Types.BIGINT);
            return;
        }
        Long local = users.get(archivedId.asLong());
        if (local == null) {
            throw ProblemException.badRequest("the archive names user " + archivedId.asLong() + " before (or without) its user record");
        }
        ps.setLong(i, local);
    }

    private static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    private static void setText(PreparedStatement ps, int i, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value.asText());
        }
    }

    private static void setTime(PreparedStatement ps, int i, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            String text = value.asText();
            Instant instant = text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
            ps.setTimestamp(i, Timestamp.from(instant));
        }
    }
}
