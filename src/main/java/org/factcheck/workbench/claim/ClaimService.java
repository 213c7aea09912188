package org.factcheck.workbench.claim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.factcheck.workbench.article.TextNormalizer;
import org.factcheck.workbench.claim.ClaimViews.ClaimView;
import org.factcheck.workbench.claim.ClaimViews.UpdateClaimRequest;
import org.factcheck.workbench.event.EventLog;
import org.factcheck.workbench.event.EventType;
import org.factcheck.workbench.shared.ETags;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.user.AppUser;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.WorkbenchUser;

/** Changes to claims. Every change locks the claim row, checks the client's ETag and writes its event. */
@ApplicationScoped
@Transactional
public class ClaimService {

    public static final int MAX_STATEMENT = 10_000;

    private final EntityManager em;
    private final EventLog events;
    private final ClaimQueries queries;

    ClaimService(EntityManager em, EventLog events, ClaimQueries queries) {
        this.em = em;
        this.events = events;
        this.queries = queries;
    }

    /** A new claim, made when text is highlighted without naming an existing claim. */
    public Claim create(String statement, String claimant, LocalDate claimDate, WorkbenchUser actor, Long articleId) {
        Claim claim = new Claim();
        claim.statement = statement;
        claim.claimant = claimant;
        claim.claimDate = claimDate;
        claim.createdBy = actor.id();
        claim.updatedAt = Instant.now();
        claim.persist();
        events.record(EventType.CLAIM_CREATED, actor, articleId, claim.id, claim.id, null, snapshot(claim));
        return claim;
    }

    /** The claim row, locked until the transaction ends, after checking the client's If-Match against it. */
    public Claim lockForChange(long id, String ifMatch) {
        Long expected = ETags.requiredVersion(ifMatch, "claim " + id);
        Claim claim = em.find(Claim.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (claim == null) {
            throw ProblemException.notFound("claim " + id);
        }
        ETags.check(expected, claim.version, "claim " + id);
        return claim;
    }

    public ClaimView update(long id, String ifMatch, UpdateClaimRequest request, WorkbenchUser actor) {
        FieldErrors errors = new FieldErrors();
        String statement = null;
        if (request.statement() != null) {
            statement = request.statement().map(TextNormalizer::normalizeLine).orElse(null);
            errors.required("statement", statement);
            errors.maxLength("statement", statement, MAX_STATEMENT);
        }
        String claimant = request.claimant() == null ? null
                : errors.maxLength("claimant", request.claimant().map(TextNormalizer::normalizeLine).orElse(null), 500);
        LocalDate claimDate = request.claimDate() == null ? null : errors.date("claimDate", request.claimDate().orElse(null));
        ClaimStatus status = null;
        if (request.status() != null) {
            String key = request.status().orElse(null);
            status = key == null ? null : ClaimStatus.fromKey(key).orElse(null);
            if (status == null) {
                errors.add("status", "must be one of " + ClaimStatus.allowedKeys());
            } else if (status == ClaimStatus.PUBLISHED) {
                errors.add("status", "becomes published only when a reviewer publishes the verdict (POST /api/claims/{id}/verdict/publish)");
            }
        }
        Long assigneeId = null;
        if (request.assignee() != null && request.assignee().isPresent()) {
            String username = request.assignee().get().strip().toLowerCase(Locale.ROOT);
            Optional<AppUser> assignee = AppUser.findByUsername(username);
            if (assignee.isEmpty() || assignee.get().disabled) {
                errors.add("assignee", "must be the username of an active user");
            } else if (!assignee.get().role().includes(Role.ANALYST)) {
                errors.add("assignee", "must be an analyst, reviewer or admin");
            } else {
                assigneeId = assignee.get().id;
            }
        }
        errors.throwIfAny();

        Claim claim = lockForChange(id, ifMatch);
        if (status == ClaimStatus.IN_REVIEW && claim.status() != ClaimStatus.IN_REVIEW) {
            Verdict current = claim.currentVerdictId == null ? null : em.find(Verdict.class, claim.currentVerdictId);
            if (current == null || current.publishedAt != null) {
                throw ProblemException.conflict("there is no draft verdict to review; propose a verdict first");
            }
        }
        Map<String, Object> before = snapshot(claim);
        if (request.statement() != null) {
            claim.statement = statement;
        }
        if (request.claimant() != null) {
            claim.claimant = claimant;
        }
        if (request.claimDate() != null) {
            claim.claimDate = claimDate;
        }
        if (status != null) {
            claim.statusKey = status.key();
        }
        if (request.assignee() != null) {
            claim.assigneeId = assigneeId;
        }
        Map<String, Object> after = snapshot(claim);
        if (!before.equals(after)) {
            claim.updatedAt = Instant.now();
            em.flush();
            events.record(EventType.CLAIM_UPDATED, actor, null, claim.id, claim.id, changed(before, after), changed(after, before));
        }
        return queries.get(id);
    }

    /** Marks activity on a claim (evidence, annotations) without changing its ETag. */
    public void touch(long claimId) {
        em.createQuery("UPDATE Claim c SET c.updatedAt = :now WHERE c.id = :id")
                .setParameter("now", Instant.now()).setParameter("id", claimId).executeUpdate();
    }

    Map<String, Object> snapshot(Claim c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("statement", c.statement);
        s.put("claimant", c.claimant);
        s.put("claimDate", c.claimDate == null ? null : c.claimDate.toString());
        s.put("status", c.statusKey);
        AppUser assignee = c.assigneeId == null ? null : em.find(AppUser.class, c.assigneeId);
        s.put("assignee", assignee == null ? null : assignee.username);
        return s;
    }

    /** The entries of {@code a} whose value differs in {@code b}. */
    static Map<String, Object> changed(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> diff = new LinkedHashMap<>();
        a.forEach((k, v) -> {
            if (!Objects.equals(v, b.get(k))) {
                diff.put(k, v);
            }
        });
        return diff;
    }
}
