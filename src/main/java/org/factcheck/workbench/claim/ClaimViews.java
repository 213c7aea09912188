package org.factcheck.workbench.claim;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.factcheck.workbench.evidence.EvidenceViews.EvidenceView;

/** Request and response records of the claim feature. */
public final class ClaimViews {

    private ClaimViews() {
    }

    /**
     * A verdict revision. {@code state} is {@code draft} until a reviewer publishes it, then {@code published}.
     * {@code updatedAt} is when this revision was written.
     */
    public record VerdictView(int revision, String rating, String ratingLabel, String explanation, String state,
                              String author, Instant updatedAt, String publishedBy, Instant publishedAt) {
    }

    public record ClaimAnnotationView(long id, long articleId, String articleTitle, int start, int end, String exact,
                                      String prefix, String suffix, String createdBy, Instant createdAt) {
    }

    /**
     * The whole claim. {@code verdict} is the current revision; {@code publishedVerdict} the one in force publicly,
     * which differs while a correction is being drafted. {@code version} is also the {@code ETag}.
     */
    public record ClaimView(long id, String statement, String claimant, LocalDate claimDate, String status,
                            String assignee, VerdictView verdict, VerdictView publishedVerdict,
                            List<EvidenceView> evidence, List<ClaimAnnotationView> annotations, Instant createdAt,
                            String createdBy, Instant updatedAt, int version) {
    }

    /** A claim in a list: its fields and verdict, with counts instead of the evidence and annotation lists. */
    public record ClaimSummary(long id, String statement, String claimant, LocalDate claimDate, String status,
                               String assignee, String rating, VerdictView verdict, long annotationCount,
                               long evidenceCount, Instant createdAt, Instant updatedAt, int version) {
    }

    public record ClaimPage(List<ClaimSummary> items, String nextCursor) {
    }

    /** Absent fields stay as they are; {@code null} clears claimant, claimDate and assignee. */
    public record UpdateClaimRequest(Optional<String> statement, Optional<String> claimant, Optional<String> claimDate,
                                     Optional<String> status, Optional<String> assignee) {
    }

    public record SetVerdictRequest(String rating, String explanation) {
    }

    public record RatingView(String key, String label, Integer value, String color) {
    }

    public record RatingList(List<RatingView> items) {
    }
}
