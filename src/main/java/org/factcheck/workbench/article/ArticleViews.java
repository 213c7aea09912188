package org.factcheck.workbench.article;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response records of the article feature. */
public final class ArticleViews {

    private ArticleViews() {
    }

    /**
     * {@code publishedAt} takes an ISO-8601 instant ({@code 2017-09-27T10:00:00Z}) or a date ({@code 2017-09-27},
     * read as midnight UTC).
     */
    public record CreateArticleRequest(@NotNull String title, @NotNull String body, String outlet, String url,
                                       String author, String publishedAt, String language) {
    }

    public record ArticleView(long id, String title, String outlet, String url, String author, Instant publishedAt,
                              String language, String body, int length, String contentHash, Instant createdAt,
                              String createdBy) {
    }

    public record ArticleSummary(long id, String title, String outlet, String url, String author, Instant publishedAt,
                                 String language, int length, Instant createdAt, long annotationCount, long claimCount,
                                 long publishedCount, Map<String, Long> ratingCounts) {
    }

    public record ArticlePage(List<ArticleSummary> items, String nextCursor) {
    }
}
