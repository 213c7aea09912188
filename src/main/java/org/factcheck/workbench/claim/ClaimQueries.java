package org.factcheck.workbench.claim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.factcheck.workbench.claim.ClaimViews.ClaimAnnotationView;
import org.factcheck.workbench.claim.ClaimViews.ClaimPage;
import org.factcheck.workbench.claim.ClaimViews.ClaimSummary;
import org.factcheck.workbench.claim.ClaimViews.ClaimView;
import org.factcheck.workbench.claim.ClaimViews.VerdictView;
import org.factcheck.workbench.evidence.EvidenceViews.EvidenceView;
import org.factcheck.workbench.shared.Cursors;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.NamedSql;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.Rows;

/** The read side of claims: a whole claim in one round trip of three indexed queries, and keyset-paged lists. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ClaimQueries {

    /** Columns of a verdict revision joined as {@code <alias>} with its author and publisher. */
    private static String verdictColumns(String v) {
        return v + ".revision, " + v + ".rating, " + v + ".explanation, " + v + "a.username, " + v + ".created_at, "
                + v + "p.username, " + v + ".published_at";
    }

    private static String verdictJoins(String v, String column) {
        return " LEFT JOIN verdict " + v + " ON " + v + ".id = c." + column
                + " LEFT JOIN app_user " + v + "a ON " + v + "a.id = " + v + ".author_id"
                + " LEFT JOIN app_user " + v + "p ON " + v + "p.id = " + v + ".published_by";
    }

    private static final String CLAIM_SQL = "SELECT c.id, c.statement, c.claimant, c.claim_date, c.status, asg.username,"
            + " c.created_at, cb.username, c.updated_at, c.version, " + verdictColumns("cv") + ", " + verdictColumns("pv")
            + " FROM claim c"
            + " LEFT JOIN app_user asg ON asg.id = c.assignee_id"
            + " LEFT JOIN app_user cb ON cb.id = c.created_by"
            + verdictJoins("cv", "current_verdict_id")
            + verdictJoins("pv", "published_verdict_id")
            + " WHERE c.id = :id";
    private static final String EVIDENCE_SELECT = """
            SELECT e.id, e.claim_id, e.url, e.title, e.publisher, e.stance, e.excerpt, e.note, u.username, e.created_at
              FROM evidence e LEFT JOIN app_user u ON u.id = e.created_by""";
    private static final NamedSql ONE_EVIDENCE = NamedSql.parse(EVIDENCE_SELECT + " WHERE e.id = :id");
    private static final String EVIDENCE_OF_CLAIM = EVIDENCE_SELECT + " WHERE e.claim_id = :id ORDER BY e.id";
    private static final NamedSql EVIDENCE = NamedSql.parse(EVIDENCE_OF_CLAIM);
    private static final String ANNOTATIONS_OF_CLAIM = """
            SELECT an.id, an.article_id, ar.title, an.start_pos, an.end_pos, an.exact, an.prefix, an.suffix,
                   u.username, an.created_at
              FROM annotation an
              JOIN article ar ON ar.id = an.article_id
              LEFT JOIN app_user u ON u.id = an.created_by
             WHERE an.claim_id = :id
             ORDER BY an.id""";
    /** A whole claim in one round trip: its row, its evidence and its highlights, three statements sent together. */
    private static final NamedSql CLAIM = NamedSql.parse(CLAIM_SQL + ";\n" + EVIDENCE_OF_CLAIM + ";\n" + ANNOTATIONS_OF_CLAIM);
    private static final NamedSql CLAIM_FOR_UPDATE = NamedSql.parse(
            CLAIM_SQL + " FOR UPDATE OF c;\n" + EVIDENCE_OF_CLAIM + ";\n" + ANNOTATIONS_OF_CLAIM);

    private static final String LIST_COLUMNS = "SELECT c.id, c.statement, c.claimant, c.claim_date, c.status, asg.username,"
            + " c.rating, c.created_at, c.updated_at, c.version, " + verdictColumns("cv") + ","
            + " (SELECT count(*) FROM annotation an WHERE an.claim_id = c.id),"
            + " (SELECT count(*) FROM evidence e WHERE e.claim_id = c.id),"
            + " (SELECT an.article_id FROM annotation an WHERE an.claim_id = c.id ORDER BY an.id LIMIT 1),"
            + " (SELECT ar.title FROM annotation an JOIN article ar ON ar.id = an.article_id WHERE an.claim_id = c.id"
            + " ORDER BY an.id LIMIT 1)";
    private static final String LIST_JOINS = " LEFT JOIN app_user asg ON asg.id = c.assignee_id"
            + verdictJoins("cv", "current_verdict_id");
    private static final String LIST_SELECT = LIST_COLUMNS + " FROM claim c" + LIST_JOINS;
    private static final NamedSql PAGE_OF_IDS = NamedSql.parse(LIST_SELECT + " WHERE c.id = ANY(:ids) ORDER BY c.id DESC");
    private static final Map<String, NamedSql> LIST_SHAPES = new ConcurrentHashMap<>();

    /**
     * A text search, newest first, looks at this many of the newest claims (below the cursor) first, walking them in
     * key order and stopping at the first page of matches: frequent words are answered there at a bounded cost. Only
     * a search that does not fill its page there asks the full-text index for the older claims, whose matches are by
     * then likely few, and sorts those. Both steps find ids only; the page's columns are read for those ids alone.
     * (Left to itself, the planner walks the primary key backwards for any search, and a rare or phrase search then
     * reads the whole table.)
     */
    static final int SEARCH_WINDOW = 5_000;
    /**
     * The search's words as a query computed once per statement (an InitPlan). Written as the function call, a plan
     * cached for the statement (as PostgreSQL does after five runs on a connection) parses the words again for each
     * claim of the window it filters: 10 ms instead of 1.5 ms for a search with no match in the newest 5,000.
     */
    private static final String TEXT_MATCH = " AND c.search @@ (SELECT websearch_to_tsquery('simple', :q))";
    private static final String WINDOW = "(SELECT * FROM claim c0 WHERE c0.id < :cursor ORDER BY c0.id DESC LIMIT "
            + SEARCH_WINDOW + ")";

    private final EntityManager em;
    private final RatingScale ratings;

    ClaimQueries(EntityManager em, RatingScale ratings) {
        this.em = em;
        this.ratings = ratings;
    }

    public ClaimView get(long id) {
        return view(id, CLAIM);
    }

    /** The claim as {@link #get} shows it, its row locked until the transaction ends: what a change starts from. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ClaimView getForUpdate(long id) {
        return view(id, CLAIM_FOR_UPDATE);
    }

    private ClaimView view(long id, NamedSql sql) {
        ClaimView view = sql.queryEach(em, b -> b.setLong("id", id), results -> {
            List<Object[]> rows = results.next(ClaimQueries::allRows);
            List<EvidenceView> evidence = evidenceRows(results.next(ClaimQueries::allRows));
            List<ClaimAnnotationView> annotations = annotationRows(results.next(ClaimQueries::allRows));
            if (rows.isEmpty()) {
                return null;
            }
            Object[] r = rows.get(0);
            return new ClaimView(Rows.toLongValue(r[0]), (String) r[1], (String) r[2], Rows.toLocalDate(r[3]),
                    (String) r[4], (String) r[5], verdict(r, 10), verdict(r, 17), evidence, annotations,
                    Rows.toInstant(r[6]), (String) r[7], Rows.toInstant(r[8]), Rows.toInt(r[9]));
        });
        if (view == null) {
            throw ProblemException.notFound("claim " + id);
        }
        return view;
    }

    public EvidenceView oneEvidence(long id) {
        List<EvidenceView> found = evidenceRows(rows(ONE_EVIDENCE, id));
        if (found.isEmpty()) {
            throw ProblemException.notFound("evidence " + id);
        }
        return found.get(0);
    }

    public List<EvidenceView> evidence(long claimId) {
        return evidenceRows(rows(EVIDENCE, claimId));
    }

    private static List<EvidenceView> evidenceRows(List<Object[]> rows) {
        List<EvidenceView> items = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            items.add(new EvidenceView(Rows.toLongValue(r[0]), Rows.toLongValue(r[1]), (String) r[2], (String) r[3],
                    (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], Rows.toInstant(r[9])));
        }
        return items;
    }

    private static List<ClaimAnnotationView> annotationRows(List<Object[]> rows) {
        List<ClaimAnnotationView> items = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            items.add(new ClaimAnnotationView(Rows.toLongValue(r[0]), Rows.toLongValue(r[1]), (String) r[2],
                    Rows.toInt(r[3]), Rows.toInt(r[4]), (String) r[5], (String) r[6], (String) r[7], (String) r[8],
                    Rows.toInstant(r[9])));
        }
        return items;
    }

    /**
     * The rows of a statement whose one parameter is {@code :id}, over plain JDBC: the ORM's native queries resolve the
     * parameter and column types on every execution, which cost more than these small reads themselves.
     */
    private List<Object[]> rows(NamedSql sql, long id) {
        return sql.query(em, b -> b.setLong("id", id), ClaimQueries::allRows);
    }

    private static List<Object[]> allRows(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[columns];
            for (int i = 0; i < columns; i++) {
                row[i] = rs.getObject(i + 1);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Filters are validated here; only the ones given reach the SQL, so each shape gets its own plan. */
    public ClaimPage list(String articleId, String status, String rating, String q, String assignee, String sort,
                          String limit, String cursor) {
        int pageSize = Cursors.limit(limit);
        boolean byActivity = "activity".equals(sort);
        if (sort != null && !sort.isBlank() && !byActivity && !"newest".equals(sort)) {
            throw ProblemException.invalidField("sort", "must be newest (the default) or activity");
        }
        FieldErrors errors = new FieldErrors();
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (byActivity) {
            Cursors.TimeKey after = Cursors.decodeTime(cursor);
            if (after != null) {
                where.append(" AND (c.updated_at, c.id) < (:cursorAt, :cursorId)");
                params.put("cursorAt", java.time.OffsetDateTime.ofInstant(after.at(), java.time.ZoneOffset.UTC));
                params.put("cursorId", after.id());
            }
        } else {
            where.append(" AND c.id < :cursor");
            params.put("cursor", Cursors.decode(cursor));
        }
        if (articleId != null && !articleId.isBlank()) {
            try {
                params.put("articleId", Long.parseLong(articleId.strip()));
                where.append(" AND c.id IN (SELECT an.claim_id FROM annotation an WHERE an.article_id = :articleId)");
            } catch (NumberFormatException e) {
                errors.add("articleId", "must be an article id");
            }
        }
        if (status != null && !status.isBlank()) {
            if (ClaimStatus.fromKey(status).isEmpty()) {
                errors.add("status", "must be one of " + ClaimStatus.allowedKeys());
            }
            params.put("status", status);
            where.append(" AND c.status = :status");
        }
        if (rating != null && !rating.isBlank()) {
            if (ratings.find(rating).isEmpty()) {
                errors.add("rating", "must be one of " + ratings.keys());
            }
            params.put("rating", rating);
            where.append(" AND c.rating = :rating");
        }
        boolean textSearch = q != null && !q.isBlank();
        if (textSearch) {
            errors.storable("q", q);
            params.put("q", q.strip());
        }
        if (assignee != null && !assignee.isBlank()) {
            errors.storable("assignee", assignee);
            params.put("assignee", assignee.strip().toLowerCase(java.util.Locale.ROOT));
            where.append(" AND c.assignee_id = (SELECT u.id FROM app_user u WHERE u.username = :assignee)");
        }
        errors.throwIfAny();
        List<Object[]> rows;
        if (textSearch && !byActivity) {
            rows = searchNewestFirst(where.toString(), params, pageSize);
        } else {
            if (textSearch) {
                // the function call, not TEXT_MATCH: the planner estimates how many claims the words match when it
                // chooses between walking the activity order and asking the text index
                where.append(" AND c.search @@ websearch_to_tsquery('simple', :q)");
            }
            rows = page(LIST_SELECT + where
                    + (byActivity ? " ORDER BY c.updated_at DESC, c.id DESC" : " ORDER BY c.id DESC") + " LIMIT :limit",
                    params, pageSize);
        }
        List<ClaimSummary> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(rows.size(), pageSize))) {
            items.add(new ClaimSummary(Rows.toLongValue(r[0]), (String) r[1], (String) r[2], Rows.toLocalDate(r[3]),
                    (String) r[4], (String) r[5], (String) r[6], verdict(r, 10), Rows.toLongValue(r[17]),
                    Rows.toLongValue(r[18]), Rows.toLong(r[19]), (String) r[20], Rows.toInstant(r[7]), Rows.toInstant(r[8]),
                    Rows.toInt(r[9])));
        }
        String next = null;
        if (rows.size() > pageSize) {
            ClaimSummary last = items.get(items.size() - 1);
            next = byActivity ? Cursors.encode(new Cursors.TimeKey(last.updatedAt(), last.id())) : Cursors.encode(last.id());
        }
        return new ClaimPage(items, next);
    }

    /** See {@link #SEARCH_WINDOW}; {@code where} bounds {@code c.id} from above with the {@code cursor} parameter. */
    private List<Object[]> searchNewestFirst(String where, Map<String, Object> params, int pageSize) {
        List<Long> ids = ids("SELECT c.id FROM " + WINDOW + " c" + where + TEXT_MATCH + " ORDER BY c.id DESC LIMIT :limit",
                params, pageSize + 1);
        if (ids.size() <= pageSize) {
            // "c.id + 0" in the bound: the matches are filtered, not intersected with a bitmap of the primary key's
            // whole range below the window (tens of ms at a million claims, for a word with a few matches);
            // in the order: sorted after the index search, not read in key order
            ids.addAll(ids("SELECT c.id FROM claim c" + where + TEXT_MATCH
                    + " AND c.id + 0 < (SELECT coalesce(min(w.id), 0) FROM " + WINDOW + " w) ORDER BY c.id + 0 DESC LIMIT :limit",
                    params, pageSize + 1 - ids.size()));
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return PAGE_OF_IDS.query(em, b -> b.setLongs("ids", ids), ClaimQueries::allRows);
    }

    private List<Long> ids(String sql, Map<String, Object> params, int limit) {
        return statement(sql).query(em, b -> bind(b, params, limit), rs -> {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        });
    }

    private List<Object[]> page(String sql, Map<String, Object> params, int pageSize) {
        return statement(sql).query(em, b -> bind(b, params, pageSize + 1), ClaimQueries::allRows);
    }

    private static void bind(NamedSql.Bound b, Map<String, Object> params, int limit) throws SQLException {
        for (Map.Entry<String, Object> p : params.entrySet()) {
            b.setObject(p.getKey(), p.getValue());
        }
        b.setInt("limit", limit);
    }

    /** The list's statements, parsed once per shape (which filters are given): a few dozen at most. */
    private static NamedSql statement(String sql) {
        return LIST_SHAPES.computeIfAbsent(sql, NamedSql::parse);
    }

    /** The verdict whose seven columns start at {@code i}, or null when the join found none. */
    private VerdictView verdict(Object[] r, int i) {
        if (r[i] == null) {
            return null;
        }
        String rating = (String) r[i + 1];
        return new VerdictView(Rows.toInt(r[i]), rating, ratings.label(rating), (String) r[i + 2],
                r[i + 6] == null ? "draft" : "published", (String) r[i + 3], Rows.toInstant(r[i + 4]),
                (String) r[i + 5], Rows.toInstant(r[i + 6]));
    }
}
