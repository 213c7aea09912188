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
        send(sse.newEventBuilder().comment("heartbeat").build());
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
        sink.send(event).whenComplete((ok, error) -> {
            pending.decrementAndGet();
            if (error != null) {
                close();
            }
        });
    }

    public boolean isClosed() {
        return closed.get() || sink.isClosed();
    }

    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    public WorkbenchUser user() {
        return user;
    }
}
