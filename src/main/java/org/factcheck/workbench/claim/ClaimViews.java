package org.factcheck.workbench.claim;

import com.fasterxml.jackson.annotation.JsonProperty;
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

    /**
     * A claim in a list: its fields and verdict, with counts instead of the evidence and annotation lists, and the
     * article of its first highlight (where to open it) with that article's title.
     */
    public record ClaimSummary(long id, String statement, String claimant, LocalDate claimDate, String status,
                               String assignee, String rating, VerdictView verdict, long annotationCount,
                               long evidenceCount, Long firstArticleId, String firstArticleTitle, Instant createdAt,
                               Instant updatedAt, int version) {
    }

    public record ClaimPage(List<ClaimSummary> items, String nextCursor) {
    }

    /**
     * A partial change: absent fields stay as they are (the accessor returns null); {@code null} clears claimant,
     * claimDate and assignee (the accessor returns {@code Optional.empty()}). A record cannot tell the two apart:
     * Jackson gives an absent {@code Optional} component {@code Optional.empty()}, so setters record which fields
     * were present.
     */
    public static final class UpdateClaimRequest {

        private Optional<String> statement;
        private Optional<String> claimant;
        private Optional<String> claimDate;
        private Optional<String> status;
        private Optional<String> assignee;

        public UpdateClaimRequest() {
        }

        public Optional<String> statement() {
            return statement;
        }

        public Optional<String> claimant() {
            return claimant;
        }

        public Optional<String> claimDate() {
            return claimDate;
        }

        public Optional<String> status() {
            return status;
        }

        public Optional<String> assignee() {
            return assignee;
        }

        @JsonProperty("statement")
        void setStatement(String value) {
            statement = Optional.ofNullable(value);
        }

        @JsonProperty("claimant")
        void setClaimant(String value) {
            claimant = Optional.ofNullable(value);
        }

        @JsonProperty("claimDate")
        void setClaimDate(String value) {
            claimDate = Optional.ofNullable(value);
        }

        @JsonProperty("status")
        void setStatus(String value) {
            status = Optional.ofNullable(value);
        }

        @JsonProperty("assignee")
        void setAssignee(String value) {
            assignee = Optional.ofNullable(value);
        }
    }

    public record SetVerdictRequest(String rating, String explanation) {
    }

    public record RatingView(String key, String label, Integer value, String color) {
    }

    public record RatingList(List<RatingView> items) {
    }
}
