package org.factcheck.workbench.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** What a live-update client receives about one change. */
public record FeedEvent(@JsonIgnore FeedPosition position, long id, String type, Long articleId, Long claimId,
                        Long subjectId, String actor, Instant at) {

    /** Events about accounts reach admins only; token events reach nobody. */
    public boolean visibleTo(org.factcheck.workbench.user.WorkbenchUser user) {
        if (type.startsWith("token.")) {
            return false;
        }
        if (type.startsWith("user.")) {
            return user.role() == org.factcheck.workbench.user.Role.ADMIN;
        }
        return true;
    }
}
