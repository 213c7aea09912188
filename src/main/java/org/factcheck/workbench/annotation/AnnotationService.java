package org.factcheck.workbench.annotation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.factcheck.workbench.annotation.AnnotationViews.AnnotationList;
import org.factcheck.workbench.annotation.AnnotationViews.AnnotationView;
import org.factcheck.workbench.annotation.AnnotationViews.ClaimRef;
import org.factcheck.workbench.annotation.AnnotationViews.CreateAnnotationRequest;
import org.factcheck.workbench.article.TextNormalizer;
import org.factcheck.workbench.claim.Claim;
import org.factcheck.workbench.claim.ClaimService;
import org.factcheck.workbench.event.EventLog;
import org.factcheck.workbench.event.EventType;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.Problem;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.Rows;
import org.factcheck.workbench.user.WorkbenchUser;

/**
 * Highlights. The quote is checked against the stored body inside PostgreSQL, whose substr counts code points
 * exactly as the API does, so the body never travels to the service for it.
 */
@ApplicationScoped
@Transactional
public class AnnotationService {

    public static final int CONTEXT_LENGTH = 32;

    /**
     * The text at the requested span and its context, cut by PostgreSQL in code points. Run only once the span is
     * known to lie inside the body, so that the integer arithmetic on the positions cannot overflow.
     */
    private static final String SPAN_SQL = """
            SELECT substr(a.body, :start + 1, :end - :start),
                   substr(a.body, greatest(:start - 31, 1), least(:start, 32)),
                   substr(a.body, :end + 1, 32)
              FROM article a WHERE a.id = :articleId""";

    private static final String SELECT = """
            SELECT an.id, an.article_id, an.claim_id, an.start_pos, an.end_pos, an.exact, an.prefix, an.suffix,
                   u.username, an.created_at, c.statement, c.status, c.rating, v.published_at IS NOT NULL
              FROM annotation an
              JOIN claim c ON c.id = an.claim_id
              LEFT JOIN verdict v ON v.id = c.current_verdict_id
              LEFT JOIN app_user u ON u.id = an.created_by""";
    /** An article's highlights with their claims and current ratings, in one statement. */
    private static final String LIST_SQL = SELECT + " WHERE an.article_id = :articleId ORDER BY an.start_pos, an.id";
    private static final String ONE_SQL = SELECT + " WHERE an.id = :id";

    private final EntityManager em;
    private final ClaimService claims;
    private final EventLog events;

    AnnotationService(EntityManager em, ClaimService claims, EventLog events) {
        this.em = em;
        this.claims = claims;
        this.events = events;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AnnotationList list(long articleId) {
        List<?> rows = em.createNativeQuery(LIST_SQL).setParameter("articleId", articleId).getResultList();
        if (rows.isEmpty() && em.createQuery("SELECT count(a) FROM Article a WHERE a.id = :id", Long.class)
                .setParameter("id", articleId).getSingleResult() == 0) {
            throw ProblemException.notFound("article " + articleId);
        }
        List<AnnotationView> items = new ArrayList<>(rows.size());
        for (Object row : rows) {
            items.add(view((Object[]) row));
        }
        return new AnnotationList(items);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AnnotationView get(long id) {
        List<?> rows = em.createNativeQuery(ONE_SQL).setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("annotation " + id);
        }
        return view((Object[]) rows.get(0));
    }

    private static AnnotationView view(Object[] r) {
        String rating = (String) r[12];
        ClaimRef claim = new ClaimRef(Rows.toLongValue(r[2]), (String) r[10], (String) r[11], rating,
                rating == null ? null : Boolean.TRUE.equals(r[13]) ? "published" : "draft");
        return new AnnotationView(Rows.toLongValue(r[0]), Rows.toLongValue(r[1]), Rows.toLongValue(r[2]),
                Rows.toInt(r[3]), Rows.toInt(r[4]), (String) r[5], (String) r[6], (String) r[7], (String) r[8],
                Rows.toInstant(r[9]), claim);
    }

    public AnnotationView create(long articleId, CreateAnnotationRequest request, WorkbenchUser actor) {
        FieldErrors errors = new FieldErrors();
        if (request.start() == null) {
            errors.add("start", "is required (a code-point offset, 0 or more)");
        } else if (request.start() < 0) {
            errors.add("start", "must be 0 or more");
        }
        if (request.end() == null) {
            errors.add("end", "is required (a code-point offset after start)");
        } else if (request.start() != null && request.end() <= request.start()) {
            errors.add("end", "must be greater than start (an annotation covers at least one character)");
        }
        if (request.exact() == null || request.exact().isEmpty()) {
            errors.add("exact", "is required: the exact text between start and end");
        }
        if (request.claimId() != null && request.claim() != null) {
            errors.add("claim", "give either claimId (an existing claim) or claim (a new one), not both");
        }
        String statement = null;
        String claimant = null;
        LocalDate claimDate = null;
        if (request.claim() != null) {
            statement = errors.maxLength("claim.statement", TextNormalizer.normalizeLine(request.claim().statement()), ClaimService.MAX_STATEMENT);
            claimant = errors.maxLength("claim.claimant", TextNormalizer.normalizeLine(request.claim().claimant()), 500);
            claimDate = errors.date("claim.claimDate", request.claim().claimDate());
        }
        errors.throwIfAny();

        int start = request.start();
        int end = request.end();
        Integer length = em.createQuery("SELECT a.bodyLength FROM Article a WHERE a.id = :id", Integer.class)
                .setParameter("id", articleId).getResultStream().findFirst().orElse(null);
        if (length == null) {
            throw ProblemException.notFound("article " + articleId);
        }
        if (end > length) {
            throw ProblemException.invalidField("end", "is beyond the end of the article, which has " + length + " code points");
        }
        List<?> spans = em.createNativeQuery(SPAN_SQL).setParameter("start", start).setParameter("end", end)
                .setParameter("articleId", articleId).getResultList();
        if (spans.isEmpty()) {
            throw ProblemException.notFound("article " + articleId);
        }
        Object[] span = (Object[]) spans.get(0);
        String actual = (String) span[0];
        if (!actual.equals(request.exact())) {
            throw ProblemException.unprocessable("quote-mismatch",
                    "exact does not match the article's text between " + start + " and " + end + " (positions count Unicode code points)",
                    List.of(new Problem.FieldError("exact", "the text at these positions is: " + abbreviate(actual))));
        }

        if (actual.isBlank()) {
            throw ProblemException.invalidField("exact", "must contain at least one character that is not white space");
        }

        Claim claim;
        boolean newClaim = request.claimId() == null;
        if (newClaim) {
            claim = claims.create(statement != null ? statement : defaultStatement(actual), claimant, claimDate, actor, articleId);
        } else {
            claim = em.find(Claim.class, request.claimId());
            if (claim == null) {
                throw ProblemException.unprocessable("unknown-claim", "claim " + request.claimId() + " does not exist",
                        List.of(new Problem.FieldError("claimId", "no claim has this id")));
            }
            boolean duplicate = em.createQuery("""
                            SELECT count(a) FROM Annotation a
                             WHERE a.articleId = :article AND a.claimId = :claim AND a.startPos = :start AND a.endPos = :end""", Long.class)
                    .setParameter("article", articleId).setParameter("claim", claim.id)
                    .setParameter("start", start).setParameter("end", end).getSingleResult() > 0;
            if (duplicate) {
                throw ProblemException.conflict("this passage is already highlighted for claim " + claim.id);
            }
            claims.touch(claim.id);
        }
        Annotation annotation = new Annotation();
        annotation.articleId = articleId;
        annotation.claimId = claim.id;
        annotation.startPos = start;
        annotation.endPos = end;
        annotation.exact = actual;
        annotation.prefix = (String) span[1];
        annotation.suffix = (String) span[2];
        annotation.createdBy = actor.id();
        annotation.persist();
        em.flush();
        em.refresh(annotation);
        events.record(EventType.ANNOTATION_CREATED, actor, articleId, claim.id, annotation.id, null, snapshot(annotation));
        String rating = claim.rating;
        ClaimRef ref = new ClaimRef(claim.id, claim.statement, claim.statusKey, rating,
                rating == null ? null : claim.publishedVerdictId != null && claim.publishedVerdictId.equals(claim.currentVerdictId) ? "published" : "draft");
        return new AnnotationView(annotation.id, articleId, claim.id, start, end, annotation.exact, annotation.prefix,
                annotation.suffix, actor.username(), annotation.createdAt, ref);
    }

    public void delete(long id, WorkbenchUser actor) {
        Annotation annotation = em.find(Annotation.class, id);
        if (annotation == null) {
            throw ProblemException.notFound("annotation " + id);
        }
        events.record(EventType.ANNOTATION_DELETED, actor, annotation.articleId, annotation.claimId, id, snapshot(annotation), null);
        claims.touch(annotation.claimId);
        annotation.delete();
    }

    /** The quote as a one-line statement, which the analyst then restates. */
    static String defaultStatement(String quote) {
        String line = TextNormalizer.normalizeLine(quote.replaceAll("\\s+", " "));
        if (line == null) {
            return quote;
        }
        return line.codePointCount(0, line.length()) <= ClaimService.MAX_STATEMENT ? line
                : line.substring(0, line.offsetByCodePoints(0, ClaimService.MAX_STATEMENT - 1)) + "…";
    }

    private static String abbreviate(String text) {
        int max = 200;
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
    }

    private static Map<String, Object> snapshot(Annotation a) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("articleId", a.articleId);
        s.put("claimId", a.claimId);
        s.put("start", a.startPos);
        s.put("end", a.endPos);
        s.put("exact", a.exact);
        return s;
    }
}
