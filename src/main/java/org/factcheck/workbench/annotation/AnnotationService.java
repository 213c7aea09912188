package org.factcheck.workbench.annotation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.factcheck.workbench.annotation.AnnotationViews.AnnotationList;
import org.hibernate.Session;
import org.factcheck.workbench.annotation.AnnotationViews.AnnotationView;
import org.factcheck.workbench.annotation.AnnotationViews.ClaimRef;
import org.factcheck.workbench.annotation.AnnotationViews.CreateAnnotationRequest;
import org.factcheck.workbench.article.TextNormalizer;
import org.factcheck.workbench.claim.Claim;
import org.factcheck.workbench.claim.ClaimService;
import org.factcheck.workbench.event.EventLog;
import org.factcheck.workbench.event.EventType;
import org.factcheck.workbench.shared.ETags;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.NamedSql;
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
     * The body's length and the text at the requested span with its context, cut by PostgreSQL in code points, in one
     * statement. Positions are first clamped to the body (0 <= start < end is checked before), so the integer
     * arithmetic cannot overflow whatever the client sent; a span past the end is refused after. The body is cut once,
     * to a window from the prefix's start to the suffix's end, and the three parts are cut from that window: each cut
     * of the body itself decompresses it and counts its characters from the start (OFFSET 0 keeps the window from
     * being inlined into the three).
     */
    private static final String SPAN_SELECT = """
            SELECT w.article_id, w.body_length,
                   substr(w.excerpt, w.st - w.ws + 1, w.en - w.st) AS exact,
                   substr(w.excerpt, 1, w.st - w.ws) AS prefix,
                   substr(w.excerpt, w.en - w.ws + 1, 32) AS suffix
              FROM (SELECT a.id AS article_id, a.body_length, p.st, p.en, p.ws, substr(a.body, p.ws + 1, p.en + 32 - p.ws) AS excerpt
                      FROM article a,
                           LATERAL (SELECT least(:start, a.body_length) AS st, least(:end, a.body_length) AS en,
                                           greatest(least(:start, a.body_length) - 32, 0) AS ws) p
                     WHERE a.id = :articleId
                    OFFSET 0) w""";
    /** {@link #SPAN_SELECT}'s length and three cuts; public for the test that runs it on random text. */
    public static final String SPAN_SQL = "SELECT s.body_length, s.exact, s.prefix, s.suffix FROM (" + SPAN_SELECT + ") s";

    /**
     * A highlight with a new claim, in one statement: the span is cut and compared with the client's quote, and only
     * when it matches are the claim, the annotation and their two events inserted. The first row always comes back
     * (with null ids when nothing was inserted), so the caller can say why not; no row means no such article.
     */
    private static final String CREATE_WITH_CLAIM_SQL = """
            WITH span AS (
            """ + SPAN_SELECT + """
            ), matched AS (
                SELECT * FROM span WHERE :end <= span.body_length AND span.exact = :exact
            ), new_claim AS (
                INSERT INTO claim (statement, claimant, claim_date, created_by, updated_at)
                SELECT :statement, :claimant, :claimDate, :actor, now() FROM matched
                RETURNING id, statement, claimant, claim_date, status
            ), new_annotation AS (
                INSERT INTO annotation (article_id, claim_id, start_pos, end_pos, exact, prefix, suffix, created_by, created_at, updated_at)
                SELECT m.article_id, c.id, :start, :end, m.exact, m.prefix, m.suffix, :actor, now(), now()
                  FROM matched m, new_claim c
                RETURNING id, claim_id, created_at
            ), new_events AS (
                -- one insert, in this order, so the claim's creation comes first in its history
                INSERT INTO event (actor_id, type, article_id, claim_id, subject_id, after)
                SELECT :actor, e.type, :articleId, e.claim_id, e.subject_id, e.after
                  FROM (SELECT 1 AS ord, 'claim.created' AS type, c.id AS claim_id, c.id AS subject_id,
                               jsonb_build_object('statement', c.statement, 'claimant', c.claimant,
                                                  'claimDate', CAST(c.claim_date AS text), 'status', c.status,
                                                  'assignee', null) AS after
                          FROM new_claim c
                        UNION ALL
                        SELECT 2, 'annotation.created', an.claim_id, an.id,
                               jsonb_build_object('articleId', CAST(:articleId AS bigint), 'claimId', an.claim_id,
                                                  'start', :start, 'end', :end, 'exact', m.exact)
                          FROM new_annotation an, matched m) e
                 ORDER BY e.ord
            )
            SELECT s.body_length, s.exact, s.prefix, s.suffix, an.claim_id, an.id, an.created_at
              FROM span s LEFT JOIN new_annotation an ON true""";
    private static final NamedSql CREATE_WITH_CLAIM = NamedSql.parse(CREATE_WITH_CLAIM_SQL);

    private static final String SELECT = """
            SELECT an.id, an.article_id, an.claim_id, an.start_pos, an.end_pos, an.exact, an.prefix, an.suffix,
                   u.username, an.created_at, c.statement, c.status, c.rating, v.published_at IS NOT NULL
              FROM annotation an
              JOIN claim c ON c.id = an.claim_id
              LEFT JOIN verdict v ON v.id = c.current_verdict_id
              LEFT JOIN app_user u ON u.id = an.created_by""";
    /**
     * An article's highlights with their claims and current ratings, in one statement (JDBC parameter: the article's
     * id). Public for the benchmark, whose baseline must run the same query.
     */
    public static final String LIST_SQL = SELECT + " WHERE an.article_id = ? ORDER BY an.start_pos, an.id";
    private static final String ONE_SQL = SELECT + " WHERE an.id = :id";

    private final EntityManager em;
    private final ClaimService claims;
    private final EventLog events;
    private final JsonFactory json;

    AnnotationService(EntityManager em, ClaimService claims, EventLog events, ObjectMapper mapper) {
        this.em = em;
        this.claims = claims;
        this.events = events;
        this.json = mapper.getFactory();
    }

    /**
     * An article's highlights as the API's JSON ({@link AnnotationList}), written while the rows are read: the desk's
     * most frequent read, on plain JDBC and without the ORM's row mapping (see {@link AnnotationListJson}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] listJson(long articleId) {
        AnnotationListJson.Written written = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(LIST_SQL)) {
                ps.setLong(1, articleId);
                try (ResultSet rs = ps.executeQuery()) {
                    return AnnotationListJson.write(rs, json);
                }
            }
        });
        if (written.count() == 0 && em.createQuery("SELECT count(a) FROM Article a WHERE a.id = :id", Long.class)
                .setParameter("id", articleId).getSingleResult() == 0) {
            throw ProblemException.notFound("article " + articleId);
        }
        return written.json();
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

    /** A span of an article's body in code points, with the text there and its context, as the database cut it. */
    public record Span(int start, int end, String exact, String prefix, String suffix) {
    }

    /**
     * The request fields that errors name: the JSON API's ({@link #JSON}) and the W3C documents' differ, the rules
     * are the same.
     */
    public record Fields(String start, String end, String exact, String claim) {
        public static final Fields JSON = new Fields("start", "end", "exact", "claimId");
    }

    /** The claim an annotation belongs to: an existing one ({@code claimId}), or a new one made from the fields. */
    public record ClaimChoice(Long claimId, String statement, String claimant, LocalDate claimDate) {

        public static ClaimChoice existing(long claimId) {
            return new ClaimChoice(claimId, null, null, null);
        }

        /** A new claim; a null statement defaults to the quote. */
        public static ClaimChoice newClaim(String statement, String claimant, LocalDate claimDate) {
            return new ClaimChoice(null, statement, claimant, claimDate);
        }
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

        if (request.claimId() == null && !request.exact().isBlank()) {
            return createWithNewClaim(articleId, request, statement, claimant, claimDate, actor);
        }
        Span span = checkQuote(cut(articleId, request.start(), request.end(), Fields.JSON), request.exact(), Fields.JSON);
        ClaimChoice choice = request.claimId() == null ? ClaimChoice.newClaim(statement, claimant, claimDate)
                : ClaimChoice.existing(request.claimId());
        Attached attached = attach(articleId, span, choice, actor, Fields.JSON);
        Annotation annotation = attached.annotation();
        Claim claim = attached.claim();
        String rating = claim.rating;
        ClaimRef ref = new ClaimRef(claim.id, claim.statement, claim.statusKey, rating,
                rating == null ? null : claim.publishedVerdictId != null && claim.publishedVerdictId.equals(claim.currentVerdictId) ? "published" : "draft");
        return new AnnotationView(annotation.id, articleId, claim.id, span.start(), span.end(), annotation.exact, annotation.prefix,
                annotation.suffix, actor.username(), annotation.createdAt, ref);
    }

    /**
     * The common case, a highlight that makes a new claim, in one round trip (see {@link #CREATE_WITH_CLAIM_SQL}); the
     * same answers and errors as the general path through {@link #cut}, {@link #checkQuote} and {@link #attach}.
     */
    private AnnotationView createWithNewClaim(long articleId, CreateAnnotationRequest request, String statement,
                                              String claimant, LocalDate claimDate, WorkbenchUser actor) {
        String claimStatement = statement != null ? statement : defaultStatement(request.exact());
        CreatedRow r = CREATE_WITH_CLAIM.query(em,
                b -> b.setLong("articleId", articleId).setInt("start", request.start()).setInt("end", request.end())
                        .setString("exact", request.exact()).setString("statement", claimStatement)
                        .setString("claimant", claimant).setDate("claimDate", claimDate).setLong("actor", actor.id()),
                rs -> {
                    if (!rs.next()) {
                        return null;
                    }
                    OffsetDateTime createdAt = rs.getObject(7, OffsetDateTime.class);
                    return new CreatedRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getLong(6), createdAt == null ? null : createdAt.toInstant());
                });
        if (r == null) {
            throw ProblemException.notFound("article " + articleId);
        }
        if (request.end() > r.bodyLength()) {
            throw ProblemException.invalidField(Fields.JSON.end(), "is beyond the end of the article, which has " + r.bodyLength() + " code points");
        }
        Span span = checkQuote(new Span(request.start(), request.end(), r.exact(), r.prefix(), r.suffix()),
                request.exact(), Fields.JSON);
        events.nudgeAfterCommit();
        ClaimRef ref = new ClaimRef(r.claimId(), claimStatement, "open", null, null);
        return new AnnotationView(r.annotationId(), articleId, r.claimId(), span.start(), span.end(), span.exact(),
                span.prefix(), span.suffix(), actor.username(), r.createdAt(), ref);
    }

    /** The row {@link #CREATE_WITH_CLAIM_SQL} answers: the span as cut, and the new ids unless the quote differed. */
    private record CreatedRow(int bodyLength, String exact, String prefix, String suffix, long claimId, long annotationId,
                              Instant createdAt) {
    }

    /** The length of an article's body in code points; 404 when there is no such article. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public int articleLength(long articleId) {
        Integer length = em.createQuery("SELECT a.bodyLength FROM Article a WHERE a.id = :id", Integer.class)
                .setParameter("id", articleId).getResultStream().findFirst().orElse(null);
        if (length == null) {
            throw ProblemException.notFound("article " + articleId);
        }
        return length;
    }

    /**
     * The text between two code-point positions of an article and its context. 400 when the positions are empty or
     * out of range, 404 when there is no such article.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Span cut(long articleId, int start, int end, Fields fields) {
        FieldErrors errors = new FieldErrors();
        if (start < 0) {
            errors.add(fields.start(), "must be 0 or more");
        }
        if (end <= start) {
            errors.add(fields.end(), "must be greater than start (an annotation covers at least one character)");
        }
        errors.throwIfAny();
        List<?> spans = em.createNativeQuery(SPAN_SQL).setParameter("start", start).setParameter("end", end)
                .setParameter("articleId", articleId).getResultList();
        if (spans.isEmpty()) {
            throw ProblemException.notFound("article " + articleId);
        }
        Object[] row = (Object[]) spans.get(0);
        int length = Rows.toInt(row[0]);
        if (end > length) {
            throw ProblemException.invalidField(fields.end(), "is beyond the end of the article, which has " + length + " code points");
        }
        return new Span(start, end, (String) row[1], (String) row[2], (String) row[3]);
    }

    /** The span, after checking that the client's quote is the text there (422 otherwise). */
    public static Span checkQuote(Span span, String exact, Fields fields) {
        if (!span.exact().equals(exact)) {
            throw ProblemException.unprocessable("quote-mismatch",
                    fields.exact() + " does not match the article's text between " + span.start() + " and " + span.end()
                            + " (positions count Unicode code points)",
                    List.of(new Problem.FieldError(fields.exact(), "the text at these positions is: " + abbreviate(span.exact()))));
        }
        return span;
    }

    /** A new annotation and the claim it belongs to. */
    public record Attached(Annotation annotation, Claim claim) {
    }

    /**
     * Stores a highlight of a span that {@link #cut} produced, attached to an existing claim or to a new one, and
     * records the event.
     */
    public Attached attach(long articleId, Span span, ClaimChoice choice, WorkbenchUser actor, Fields fields) {
        requireText(span, fields);
        Claim claim;
        if (choice.claimId() == null) {
            claim = claims.create(choice.statement() != null ? choice.statement() : defaultStatement(span.exact()),
                    choice.claimant(), choice.claimDate(), actor, articleId);
        } else {
            claim = existingClaim(choice.claimId(), fields);
            refuseDuplicate(null, articleId, claim.id, span);
            claims.touch(claim.id);
        }
        Annotation annotation = new Annotation();
        annotation.articleId = articleId;
        annotation.claimId = claim.id;
        annotation.startPos = span.start();
        annotation.endPos = span.end();
        annotation.exact = span.exact();
        annotation.prefix = span.prefix();
        annotation.suffix = span.suffix();
        annotation.createdBy = actor.id();
        // set here rather than by the column default, so the insert needs no read-back (as stored: microseconds)
        annotation.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        annotation.updatedAt = annotation.createdAt;
        annotation.persist();
        events.record(EventType.ANNOTATION_CREATED, actor, articleId, claim.id, annotation.id, null, snapshot(annotation));
        return new Attached(annotation, claim);
    }

    /**
     * The annotation row, locked until the transaction ends, after checking the client's If-Match against its
     * version: 428 without it, 412 when stale, 404 when there is no such annotation.
     */
    public Annotation lockForChange(long id, String ifMatch) {
        Long expected = ETags.requiredVersion(ifMatch, "annotation " + id);
        return lock(id, expected);
    }

    private Annotation lock(long id, Long expectedVersion) {
        Annotation annotation = em.find(Annotation.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (annotation == null) {
            throw ProblemException.notFound("annotation " + id);
        }
        ETags.check(expectedVersion, annotation.version, "annotation " + id);
        return annotation;
    }

    /**
     * Replaces the span of a locked annotation (on the same article) and the claim it belongs to; a null choice
     * keeps the claim. Records {@code annotation.updated} when anything changed; the version then goes up.
     */
    public Attached update(Annotation annotation, Span span, ClaimChoice choice, WorkbenchUser actor, Fields fields) {
        requireText(span, fields);
        Claim claim;
        if (choice == null || choice.claimId() != null && choice.claimId().equals(annotation.claimId)) {
            claim = em.find(Claim.class, annotation.claimId);
        } else if (choice.claimId() == null) {
            claim = claims.create(choice.statement() != null ? choice.statement() : defaultStatement(span.exact()),
                    choice.claimant(), choice.claimDate(), actor, annotation.articleId);
        } else {
            claim = existingClaim(choice.claimId(), fields);
        }
        boolean moved = annotation.startPos != span.start() || annotation.endPos != span.end();
        boolean reattached = !claim.id.equals(annotation.claimId);
        if (!moved && !reattached) {
            return new Attached(annotation, claim);
        }
        refuseDuplicate(annotation.id, annotation.articleId, claim.id, span);
        Map<String, Object> before = snapshot(annotation);
        long previousClaim = annotation.claimId;
        annotation.claimId = claim.id;
        annotation.startPos = span.start();
        annotation.endPos = span.end();
        annotation.exact = span.exact();
        annotation.prefix = span.prefix();
        annotation.suffix = span.suffix();
        annotation.updatedAt = Instant.now();
        em.flush();
        Map<String, Object> after = snapshot(annotation);
        events.record(EventType.ANNOTATION_UPDATED, actor, annotation.articleId, claim.id, annotation.id,
                changed(before, after), changed(after, before));
        claims.touch(claim.id);
        if (previousClaim != claim.id) {
            claims.touch(previousClaim);
        }
        return new Attached(annotation, claim);
    }

    private void requireText(Span span, Fields fields) {
        if (span.exact().isBlank()) {
            throw ProblemException.invalidField(fields.exact(), "must contain at least one character that is not white space");
        }
    }

    private Claim existingClaim(long claimId, Fields fields) {
        Claim claim = em.find(Claim.class, claimId);
        if (claim == null) {
            throw ProblemException.unprocessable("unknown-claim", "claim " + claimId + " does not exist",
                    List.of(new Problem.FieldError(fields.claim(), "no claim has this id")));
        }
        return claim;
    }

    /** 409 when another highlight (not {@code exceptId}) of the article already marks this span for the claim. */
    private void refuseDuplicate(Long exceptId, long articleId, long claimId, Span span) {
        boolean duplicate = em.createQuery("""
                        SELECT count(a) FROM Annotation a
                         WHERE a.articleId = :article AND a.claimId = :claim AND a.startPos = :start AND a.endPos = :end
                           AND a.id <> :except""", Long.class)
                .setParameter("article", articleId).setParameter("claim", claimId)
                .setParameter("start", span.start()).setParameter("end", span.end())
                .setParameter("except", exceptId == null ? 0L : exceptId).getSingleResult() > 0;
        if (duplicate) {
            throw ProblemException.conflict("this passage is already highlighted for claim " + claimId);
        }
    }

    public void delete(long id, WorkbenchUser actor) {
        delete(id, null, actor);
    }

    /** Deletes a highlight; with an expected version (from If-Match), only if it is still that version (412). */
    public void delete(long id, Long expectedVersion, WorkbenchUser actor) {
        Annotation annotation = expectedVersion == null ? em.find(Annotation.class, id) : lock(id, expectedVersion);
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

    /** The entries of {@code a} whose value differs in {@code b}. */
    private static Map<String, Object> changed(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> diff = new LinkedHashMap<>();
        a.forEach((k, v) -> {
            if (!Objects.equals(v, b.get(k))) {
                diff.put(k, v);
            }
        });
        return diff;
    }
}
