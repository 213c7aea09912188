package org.factcheck.workbench.export;

import java.time.Instant;
import org.factcheck.workbench.claim.ClaimStatus;
import org.factcheck.workbench.claim.RatingScale;
import org.factcheck.workbench.shared.FieldErrors;

/**
 * The validated filters of an export. Validation happens before the first byte is written, so a bad filter is a
 * 400 problem, never a half-written file.
 */
public record ExportQuery(ExportFormat format, boolean publishedOnly, Long articleId, Instant since, String rating,
                          String status) {

    public static ExportQuery parse(String format, String state, String articleId, String since, String rating,
                                    String status, RatingScale ratings) {
        FieldErrors errors = new FieldErrors();
        ExportFormat f = ExportFormat.fromKey(format == null || format.isBlank() ? "json" : format.strip()).orElse(null);
        if (f == null) {
            errors.add("format", "must be one of " + ExportFormat.keys());
        }
        String s = state == null || state.isBlank() ? "published" : state.strip();
        if (!s.equals("published") && !s.equals("all")) {
            errors.add("state", "must be published (the default: verdicts in force publicly) or all (current verdicts, drafts included)");
        }
        Long article = null;
        if (articleId != null && !articleId.isBlank()) {
            try {
                article = Long.parseLong(articleId.strip());
            } catch (NumberFormatException e) {
                errors.add("articleId", "must be an article id");
            }
        }
        Instant from = errors.instant("since", since);
        String r = rating == null || rating.isBlank() ? null : rating.strip();
        if (r != null && ratings.find(r).isEmpty()) {
            errors.add("rating", "must be one of " + ratings.keys());
        }
        String st = status == null || status.isBlank() ? null : status.strip();
        if (st != null && ClaimStatus.fromKey(st).isEmpty()) {
            errors.add("status", "must be one of " + ClaimStatus.allowedKeys());
        }
        errors.throwIfAny();
        return new ExportQuery(f, s.equals("published"), article, from, r, st);
    }
}
