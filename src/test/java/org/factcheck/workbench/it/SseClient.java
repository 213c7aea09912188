package org.factcheck.workbench.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads GET /api/events as text/event-stream, timestamping each event as it arrives. */
final class SseClient implements AutoCloseable {

    record Event(String id, String name, String data, long receivedNanos) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    SseClient(String baseUrl, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            String[] current = new String[3];
            r.body().forEach(line -> {
                if (line.isEmpty()) {
                    if (current[1] != null || current[2] != null) {
                        events.add(new Event(current[0], current[1], current[2], System.nanoTime()));
                    }
                    current[0] = current[1] = current[2] = null;
                } else if (line.startsWith("id:")) {
                    current[0] = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    current[1] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    current[2] = line.substring(5).trim();
                }
            });
        });
    }

    /** The next event of that name, or null after the timeout. */
    Event next(String name, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Event e = events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                return null;
            }
            if (name.equals(e.name())) {
                return e;
            }
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}
