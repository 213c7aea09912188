package org.factcheck.workbench.event;

/**
 * A place in the event feed: the writing transaction's id, then the event id. Events are delivered in this order,
 * and only once every transaction below it has ended, so a reader never skips an event that commits late.
 */
public record FeedPosition(long txId, long eventId) implements Comparable<FeedPosition> {

    public static final FeedPosition START = new FeedPosition(0, 0);

    /** The SSE id: {@code <txId>-<eventId>}. */
    public String token() {
        return txId + "-" + eventId;
    }

    /** Reads an SSE id; null when it is not one of ours. */
    public static FeedPosition parse(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.trim().split("-");
        if (parts.length != 2) {
            return null;
        }
        try {
            long tx = Long.parseLong(parts[0]);
            long id = Long.parseLong(parts[1]);
            return tx >= 0 && id >= 0 ? new FeedPosition(tx, id) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public int compareTo(FeedPosition o) {
        int c = Long.compare(txId, o.txId);
        return c != 0 ? c : Long.compare(eventId, o.eventId);
    }
}
