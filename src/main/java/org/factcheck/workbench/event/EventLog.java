package org.factcheck.workbench.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.factcheck.workbench.user.WorkbenchUser;

/**
 * Writes the event that records a change, inside the transaction of that change: the change and its audit row
 * commit together or not at all.
 */
@ApplicationScoped
public class EventLog {

    private final ObjectMapper mapper;

    EventLog(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Event record(EventType type, WorkbenchUser actor, Long articleId, Long claimId, Long subjectId,
                        Object before, Object after) {
        Event event = new Event();
        event.type = type.key();
        event.actorId = actor == null ? null : actor.id();
        event.articleId = articleId;
        event.claimId = claimId;
        event.subjectId = subjectId;
        event.before = before == null ? null : mapper.valueToTree(before);
        event.after = after == null ? null : mapper.valueToTree(after);
        event.persist();
        return event;
    }
}
