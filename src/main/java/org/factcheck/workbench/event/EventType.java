package org.factcheck.workbench.event;

/** What an event records. The key is the {@code type} clients see. */
public enum EventType {
    ARTICLE_CREATED("article.created"),
    ARTICLE_DELETED("article.deleted"),
    ANNOTATION_CREATED("annotation.created"),
    ANNOTATION_UPDATED("annotation.updated"),
    ANNOTATION_DELETED("annotation.deleted"),
    CLAIM_CREATED("claim.created"),
    CLAIM_UPDATED("claim.updated"),
    VERDICT_UPDATED("verdict.updated"),
    VERDICT_PUBLISHED("verdict.published"),
    VERDICT_RETURNED("verdict.returned"),
    COMMENT_ADDED("comment.added"),
    COMMENT_EDITED("comment.edited"),
    COMMENT_DELETED("comment.deleted"),
    MENTION_CREATED("mention.created"),
    PRESENCE_JOINED("presence.joined"),
    PRESENCE_LEFT("presence.left"),
    EVIDENCE_ADDED("evidence.added"),
    EVIDENCE_DELETED("evidence.deleted"),
    USER_CREATED("user.created"),
    USER_UPDATED("user.updated"),
    TOKEN_CREATED("token.created"),
    TOKEN_REVOKED("token.revoked");

    private final String key;

    EventType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
