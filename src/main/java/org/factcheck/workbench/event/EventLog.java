package org.factcheck.workbench.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.factcheck.workbench.user.WorkbenchUser;

/**
 * Writes the event that records a change, inside the transaction of that change: the change and its audit row
 * commit together or not at all.
 */
@ApplicationScoped
public class EventLog {

    private static final Object NUDGE_KEY = new Object();

    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry transactions;
    private final EventFeed feed;

    EventLog(ObjectMapper mapper, TransactionSynchronizationRegistry transactions, EventFeed feed) {
        this.mapper = mapper;
        this.transactions = transactions;
        this.feed = feed;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Event record(EventType type, WorkbenchUser actor, Long articleId, Long claimId, Long subjectId,
                        Object before, Object after) {
        return write(type, actor, null, articleId, claimId, subjectId, before, after);
    }

    /** An event only its recipient receives live (it is still part of the audit trail). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Event recordFor(EventType type, WorkbenchUser actor, long recipientId, Long claimId, Long subjectId, Object after) {
        return write(type, actor, recipientId, null, claimId, subjectId, null, after);
    }

    private Event write(EventType type, WorkbenchUser actor, Long recipientId, Long articleId, Long claimId, Long subjectId,
                        Object before, Object after) {
        Event event = new Event();
        event.recipientId = recipientId;
        event.type = type.key();
        event.actorId = actor == null ? null : actor.id();
        event.articleId = articleId;
        event.claimId = claimId;
        event.subjectId = subjectId;
        event.before = before == null ? null : mapper.valueToTree(before);
        event.after = after == null ? null : mapper.valueToTree(after);
        event.persist();
        nudgeAfterCommit();
        return event;
    }

    /**
     * Wakes this instance's event feed when the current transaction commits, for events written without
     * {@link #record} (in a statement that does more than that).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void nudgeAfterCommit() {
        if (transactions.getResource(NUDGE_KEY) == null) {
            transactions.putResource(NUDGE_KEY, Boolean.TRUE);
            // This instance's clients get the event as soon as it commits, without waiting for the next poll.
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        feed.nudge();
                    }
                }
            });
        }
    }
}
