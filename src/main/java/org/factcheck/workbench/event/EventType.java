package org.factcheck.workbench.event;

/** What an event records. The key is the {@code type} clients see. */
public enum EventType {
    ARTICLE_CREATED("article.created"),
    ARTICLE_DELETED("article.deleted"),
    ANNOTATION_CREATED("annotation.created"),
    ANNOTATION_DELETED("annotation.deleted"),
    CLAIM_CREATED("claim.created"),
    CLAIM_UPDATED("claim.updated"),
    VERDICT_UPDATED("verdict.updated"),
    VERDICT_PUBLISHED("verdict.published"),
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
