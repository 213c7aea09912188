package org.factcheck.workbench.evidence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import org.factcheck.workbench.article.TextNormalizer;
import org.factcheck.workbench.claim.Claim;
import org.factcheck.workbench.claim.ClaimService;
import org.factcheck.workbench.event.EventLog;
import org.factcheck.workbench.event.EventType;
import org.factcheck.workbench.evidence.EvidenceViews.CreateEvidenceRequest;
import org.factcheck.workbench.evidence.EvidenceViews.EvidenceView;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.user.WorkbenchUser;

@ApplicationScoped
@Transactional
public class EvidenceService {

    private final EntityManager em;
    private final ClaimService claims;
    private final EventLog events;

    EvidenceService(EntityManager em, ClaimService claims, EventLog events) {
        this.em = em;
        this.claims = claims;
        this.events = events;
    }

    public EvidenceView add(long claimId, CreateEvidenceRequest request, WorkbenchUser actor) {
        FieldErrors errors = new FieldErrors();
        errors.required("url", request.url());
        String url = request.url() == null ? null : errors.httpUrl("url", request.url());
        String title = errors.maxLength("title", TextNormalizer.normalizeLine(request.title()), 1000);
        String publisher = errors.maxLength("publisher", TextNormalizer.normalizeLine(request.publisher()), 500);
        String excerpt = errors.maxLength("excerpt", multiline(request.excerpt()), 10_000);
        String note = errors.maxLength("note", multiline(request.note()), 10_000);
        if (request.stance() == null) {
            errors.add("stance", "is required: one of " + Stance.allowedKeys());
        } else if (Stance.fromKey(request.stance()).isEmpty()) {
            errors.add("stance", "must be one of " + Stance.allowedKeys());
        }
        errors.throwIfAny();
        Claim claim = em.find(Claim.class, claimId);
        if (claim == null) {
            throw ProblemException.notFound("claim " + claimId);
        }
        Evidence evidence = new Evidence();
        evidence.claimId = claimId;
        evidence.url = url;
        evidence.title = title;
        evidence.publisher = publisher;
        evidence.stance = request.stance();
        evidence.excerpt = excerpt;
        evidence.note = note;
        evidence.createdBy = actor.id();
        evidence.persist();
        em.flush();
        em.refresh(evidence);
        claims.touch(claimId);
        events.record(EventType.EVIDENCE_ADDED, actor, null, claimId, evidence.id, null, snapshot(evidence));
        return new EvidenceView(evidence.id, claimId, evidence.url, evidence.title, evidence.publisher, evidence.stance,
                evidence.excerpt, evidence.note, actor.username(), evidence.createdAt);
    }

    public void delete(long id, WorkbenchUser actor) {
        Evidence evidence = em.find(Evidence.class, id);
        if (evidence == null) {
            throw ProblemException.notFound("evidence " + id);
        }
        events.record(EventType.EVIDENCE_DELETED, actor, null, evidence.claimId, id, snapshot(evidence), null);
        claims.touch(evidence.claimId);
        evidence.delete();
    }

    /** Free text keeps its line breaks (as LF) but loses surrounding blank space; blank becomes null. */
    private static String multiline(String text) {
        if (text == null) {
            return null;
        }
        String s = java.text.Normalizer.normalize(text.replace("\r\n", "\n").replace('\r', '\n'), java.text.Normalizer.Form.NFC).strip();
        return s.isEmpty() ? null : s;
    }

    private static Map<String, Object> snapshot(Evidence e) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("url", e.url);
        s.put("title", e.title);
        s.put("publisher", e.publisher);
        s.put("stance", e.stance);
        s.put("excerpt", e.excerpt);
        s.put("note", e.note);
        return s;
    }
}
