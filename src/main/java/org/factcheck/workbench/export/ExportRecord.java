package org.factcheck.workbench.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One claim as exports carry it: its fields, the exported verdict, where it appears and its evidence. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExportRecord(long claimId, String statement, String claimant, LocalDate claimDate, String status,
                           Instant createdAt, Instant updatedAt, Verdict verdict, List<Appearance> appearances,
                           List<Evidence> evidence) {

    public record Verdict(int revision, String rating, String ratingLabel, Integer ratingValue, String explanation,
                          String state, String author, Instant updatedAt, String publishedBy, Instant publishedAt) {
    }

    /** A highlight: the article (by id, title, URL and content hash) and the quote at code points [start, end). */
    public record Appearance(long articleId, String articleTitle, String articleUrl, String contentHash, int start,
                             int end, String exact, String prefix, String suffix) {
    }

    public record Evidence(String url, String title, String publisher, String stance, String excerpt, String note,
                           String createdBy, Instant createdAt) {
    }
}
