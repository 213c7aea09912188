package org.factcheck.workbench.comment;

import java.time.Instant;
import java.util.List;

/** Request and response records of the discussion feature. */
public final class CommentViews {

    private CommentViews() {
    }

    public record CommentRequest(String body) {
    }

    /** A comment; a deleted one keeps its place in the thread with {@code body} null. */
    public record CommentView(long id, long claimId, String author, String authorDisplayName, String body,
                              List<String> mentions, Instant createdAt, Instant updatedAt, boolean edited,
                              boolean deleted, int version) {
    }

    public record CommentList(List<CommentView> items) {
    }

    public record MentionView(long id, long claimId, long commentId, String claimStatement, String author,
                              String excerpt, Instant createdAt, boolean read) {
    }

    public record MentionList(List<MentionView> items, long unread) {
    }
}
