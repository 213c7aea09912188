package org.factcheck.workbench.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.factcheck.workbench.claim.ClaimViews.ClaimView;
import org.factcheck.workbench.claim.ClaimViews.SetVerdictRequest;
import org.factcheck.workbench.claim.ClaimViews.VerdictView;
import org.factcheck.workbench.comment.CommentService;
import org.factcheck.workbench.event.EventLog;
import org.factcheck.workbench.event.EventType;
import org.factcheck.workbench.shared.ETags;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.NamedSql;
import org.factcheck.workbench.shared.WorkbenchConfig;
import org.factcheck.workbench.user.AppUser;
import org.factcheck.workbench.user.WorkbenchUser;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Verdicts: an analyst's change writes a new draft revision; a reviewer publishes the current revision. The
 * published revision stays in force until a newer one is published.
 */
@ApplicationScoped
@Transactional
public class VerdictService {

    public static final int MAX_EXPLANATION = 20_000;

    /**
     * A new draft revision, the claim pointing at it, and its event, in one statement (the claim's row is already
     * locked and its version checked).
     */
    private static final String SET_SQL = """
            WITH next AS (
                INSERT INTO verdict (claim_id, revision, rating, explanation, author_id)
                VALUES (:claimId, :revision, :rating, :explanation, :actor)
                RETURNING id, created_at
            ), claim_after AS (
                UPDATE claim c SET current_verdict_id = next.id, rating = :rating, status = :status,
                       updated_at = next.created_at, version = c.version + 1
                  FROM next WHERE c.id = :claimId
                RETURNING c.version
            ), event_written AS (
                INSERT INTO event (actor_id, type, claim_id, subject_id, before, after)
                SELECT :actor, :type, :claimId, next.id, CAST(:before AS jsonb), CAST(:after AS jsonb) FROM next
            )
            SELECT next.created_at, claim_after.version FROM next, claim_after""";
    private static final NamedSql SET = NamedSql.parse(SET_SQL);

    private final EntityManager em;
    private final ClaimService claims;
    private final ClaimQueries queries;
    private final RatingScale ratings;
    private final EventLog events;
    private final WorkbenchConfig config;
    private final CommentService comments;
    private final ObjectMapper mapper;

    VerdictService(EntityManager em, ClaimService claims, ClaimQueries queries, RatingScale ratings, EventLog events,
                   WorkbenchConfig config, CommentService comments, ObjectMapper mapper) {
        this.comments = comments;
        this.mapper = mapper;
        this.em = em;
        this.claims = claims;
        this.queries = queries;
        this.ratings = ratings;
        this.events = events;
        this.config = config;
    }

    public ClaimView set(long claimId, String ifMatch, SetVerdictRequest request, WorkbenchUser actor) {
        FieldErrors errors = new FieldErrors();
        errors.required("rating", request.rating());
        if (request.rating() != null && ratings.find(request.rating()).isEmpty()) {
            errors.add("rating", "must be one of " + ratings.keys());
        }
        String explanation = request.explanation() == null ? "" : request.explanation().replace("\r\n", "\n").replace('\r', '\n').strip();
        errors.maxLength("explanation", explanation, MAX_EXPLANATION);
        errors.throwIfAny();

        Long expected = ETags.requiredVersion(ifMatch, "claim " + claimId);
        ClaimView seen = queries.getForUpdate(claimId);
        ETags.check(expected, seen.version(), "claim " + claimId);
        VerdictView current = seen.verdict();
        if (current != null && current.rating().equals(request.rating()) && current.explanation().equals(explanation)) {
            return seen; // nothing changed: no new revision
        }
        int revision = current == null ? 1 : current.revision() + 1;
        String status = seen.status().equals(ClaimStatus.OPEN.key()) || seen.status().equals(ClaimStatus.PUBLISHED.key())
                ? ClaimStatus.IN_PROGRESS.key() : seen.status();
        Map<String, Object> after = snapshot(revision, request.rating(), explanation, actor.username(), null, null);
        String before = json(current == null ? null : snapshot(current));
        String afterJson = json(after);
        Written written = SET.query(em,
                b -> b.setLong("claimId", claimId).setInt("revision", revision).setString("rating", request.rating())
                        .setString("explanation", explanation).setLong("actor", actor.id())
                        .setString("type", EventType.VERDICT_UPDATED.key()).setString("status", status)
                        .setString("before", before).setString("after", afterJson),
                rs -> {
                    rs.next();
                    return new Written(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getInt(2));
                });
        events.nudgeAfterCommit();
        forgetCachedClaim(claimId);
        Instant at = written.at();
        VerdictView next = new VerdictView(revision, request.rating(), ratings.label(request.rating()), explanation, "draft",
                actor.username(), at, null, null);
        return new ClaimView(seen.id(), seen.statement(), seen.claimant(), seen.claimDate(), status, seen.assignee(), next,
                seen.publishedVerdict(), seen.evidence(), seen.annotations(), seen.createdAt(), seen.createdBy(), at,
                written.version());
    }

    /** What {@link #SET_SQL} answers: when the revision was written, and the claim's version after it. */
    private record Written(Instant at, int version) {
    }

    public ClaimView publish(long claimId, String ifMatch, WorkbenchUser actor) {
        Claim claim = claims.lockForChange(claimId, ifMatch);
        if (claim.currentVerdictId == null) {
            throw ProblemException.conflict("claim " + claimId + " has no verdict to publish");
        }
        if (claim.status() != ClaimStatus.IN_REVIEW) {
            Verdict current = em.find(Verdict.class, claim.currentVerdictId);
            if (current.publishedAt != null) {
                throw ProblemException.conflict("the current verdict of claim " + claimId + " is already published");
            }
            throw ProblemException.conflict("claim " + claimId + " is " + claim.statusKey.replace('_', ' ')
                    + "; a verdict is published after it has been sent for review (status in_review)");
        }
        Verdict current = em.find(Verdict.class, claim.currentVerdictId);
        if (current.publishedAt != null) {
            throw ProblemException.conflict("the current verdict of claim " + claimId + " is already published");
        }
        if (config.review().fourEyes() && current.authorId != null && current.authorId == actor.id()) {
            throw ProblemException.forbidden("four-eyes rule: a reviewer may not publish a verdict they wrote; another reviewer must publish it");
        }
        Verdict previous = claim.publishedVerdictId == null ? null : em.find(Verdict.class, claim.publishedVerdictId);
        current.publishedBy = actor.id();
        current.publishedAt = Instant.now();
        claim.publishedVerdictId = current.id;
        claim.statusKey = ClaimStatus.PUBLISHED.key();
        claim.updatedAt = current.publishedAt;
        em.flush();
        events.record(EventType.VERDICT_PUBLISHED, actor, null, claimId, current.id, snapshot(previous), snapshot(current));
        return queries.get(claimId);
    }

    /**
     * Restoring a desk from an export: the current revision is stamped published by the importing admin, keeping
     * the review workflow's other rules out of a restore.
     */
    public void publishImported(long claimId, WorkbenchUser admin) {
        Claim claim = em.find(Claim.class, claimId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Verdict current = em.find(Verdict.class, claim.currentVerdictId);
        current.publishedBy = admin.id();
        current.publishedAt = Instant.now();
        claim.publishedVerdictId = current.id;
        claim.statusKey = ClaimStatus.PUBLISHED.key();
        claim.updatedAt = current.publishedAt;
        em.flush();
        events.record(EventType.VERDICT_PUBLISHED, admin, null, claimId, current.id, null, snapshot(current));
    }

    /** A reviewer sends the draft back to the analysts, with a comment saying why. */
    public ClaimView returnForChanges(long claimId, String ifMatch, String comment, WorkbenchUser actor) {
        if (comment == null || comment.isBlank()) {
            throw ProblemException.invalidField("comment", "is required: say what needs to change");
        }
        CommentService.validBody(comment, "comment");
        Claim claim = claims.lockForChange(claimId, ifMatch);
        if (claim.status() != ClaimStatus.IN_REVIEW) {
            throw ProblemException.conflict("claim " + claimId + " is not waiting for review");
        }
        claim.statusKey = ClaimStatus.IN_PROGRESS.key();
        claim.updatedAt = Instant.now();
        em.flush();
        var written = comments.add(claimId, comment, actor);
        events.record(EventType.VERDICT_RETURNED, actor, null, claimId, claim.currentVerdictId,
                Map.of("status", ClaimStatus.IN_REVIEW.key()), Map.of("status", claim.statusKey, "commentId", written.id()));
        return queries.get(claimId);
    }

    /**
     * The statement above changed the claim's row behind the ORM's back: a copy of it already loaded in this
     * transaction (an import attaches evidence, then sets the verdict, then publishes it) is read again, so that a
     * later change to it is not refused as stale. With none loaded, nothing is read (the persistence context is asked
     * directly: a reference would build a proxy on every verdict).
     */
    private void forgetCachedClaim(long claimId) {
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(Claim.class);
        Object cached = session.getPersistenceContextInternal().getEntity(session.generateEntityKey(claimId, persister));
        if (cached != null) {
            em.refresh(cached);
        }
    }

    private Map<String, Object> snapshot(Verdict v) {
        if (v == null) {
            return null;
        }
        return snapshot(v.revision, v.rating, v.explanation, username(v.authorId),
                v.publishedAt == null ? null : username(v.publishedBy), v.publishedAt);
    }

    private static Map<String, Object> snapshot(VerdictView v) {
        return snapshot(v.revision(), v.rating(), v.explanation(), v.author(), v.publishedBy(), v.publishedAt());
    }

    /** How a verdict revision appears in the claim's history. */
    private static Map<String, Object> snapshot(int revision, String rating, String explanation, String author,
                                                String publishedBy, Instant publishedAt) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("revision", revision);
        s.put("rating", rating);
        s.put("explanation", explanation);
        s.put("author", author);
        if (publishedAt != null) {
            s.put("publishedBy", publishedBy);
            s.put("publishedAt", publishedAt.toString());
        }
        return s;
    }

    private String json(Object value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String username(Long userId) {
        AppUser user = userId == null ? null : em.find(AppUser.class, userId);
        return user == null ? null : user.username;
    }
}
