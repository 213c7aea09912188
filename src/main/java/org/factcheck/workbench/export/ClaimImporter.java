package org.factcheck.workbench.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.factcheck.workbench.annotation.AnnotationService;
import org.factcheck.workbench.annotation.AnnotationViews.CreateAnnotationRequest;
import org.factcheck.workbench.annotation.AnnotationViews.NewClaim;
import org.factcheck.workbench.claim.Claim;
import org.factcheck.workbench.claim.ClaimStatus;
import org.factcheck.workbench.claim.ClaimViews.SetVerdictRequest;
import org.factcheck.workbench.claim.VerdictService;
import org.factcheck.workbench.evidence.EvidenceService;
import org.factcheck.workbench.evidence.EvidenceViews.CreateEvidenceRequest;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.user.WorkbenchUser;

/**
 * Recreates a claim from an export record: its highlights (on the articles with the same content hash, with the
 * same positions and quotes), evidence and verdict. One record is one transaction: all of it or nothing.
 */
@ApplicationScoped
public class ClaimImporter {

    private final EntityManager em;
    private final AnnotationService annotations;
    private final EvidenceService evidence;
    private final VerdictService verdicts;

    ClaimImporter(EntityManager em, AnnotationService annotations, EvidenceService evidence, VerdictService verdicts) {
        this.em = em;
        this.annotations = annotations;
        this.evidence = evidence;
        this.verdicts = verdicts;
    }

    @Transactional
    public long importRecord(ExportRecord record, WorkbenchUser admin) {
        if (record.statement() == null || record.appearances() == null || record.appearances().isEmpty()) {
            throw ProblemException.badRequest("a claim needs a statement and at least one appearance");
        }
        Long claimId = null;
        for (ExportRecord.Appearance a : record.appearances()) {
            List<Long> articles = em.createQuery("SELECT a.id FROM Article a WHERE a.contentHash = :h", Long.class)
                    .setParameter("h", a.contentHash() == null ? "" : a.contentHash()).getResultList();
            if (articles.isEmpty()) {
                throw ProblemException.unprocessable("unknown-article", "no article here has the text of “" + a.articleTitle()
                        + "” (content hash " + a.contentHash() + "); import the article first", null);
            }
            NewClaim newClaim = claimId == null ? new NewClaim(record.statement(), record.claimant(),
                    record.claimDate() == null ? null : record.claimDate().toString()) : null;
            claimId = annotations.create(articles.get(0), new CreateAnnotationRequest(a.start(), a.end(), a.exact(), claimId, newClaim), admin)
                    .claimId();
        }
        for (ExportRecord.Evidence e : record.evidence() == null ? List.<ExportRecord.Evidence>of() : record.evidence()) {
            evidence.add(claimId, new CreateEvidenceRequest(e.url(), e.title(), e.publisher(), e.stance(), e.excerpt(), e.note()), admin);
        }
        ExportRecord.Verdict v = record.verdict();
        if (v != null) {
            verdicts.set(claimId, "*", new SetVerdictRequest(v.rating(), v.explanation()), admin);
            if ("published".equals(v.state())) {
                verdicts.publishImported(claimId, admin);
            }
        }
        Claim claim = em.find(Claim.class, claimId);
        ClaimStatus status = record.status() == null ? null : ClaimStatus.fromKey(record.status()).orElse(null);
        if (status != null && status != ClaimStatus.PUBLISHED && status != claim.status()) {
            claim.statusKey = status.key();
        }
        return claimId;
    }

    /** The outcome of one line of an NDJSON import. */
    public record LineResult(int line, int status, Long claimId, String detail) {
    }

    public record ImportReport(List<LineResult> items, int imported, int refused) {
    }
}
