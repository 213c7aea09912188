package org.factcheck.workbench.event;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The live-update feed. One poller per service instance reads new rows of the event table (no NOTIFY in the
 * writers' transactions) and hands them to this instance's subscribers. Because every instance reads the same
 * table, a change made through one instance reaches clients of all of them. Rows are read in (transaction id,
 * event id) order and only below the oldest running transaction, so none is skipped when transactions commit out
 * of order. Local commits wake the poller at once; other instances' commits are seen within one poll interval.
 */
@ApplicationScoped
public class EventFeed {

    private static final Logger LOG = Logger.getLogger(EventFeed.class);

    private static final String SELECT = """
            SELECT e.tx_id::text::bigint, e.id, e.type, e.article_id, e.claim_id, e.subject_id, u.username, e.at,
                   e.recipient_id
              FROM event e LEFT JOIN app_user u ON u.id = e.actor_id
             WHERE (e.tx_id, e.id) > (?::text::xid8, ?)
               AND (e.tx_id, e.id) <= (?::text::xid8, ?)
             ORDER BY e.tx_id, e.id
             LIMIT ?""";
    private static final String HORIZON = """
            SELECT e.tx_id::text::bigint, e.id
              FROM event e
             WHERE e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
             ORDER BY e.tx_id DESC, e.id DESC
             LIMIT 1""";
    private static final int BATCH = 2000;
    /**
     * The least time between two polls, per connected client. Under a stream of commits the feed polls once per gap
     * and each client gets one write for everything committed meanwhile, so the fan-out stays near 8,000 writes a
     * second however many clients there are: with 200 clients, a poll at most every 25 ms; with a handful, about one
     * poll per commit, as without a gap. A nudge after a longer quiet spell is served at once.
     */
    private static final long POLL_GAP_NANOS_PER_SUBSCRIBER = TimeUnit.MICROSECONDS.toNanos(125);
    /**
     * The gap per client while events come faster than {@link #BUSY_EVENTS_PER_SECOND} (a bulk import, a write
     * storm): near 2,000 writes a second, a poll at most every 100 ms with 200 clients. Each write to a stream costs
     * the machine tens of microseconds (the socket write, the wake-up of the reader): at 8,000 writes a second, 200
     * listeners cut a 2-core benchmark machine's highlight throughput by 15-25%; at 2,000, by 3-10% (bench/README).
     */
    private static final long BUSY_POLL_GAP_NANOS_PER_SUBSCRIBER = TimeUnit.MICROSECONDS.toNanos(500);
    /** Well above a busy desk's pace (one highlight makes two events); below it every client is served promptly. */
    static final double BUSY_EVENTS_PER_SECOND = 500;
    private static final long MAX_POLL_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** A client further behind than this on reconnect is told to reload instead of being replayed to. */
    public static final int MAX_REPLAY = 10_000;

    private final AgroalDataSource dataSource;
    private final org.factcheck.workbench.user.security.CredentialStore credentials;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final long pollMillis;
    private final List<FeedSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile FeedPosition head;
    private volatile boolean running;
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile Thread poller;

    EventFeed(AgroalDataSource dataSource, com.fasterxml.jackson.databind.ObjectMapper mapper,
              org.factcheck.workbench.shared.WorkbenchConfig config,
              org.factcheck.workbench.user.security.CredentialStore credentials) {
        this.dataSource = dataSource;
        this.credentials = credentials;
        this.mapper = mapper;
        this.pollMillis = Math.max(5, config.events().pollInterval().toMillis());
    }

    void start(@Observes StartupEvent event) {
        running = true;
        poller = new Thread(this::pollLoop, "event-feed-poller");
        poller.setDaemon(true);
        poller.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (poller != null) {
            poller.interrupt();
        }
        subscribers.forEach(FeedSubscriber::close);
    }

    /** Asks the poller to look now (called after a local commit that wrote events); never blocks. */
    public void nudge() {
        if (subscribers.isEmpty()) {
            return; // nobody here waits for it: the regular poll is soon enough, and a poll per commit costs the database
        }
        wakeRequested.set(true);
        Thread p = poller;
        if (p != null) {
            LockSupport.unpark(p);
        }
    }

    /**
     * Registers a subscriber. With a position, it first receives every visible event after it, then live ones,
     * with no gap and no repeat; without, it receives live events only.
     *
     * @return false when the position is too far behind to replay (the client must reload)
     */
    public boolean subscribe(FeedSubscriber subscriber, FeedPosition after) {
        lock.lock();
        try {
            if (subscribers.isEmpty()) {
                pollOnce(); // with no client here, commits did not wake the poller (see nudge): catch the head up first
            }
            FeedPosition current = currentHead();
            FeedBatch replay = null;
            if (after != null && after.compareTo(current) < 0) {
                List<FeedEvent> missed = read(after, current, MAX_REPLAY + 1);
                if (missed.size() > MAX_REPLAY) {
                    return false;
                }
                replay = missed.isEmpty() ? null : FeedBatch.of(missed, mapper);
            }
            subscriber.start(replay, after != null && after.compareTo(current) > 0 ? after : current, after != null);
            subscribers.add(subscriber);
            return true;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("event replay failed", e);
        } finally {
            lock.unlock();
        }
    }

    public void unsubscribe(FeedSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** A subscriber closed while its stream was being opened: its stream is ended about a second later. */
    public void closeLater(FeedSubscriber subscriber) {
        subscribers.add(subscriber);
    }

    /** Ends the streams whose close had to wait until their initial response was out (see FeedSubscriber). */
    void finishDeferredCloses() {
        boolean any = false;
        for (FeedSubscriber s : subscribers) {
            any |= s.finishDeferredClose();
        }
        if (any) {
            subscribers.removeIf(FeedSubscriber::isClosed);
        }
    }

    public void heartbeatAll() {
        subscribers.forEach(FeedSubscriber::heartbeat);
        subscribers.removeIf(FeedSubscriber::isClosed);
    }

    /** Ends the streams whose session was signed out or expired, or whose token was revoked, since they opened. */
    public void dropRevoked(org.factcheck.workbench.user.security.CredentialStore credentials) {
        java.util.Set<Long> sessions = new java.util.HashSet<>();
        java.util.Set<Long> tokens = new java.util.HashSet<>();
        for (FeedSubscriber s : subscribers) {
            if (s.user().sessionId() != null) {
                sessions.add(s.user().sessionId());
            } else if (s.user().tokenId() != null) {
                tokens.add(s.user().tokenId());
            }
        }
        java.util.Set<Long> validSessions = credentials.validSessions(sessions);
        java.util.Set<Long> validTokens = credentials.validTokens(tokens);
        for (FeedSubscriber s : subscribers) {
            Long session = s.user().sessionId();
            Long token = s.user().tokenId();
            if (session != null ? !validSessions.contains(session) : token != null && !validTokens.contains(token)) {
                s.close();
            }
        }
        subscribers.removeIf(FeedSubscriber::isClosed);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** The newest delivered position; clients that connect without Last-Event-ID start here. */
    public FeedPosition currentHead() throws SQLException {
        FeedPosition h = head;
        if (h == null) {
            h = horizon();
            head = h;
        }
        return h;
    }

    /** The least time from one poll to the next, given the clients connected and the pace of the last poll's events. */
    static long pollGapNanos(int subscribers, double eventsPerSecond) {
        long perSubscriber = eventsPerSecond > BUSY_EVENTS_PER_SECOND
                ? BUSY_POLL_GAP_NANOS_PER_SUBSCRIBER : POLL_GAP_NANOS_PER_SUBSCRIBER;
        return Math.min(MAX_POLL_GAP_NANOS, subscribers * perSubscriber);
    }

    private void pollLoop() {
        long lastPoll = System.nanoTime() - MAX_POLL_GAP_NANOS;
        double eventsPerSecond = 0;
        while (running) {
            long gap = pollGapNanos(subscribers.size(), eventsPerSecond);
            for (long left; (left = lastPoll + gap - System.nanoTime()) > 0 && running; ) {
                LockSupport.parkNanos(this, left);
            }
            wakeRequested.set(false); // this poll sees every commit nudged so far
            long now = System.nanoTime();
            long sinceLast = now - lastPoll;
            lastPoll = now;
            try {
                int read = pollOnce();
                eventsPerSecond = read * 1e9 / Math.max(sinceLast, 1);
                finishDeferredCloses();
            } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
                LOG.warnf("Event feed poll failed (%s); retrying", e.getMessage());
                sleepQuietly(1000);
            }
            if (!wakeRequested.get()) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(pollMillis));
            }
        }
    }

    /** Reads and hands out every event committed since the last poll; returns how many there were. */
    int pollOnce() throws SQLException, com.fasterxml.jackson.core.JsonProcessingException {
        FeedPosition horizon = horizon();
        int read = 0;
        lock.lock();
        try {
            FeedPosition from = currentHead();
            while (from.compareTo(horizon) < 0) {
                List<FeedEvent> batch = read(from, horizon, BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                read += batch.size();
                for (FeedEvent event : batch) {
                    if (event.type().startsWith("user.") || event.type().equals("token.revoked")) {
                        credentials.forgetAll(); // a change made through another instance reaches this one's cache
                    }
                }
                if (!subscribers.isEmpty()) {
                    FeedBatch frames = FeedBatch.of(batch, mapper); // each event written once for all streams
                    for (FeedSubscriber s : subscribers) {
                        s.offer(frames);
                    }
                }
                from = batch.get(batch.size() - 1).position();
                head = from;
            }
            if (head.compareTo(horizon) < 0) {
                head = horizon;
            }
        } finally {
            lock.unlock();
        }
        subscribers.removeIf(FeedSubscriber::isClosed);
        return read;
    }

    /** The last event below the oldest running transaction: everything up to it is final. */
    private FeedPosition horizon() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(HORIZON);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new FeedPosition(rs.getLong(1), rs.getLong(2)) : FeedPosition.START;
        }
    }

    private List<FeedEvent> read(FeedPosition after, FeedPosition upTo, int limit) throws SQLException {
        List<FeedEvent> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, Long.toString(after.txId()));
            ps.setLong(2, after.eventId());
            ps.setString(3, Long.toString(upTo.txId()));
            ps.setLong(4, upTo.eventId());
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FeedPosition p = new FeedPosition(rs.getLong(1), rs.getLong(2));
                    events.add(new FeedEvent(p, p.eventId(), rs.getString(3), nullableLong(rs, 4), nullableLong(rs, 5),
                            nullableLong(rs, 6), rs.getString(7), rs.getTimestamp(8).toInstant(), nullableLong(rs, 9)));
                }
            }
        }
        return events;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
