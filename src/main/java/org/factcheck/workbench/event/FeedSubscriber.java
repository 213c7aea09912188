package org.factcheck.workbench.event;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.sse.SseEventSink;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.factcheck.workbench.user.WorkbenchUser;
import org.jboss.logging.Logger;

/**
 * One connected live-update client. Each batch of events reaches it as one asynchronous write of the frames it may
 * see (see {@link FeedBatch}), made straight to the HTTP response; the REST layer's SSE sink only opens and ends the
 * stream. A client that lets more than {@link #MAX_UNSENT_BYTES} pile up unsent is disconnected (it reconnects with
 * Last-Event-ID and catches up), so a slow reader can never make the server hold an unbounded backlog.
 */
public final class FeedSubscriber {

    private static final Logger LOG = Logger.getLogger(FeedSubscriber.class);
    /** Unsent bytes (about 1,200 events) beyond which a client is dropped when the next write comes. */
    public static final long MAX_UNSENT_BYTES = 256 * 1024;
    private static final Buffer HEARTBEAT = Buffer.buffer(":heartbeat\n\n".getBytes(StandardCharsets.UTF_8));

    private final SseEventSink sink;
    private final HttpServerResponse response;
    private final WorkbenchUser user;
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * When the request that opened the stream was answered (0 while it is being answered). Until the REST layer has
     * sent its initial SSE response, which it does right after the resource method returns, ending the response makes
     * that layer fail: it then logs an "unexpected failure" and tries to write a 500 over the finished stream. A
     * close asked for before then (a client that hangs up during the replay, the reset of a client too far behind)
     * waits until a second after the answer: the feed's poll loop (or the next heartbeat) carries it out.
     */
    private volatile long answeredAt;
    private volatile boolean sinkCloseDeferred;
    private static final long SETTLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private volatile FeedPosition last;
    /** Set once the replay is done: from then on every event offered was committed after this stream opened. */
    private volatile boolean live;
    /** Set by {@link #select} when the user's account changed: the stream ends after what was selected is sent. */
    private boolean accountChanged;

    public FeedSubscriber(SseEventSink sink, HttpServerResponse response, WorkbenchUser user, FeedPosition after) {
        this.sink = sink;
        this.response = response;
        this.user = user;
        this.last = after == null ? FeedPosition.START : after;
    }

    /** Sends, in one write, the events of the batch this client may see and has not had. */
    void offer(FeedBatch batch) {
        if (closed.get()) {
            return;
        }
        Buffer frames = select(batch);
        if (frames != null) {
            write(frames);
        }
        if (accountChanged) {
            // What this stream may see was decided by the user's role when it opened. Their account has just changed
            // (role, disabled, password): end the stream before anything else reaches it; the client reconnects
            // from its last event and is served as the account is now.
            close();
        }
    }

    /**
     * Sends the replayed events (null when there are none) and then the ready event, in one write. The ready event's
     * id lets the client resume from here even if no event comes before it drops.
     */
    void start(FeedBatch replay, FeedPosition position, boolean resumed) {
        Buffer replayed = replay == null ? null : select(replay);
        if (position.compareTo(last) > 0) {
            last = position;
        }
        byte[] ready = FeedBatch.frame(last.token(), "ready", "{\"resumed\":" + resumed + "}");
        Buffer out = Buffer.buffer((replayed == null ? 0 : replayed.length()) + ready.length);
        if (replayed != null) {
            out.appendBuffer(replayed);
        }
        write(out.appendBytes(ready));
        live = true;
    }

    /** The frames of the batch for this client, or null for none; moves {@link #last} past what it went through. */
    private Buffer select(FeedBatch batch) {
        List<FeedEvent> events = batch.events();
        if (batch.forEveryone() && events.get(0).position().compareTo(last) > 0) {
            last = events.get(events.size() - 1).position();
            return batch.all();
        }
        BitSet which = new BitSet(events.size());
        for (int i = 0; i < events.size(); i++) {
            FeedEvent event = events.get(i);
            if (event.position().compareTo(last) <= 0) {
                continue;
            }
            if (live && event.changesAccountOf(user)) {
                accountChanged = true;
                break;
            }
            last = event.position();
            if (event.visibleTo(user)) {
                which.set(i);
            }
        }
        return which.isEmpty() ? null : batch.frames(which);
    }

    /** A comment line that keeps proxies from closing an idle stream. */
    void heartbeat() {
        if (!finishDeferredClose() && !sinkCloseDeferred) {
            write(HEARTBEAT);
        }
    }

    /** Ends the stream if its close waited for the initial response and that is out now; true when it did. */
    boolean finishDeferredClose() {
        if (sinkCloseDeferred && responseStarted()) {
            sinkCloseDeferred = false;
            closeSink();
            return true;
        }
        return false;
    }

    /** Called by the resource as it returns: the REST layer now sends the stream's initial response. */
    public void requestAnswered() {
        answeredAt = System.nanoTime();
    }

    private boolean responseStarted() {
        long at = answeredAt;
        return at != 0 && System.nanoTime() - at > SETTLE_NANOS;
    }

    void sendControl(String name, String data) {
        write(Buffer.buffer(FeedBatch.frame(null, name, data)));
    }

    /** One asynchronous write; the first one also sends the response head, as the REST layer's SSE sink did. */
    private synchronized void write(Buffer frames) {
        if (closed.get()) {
            return;
        }
        if (sink.isClosed()) {
            close();
            return;
        }
        long backlog = unsent.get();
        if (backlog > MAX_UNSENT_BYTES) {
            LOG.infof("Dropping slow live-update client of %s (%d bytes unsent)", user.username(), backlog);
            close();
            return;
        }
        int size = frames.length();
        unsent.addAndGet(size);
        try {
            if (!response.headWritten()) {
                response.setStatusCode(200).setChunked(true)
                        .putHeader("Content-Type", "text/event-stream")
                        .putHeader("Cache-Control", "no-store");
            }
            response.write(frames).onComplete(done -> {
                unsent.addAndGet(-size);
                if (done.failed()) {
                    close();
                }
            });
        } catch (IllegalStateException e) {
            unsent.addAndGet(-size);
            close(); // the client hung up between the check above and this write ("Response is closed")
        }
    }

    /** Closed, and done with: a close still waiting for the next heartbeat keeps the subscriber in the feed. */
    public boolean isClosed() {
        return (closed.get() || sink.isClosed()) && !sinkCloseDeferred;
    }

    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (!responseStarted()) {
                sinkCloseDeferred = true; // see answeredAt
                return;
            }
            closeSink();
        }
    }

    private void closeSink() {
        try {
            sink.close();
        } catch (RuntimeException e) {
            // already gone
        }
    }

    public WorkbenchUser user() {
        return user;
    }
}
