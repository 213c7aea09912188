package org.factcheck.workbench.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * kill -9 under a write load from four clients, restart, and every write that was acknowledged is there: on a
 * configured PostgreSQL, and on the service's own embedded one (which the killed service leaves running).
 */
class CrashRecoveryIT {

    private static final String ADMIN_PASSWORD = "test-admin-password";
    private static final Map<String, String> ENV = Map.of("WORKBENCH_ADMIN_PASSWORD", ADMIN_PASSWORD);

    @Test
    void everyAcknowledgedWriteSurvivesKillMinusNineOnAConfiguredDatabase() throws Exception {
        Path dir = Drills.dataDir("crash-pgdata");
        int port = ServiceInstance.freePort();
        try (EmbeddedPostgres postgres = Drills.postgres(dir, port, true)) {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
            List<String> options = List.of("-Xmx256m", "-Dworkbench.seeds.import-on-start=false");
            crashUnderLoadAndCheck(ServiceInstance.start("crash", url, ENV, options), url, options);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillMinusNineOnTheEmbeddedDatabase() throws Exception {
        Path data = Drills.dataDir("crash-embedded-pgdata").toAbsolutePath();
        java.nio.file.Files.createDirectories(data);
        try (var files = java.nio.file.Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(data)).forEach(p -> p.toFile().delete());
        }
        List<String> options = List.of("-Xmx256m", "-Dworkbench.seeds.import-on-start=false", "-Dworkbench.embedded-db.data-dir=" + data);
        crashUnderLoadAndCheck(ServiceInstance.start("crash-embedded", null, ENV, options), null, options);
    }

    private static void crashUnderLoadAndCheck(ServiceInstance service, String url, List<String> options) throws Exception {
        String token = Api.token(service, "admin", ADMIN_PASSWORD);
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            clients.submit(() -> {
                while (running.get()) {
                    String title = "Crash drill " + UUID.randomUUID();
                    try {
                        HttpResponse<String> r = Api.HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/articles"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(
                                        Map.of("title", title, "body", "Body of " + title)))).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            acknowledged.put(Api.JSON.readTree(r.body()).get("id").asLong(), title);
                        }
                    } catch (Exception e) {
                        // the service died mid-request: that write was never acknowledged
                    }
                }
                return null;
            });
        }
        Thread.sleep(3_000);
        service.kill();
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        assertThat(acknowledged).as("writes acknowledged before the kill").isNotEmpty();

        try (ServiceInstance again = service.restart(url, ENV, options)) {
            String token2 = Api.token(again, "admin", ADMIN_PASSWORD);
            int found = 0;
            for (Map.Entry<Long, String> write : acknowledged.entrySet()) {
                String body = Api.text(again, "/api/articles/" + write.getKey(), token2);
                assertThat(Api.JSON.readTree(body).get("title").asText()).isEqualTo(write.getValue());
                found++;
            }
            System.out.printf("%s: %d writes acknowledged before kill -9, %d found after restart%n",
                    url == null ? "embedded PostgreSQL" : "configured PostgreSQL", acknowledged.size(), found);
            assertThat(found).isEqualTo(acknowledged.size());
        }
    }
}
