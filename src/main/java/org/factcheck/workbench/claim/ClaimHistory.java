package org.factcheck.workbench.claim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.factcheck.workbench.claim.ClaimViews.VerdictView;
import org.factcheck.workbench.shared.Cursors;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.Rows;

/** A claim's audit trail, read from the event log, and every revision of its verdict. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ClaimHistory {

    private static final String HISTORY_SQL = """
            SELECT e.id, e.at, u.username, e.type, e.article_id, e.subject_id, e.before::text, e.after::text
              FROM event e LEFT JOIN app_user u ON u.id = e.actor_id
             WHERE e.claim_id = :claim AND e.id > :after
             ORDER BY e.id
             LIMIT :limit""";

    private static final String REVISIONS_SQL = """
            SELECT v.revision, v.rating, v.explanation, a.username, v.created_at, p.username, v.published_at
              FROM verdict v
              LEFT JOIN app_user a ON a.id = v.author_id
              LEFT JOIN app_user p ON p.id = v.published_by
             WHERE v.claim_id = :claim
             ORDER BY v.revision""";

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final RatingScale ratings;

    ClaimHistory(EntityManager em, ObjectMapper mapper, RatingScale ratings) {
        this.em = em;
        this.mapper = mapper;
        this.ratings = ratings;
    }

    /** One step of the history: {@code changes} maps each field that changed to {@code {from, to}}. */
    public record HistoryEntry(long id, Instant at, String actor, String type, Long articleId, Long subjectId,
                               Map<String, Change> changes) {
    }

    public record Change(JsonNode from, JsonNode to) {
    }

    public record HistoryPage(List<HistoryEntry> items, String nextCursor) {
    }

    public record RevisionList(List<VerdictView> items) {
    }

    /** Oldest first; the cursor pages forward. */
    public HistoryPage history(long claimId, String limit, String cursor) {
        requireClaim(claimId);
        int pageSize = limit == null || limit.isEmpty() ? Cursors.MAX_LIMIT : Cursors.limit(limit);
        long after = cursor == null || cursor.isEmpty() ? 0 : Cursors.decode(cursor);
        List<?> rows = em.createNativeQuery(HISTORY_SQL).setParameter("claim", claimId).setParameter("after", after)
                .setParameter("limit", pageSize + 1).getResultList();
        List<HistoryEntry> items = new ArrayList<>();
        for (Object row : rows.subList(0, Math.min(rows.size(), pageSize))) {
            Object[] r = (Object[]) row;
            items.add(new HistoryEntry(Rows.toLongValue(r[0]), Rows.toInstant(r[1]), (String) r[2], (String) r[3],
                    Rows.toLong(r[4]), Rows.toLong(r[5]), changes(read((String) r[6]), read((String) r[7]))));
        }
        String next = rows.size() > pageSize ? Cursors.encode(items.get(items.size() - 1).id()) : null;
        return new HistoryPage(items, next);
    }

    public RevisionList revisions(long claimId) {
        requireClaim(claimId);
        List<?> rows = em.createNativeQuery(REVISIONS_SQL).setParameter("claim", claimId).getResultList();
        List<VerdictView> items = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            String rating = (String) r[1];
            items.add(new VerdictView(Rows.toInt(r[0]), rating, ratings.label(rating), (String) r[2],
                    r[6] == null ? "draft" : "published", (String) r[3], Rows.toInstant(r[4]), (String) r[5],
                    Rows.toInstant(r[6])));
        }
        return new RevisionList(items);
    }

    public VerdictView revision(long claimId, int revision) {
        return revisions(claimId).items().stream().filter(v -> v.revision() == revision).findFirst()
                .orElseThrow(() -> ProblemException.notFound("revision " + revision + " of the verdict of claim " + claimId));
    }

    private void requireClaim(long claimId) {
        if (em.find(Claim.class, claimId) == null) {
            throw ProblemException.notFound("claim " + claimId);
        }
    }

    private JsonNode read(String json) {
        if (json == null) {
            return NullNode.getInstance();
        }
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("event payload is not JSON", e);
        }
    }

    /** Field by field: what it was before and after the event (null on the side where it did not exist). */
    static Map<String, Change> changes(JsonNode before, JsonNode after) {
        Set<String> fields = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        for (Iterator<String> it = after.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode from = before.isObject() && before.has(field) ? before.get(field) : NullNode.getInstance();
            JsonNode to = after.isObject() && after.has(field) ? after.get(field) : NullNode.getInstance();
            if (!from.equals(to)) {
                changes.put(field, new Change(from, to));
            }
        }
        return changes;
    }
}
