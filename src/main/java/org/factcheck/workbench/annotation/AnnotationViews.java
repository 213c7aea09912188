package org.factcheck.workbench.annotation;

import java.time.Instant;
import java.util.List;

/** Request and response records of the annotation feature. */
public final class AnnotationViews {

    private AnnotationViews() {
    }

    /** Fields of the new claim made when no {@code claimId} is given; the statement defaults to the quote. */
    public record NewClaim(String statement, String claimant, String claimDate) {
    }

    /** Positions are Unicode code points, start inclusive, end exclusive. */
    public record CreateAnnotationRequest(Integer start, Integer end, String exact, Long claimId, NewClaim claim) {
    }

    public record ClaimRef(long id, String statement, String status, String rating, String verdictState) {
    }

    public record AnnotationView(long id, long articleId, long claimId, int start, int end, String exact, String prefix,
                                 String suffix, String createdBy, Instant createdAt, ClaimRef claim) {
    }

    public record AnnotationList(List<AnnotationView> items) {
    }
}
