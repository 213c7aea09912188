package org.factcheck.workbench.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** What a live-update client receives about one change. */
public record FeedEvent(@JsonIgnore FeedPosition position, long id, String type, Long articleId, Long claimId,
                        Long subjectId, String actor, Instant at, @JsonIgnore Long recipientId) {

    /**
     * Events meant for one user reach that user only; events about accounts reach admins only; token events reach
     * nobody. Everything else is about the desk's shared articles and claims, which every user may read.
     */
    public boolean visibleTo(org.factcheck.workbench.user.WorkbenchUser user) {
        if (recipientId != null) {
            return recipientId == user.id();
        }
        if (type.startsWith("token.")) {
            return false;
        }
        if (type.startsWith("user.")) {
            return user.role() == org.factcheck.workbench.user.Role.ADMIN;
        }
        return true;
    }

    /** Whether this event changed the account of that user (so that what they may see may have changed). */
    public boolean changesAccountOf(org.factcheck.workbench.user.WorkbenchUser user) {
        return "user.updated".equals(type) && subjectId != null && subjectId == user.id();
    }
}
