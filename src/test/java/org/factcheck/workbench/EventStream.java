package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A live-update client for tests: reads {@code GET /api/events} with {@link HttpClient} and
 * {@link HttpResponse.BodyHandlers#ofLines()} on a background thread and collects the server-sent events it
 * receives, in order.
 */
public final class EventStream implements AutoCloseable {

    /** One server-sent event: its id (may be null), its name and its data (null when it had none). */
    public record Sse(String id, String name, String data) {

        public JsonPath json() {
            return JsonPath.from(data);
        }

        public String type() {
            return data == null || !data.startsWith("{") ? null : json().getString("type");
        }

        public Long claimId() {
            return data == null || !data.startsWith("{") ? null : json().getObject("claimId", Long.class);
        }

        public Long articleId() {
            return data == null || !data.startsWith("{") ? null : json().getObject("articleId", Long.class);
        }

        public Long subjectId() {
            return data == null || !data.startsWith("{") ? null : json().getObject("subjectId", Long.class);
        }

        public String actor() {
            return data == null || !data.startsWith("{") ? null : json().getString("actor");
        }

        /** The feed position of the id ({@code <transaction>-<event>}) as two numbers, for ordering. */
        public long[] position() {
            return positionOf(id);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final List<Sse> events = new ArrayList<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Thread reader;
    private volatile Stream<String> lines;
    private volatile boolean closing;

    private EventStream(String bearerToken, String sessionCookie, String lastEventId) {
        this(bearerToken, sessionCookie, lastEventId, "");
    }

    private EventStream(String bearerToken, String sessionCookie, String lastEventId, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/events" + query))
                .header("Accept", "text/event-stream");
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        if (sessionCookie != null) {
            request.header("Cookie", "wb_session=" + sessionCookie);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpRequest built = request.GET().build();
        reader = new Thread(() -> read(built), "test-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream with a bearer token and waits for its first event. */
    public static EventStream open(String bearerToken) {
        return started(new EventStream(bearerToken, null, null));
    }

    /** Opens a stream that resumes after an event id, as a reconnecting EventSource does. */
    public static EventStream resume(String bearerToken, String lastEventId) {
        return started(new EventStream(bearerToken, null, lastEventId));
    }

    /** Opens a stream that resumes after an event id given as {@code ?lastEventId=}, as a new EventSource does. */
    public static EventStream resumeByQuery(String bearerToken, String lastEventId) {
        return started(new EventStream(bearerToken, null, null,
                "?lastEventId=" + java.net.URLEncoder.encode(lastEventId, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Opens a stream with a session cookie, as the browser app does. */
    public static EventStream withSession(String sessionCookie) {
        return started(new EventStream(null, sessionCookie, null));
    }

    private static EventStream started(EventStream stream) {
        assertThat(stream.statusCode()).as("status of GET /api/events").isEqualTo(200);
        stream.await(e -> "ready".equals(e.name()), Duration.ofSeconds(10));
        return stream;
    }

    private void read(HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
            status.complete(response.statusCode());
            lines = response.body();
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (var it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (name != null || data != null || id != null) {
                        add(new Sse(id, name == null ? "message" : name, data == null ? null : data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    continue; // a comment (heartbeat)
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                        // retry and unknown fields are ignored
                    }
                }
            }
            ended.complete(null);
        } catch (Exception e) {
            status.complete(-1);
            if (closing) {
                ended.complete(null);
            } else {
                ended.completeExceptionally(e);
            }
        }
    }

    private void add(Sse event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    public int statusCode() {
        try {
            return status.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer from GET /api/events", e);
        }
    }

    /** Every event received so far, in order. */
    public List<Sse> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The data events received so far (not ready or other control events). */
    public List<Sse> changes() {
        return events().stream().filter(e -> e.type() != null).toList();
    }

    /** Waits for the first event that matches (including ones already received). */
    public Sse await(Predicate<Sse> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                Optional<Sse> found = events.stream().filter(matching).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no matching event within " + timeout + "; received: " + events);
                }
                try {
                    events.wait(Math.min(left, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Waits for a change of this type about this claim. */
    public Sse awaitChange(String type, long claimId) {
        return await(e -> type.equals(e.type()) && Long.valueOf(claimId).equals(e.claimId()), Duration.ofSeconds(10));
    }

    /** Waits until the server ends the stream. */
    public boolean awaitEnd(Duration timeout) {
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (Exception e) {
            throw new AssertionError("the stream failed instead of ending", e);
        }
    }

    public boolean hasEnded() {
        return ended.isDone();
    }

    @Override
    public void close() {
        closing = true;
        Stream<String> l = lines;
        if (l != null) {
            try {
                l.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        reader.interrupt();
    }

    /** {@code <transaction>-<event>} as two numbers. */
    public static long[] positionOf(String id) {
        String[] parts = id.split("-");
        assertThat(parts).as("event id %s", id).hasSize(2);
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    /** Compares two event ids in feed order. */
    public static int compareIds(String a, String b) {
        long[] x = positionOf(a);
        long[] y = positionOf(b);
        int c = Long.compare(x[0], y[0]);
        return c != 0 ? c : Long.compare(x[1], y[1]);
    }
}
