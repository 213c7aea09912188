package org.factcheck.workbench.evidence;

import java.time.Instant;

/** Request and response records of the evidence feature. */
public final class EvidenceViews {

    private EvidenceViews() {
    }

    public record CreateEvidenceRequest(String url, String title, String publisher, String stance, String excerpt,
                                        String note) {
    }

    public record EvidenceView(long id, long claimId, String url, String title, String publisher, String stance,
                               String excerpt, String note, String createdBy, Instant createdAt) {
    }
}
