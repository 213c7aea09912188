package org.factcheck.workbench.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Shared pieces of the crash and outage drills: a PostgreSQL that can be stopped and started again in place. */
final class Drills {

    private Drills() {
    }

    /**
     * Starts PostgreSQL on a port and data directory; {@code fresh} empties the directory first. Stopping it never
     * deletes the data, so it can be started again in place.
     */
    static EmbeddedPostgres postgres(Path dataDir, int port, boolean fresh) throws IOException {
        if (fresh && java.nio.file.Files.exists(dataDir)) {
            try (var files = java.nio.file.Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setPort(port).setCleanDataDirectory(false)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
    }

    static Path dataDir(String name) {
        return Path.of(System.getProperty("workbench.target", "target"), name);
    }

    /** The status of a GET, or -1 when nothing answered within the timeout. */
    static int status(String url, String token, Duration timeout) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls until the GET answers the status; returns the milliseconds it took, or -1 after the deadline. */
    static long waitFor(String url, String token, int status, Duration deadline) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < deadline.toNanos()) {
            if (status(url, token, Duration.ofSeconds(3)) == status) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(100);
        }
        return -1;
    }
}
