package org.factcheck.workbench.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.factcheck.workbench.user.WorkbenchUser;
import org.jboss.logging.Logger;

/**
 * One connected live-update client. Writes are asynchronous; a client that lets more than {@link #MAX_PENDING}
 * events pile up unsent is disconnected (it reconnects with Last-Event-ID and catches up), so a slow reader
 * can never make the server hold an unbounded backlog.
 */
public final class FeedSubscriber {

    private static final Logger LOG = Logger.getLogger(FeedSubscriber.class);
    public static final int MAX_PENDING = 512;

    private final SseEventSink sink;
    private final Sse sse;
    private final WorkbenchUser user;
    private final ObjectMapper mapper;
    private final AtomicInteger pending = new AtomicInteger();
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

    public FeedSubscriber(SseEventSink sink, Sse sse, WorkbenchUser user, ObjectMapper mapper, FeedPosition after) {
        this.sink = sink;
        this.sse = sse;
        this.user = user;
        this.mapper = mapper;
        this.last = after == null ? FeedPosition.START : after;
    }

    /** Sends the event (already written as JSON, once for all clients) if this client may see it and has not had it. */
    void offer(FeedEvent event, String json) {
        if (closed.get() || event.position().compareTo(last) <= 0) {
            return;
        }
        if (live && event.changesAccountOf(user)) {
            // What this stream may see was decided by the user's role when it opened. Their account has just changed
            // (role, disabled, password): end the stream before anything else reaches it; the client reconnects
            // from its last event and is served as the account is now.
            close();
            return;
        }
        last = event.position();
        if (!event.visibleTo(user)) {
            return;
        }
        send(sse.newEventBuilder().id(event.position().token()).name(event.type()).data(json).build());
    }

    void offer(FeedEvent event) {
        try {
            offer(event, mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A comment line that keeps proxies from closing an idle stream. */
    void heartbeat() {
        if (!finishDeferredClose() && !sinkCloseDeferred) {
            send(sse.newEventBuilder().comment("heartbeat").build());
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

    /** Tells the client it is live; the id lets it resume from here even if no event comes before it drops. */
    void ready(FeedPosition position, boolean resumed) {
        if (position.compareTo(last) > 0) {
            last = position;
        }
        send(sse.newEventBuilder().id(last.token()).name("ready").data("{\"resumed\":" + resumed + "}").build());
        live = true;
    }

    void sendControl(String name, String data) {
        send(sse.newEventBuilder().name(name).data(data).build());
    }

    private void send(OutboundSseEvent event) {
        if (closed.get()) {
            return;
        }
        if (sink.isClosed()) {
            close();
            return;
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            LOG.infof("Dropping slow live-update client of %s (%d events unsent)", user.username(), pending.get());
            close();
            return;
        }
        java.util.concurrent.CompletionStage<?> sent;
        try {
            sent = sink.send(event);
        } catch (IllegalStateException e) {
            pending.decrementAndGet();
            if (sink.isClosed()) {
                close(); // the client hung up between the check above and this write ("Already closed")
                return;
            }
            throw e; // anything else: the poll loop retries the delivery, as before
        }
        sent.whenComplete((ok, error) -> {
            pending.decrementAndGet();
            if (error != null) {
                close();
            }
        });
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
