package org.factcheck.workbench.claim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.factcheck.workbench.claim.ClaimViews.ClaimView;
import org.factcheck.workbench.claim.ClaimViews.SetVerdictRequest;
import org.factcheck.workbench.comment.CommentService;
import org.factcheck.workbench.event.EventLog;
import org.factcheck.workbench.event.EventType;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.WorkbenchConfig;
import org.factcheck.workbench.user.AppUser;
import org.factcheck.workbench.user.WorkbenchUser;

/**
 * Verdicts: an analyst's change writes a new draft revision; a reviewer publishes the current revision. The
 * published revision stays in force until a newer one is published.
 */
@ApplicationScoped
@Transactional
public class VerdictService {

    public static final int MAX_EXPLANATION = 20_000;

    private final EntityManager em;
    private final ClaimService claims;
    private final ClaimQueries queries;
    private final RatingScale ratings;
    private final EventLog events;
    private final WorkbenchConfig config;
    private final CommentService comments;

    VerdictService(EntityManager em, ClaimService claims, ClaimQueries queries, RatingScale ratings, EventLog events,
                   WorkbenchConfig config, CommentService comments) {
        this.comments = comments;
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

        Claim claim = claims.lockForChange(claimId, ifMatch);
        Verdict current = claim.currentVerdictId == null ? null : em.find(Verdict.class, claim.currentVerdictId);
        if (current != null && current.rating.equals(request.rating()) && current.explanation.equals(explanation)) {
            return queries.get(claimId); // nothing changed: no new revision
        }
        Verdict next = new Verdict();
        next.claimId = claimId;
        next.revision = current == null ? 1 : current.revision + 1;
        next.rating = request.rating();
        next.explanation = explanation;
        next.authorId = actor.id();
        next.persist();
        claim.currentVerdictId = next.id;
        claim.rating = next.rating;
        if (claim.status() == ClaimStatus.OPEN || claim.status() == ClaimStatus.PUBLISHED) {
            claim.statusKey = ClaimStatus.IN_PROGRESS.key();
        }
        claim.updatedAt = Instant.now();
        em.flush();
        events.record(EventType.VERDICT_UPDATED, actor, null, claimId, next.id, snapshot(current), snapshot(next));
        return queries.get(claimId);
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

    private Map<String, Object> snapshot(Verdict v) {
        if (v == null) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("revision", v.revision);
        s.put("rating", v.rating);
        s.put("explanation", v.explanation);
        s.put("author", username(v.authorId));
        if (v.publishedAt != null) {
            s.put("publishedBy", username(v.publishedBy));
            s.put("publishedAt", v.publishedAt.toString());
        }
        return s;
    }

    private String username(Long userId) {
        AppUser user = userId == null ? null : em.find(AppUser.class, userId);
        return user == null ? null : user.username;
    }
}
