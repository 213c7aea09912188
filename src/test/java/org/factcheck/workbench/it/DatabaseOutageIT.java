package org.factcheck.workbench.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under load: readiness goes DOWN while liveness stays UP, the API answers 503 problems
 * within a few seconds (no 500s, no hangs), and when PostgreSQL is back the service recovers by itself within
 * 10 seconds. And a service started before its database waits for it and becomes ready when it comes.
 */
class DatabaseOutageIT {

    private static final String ADMIN_PASSWORD = "test-admin-password";

    @Test
    void answers503WhileThePostgresIsDownAndRecoversByItself() throws Exception {
        Path dir = Drills.dataDir("outage-pgdata");
        int port = ServiceInstance.freePort();
        EmbeddedPostgres postgres = Drills.postgres(dir, port, true);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        try (ServiceInstance service = ServiceInstance.start("outage", url, Map.of("WORKBENCH_ADMIN_PASSWORD", ADMIN_PASSWORD))) {
            String token = Api.token(service, "admin", ADMIN_PASSWORD);
            String articles = service.baseUrl() + "/api/articles";
            assertThat(Drills.status(articles, token, Duration.ofSeconds(5))).isEqualTo(200);

            postgres.close();

            assertThat(Drills.waitFor(service.baseUrl() + "/q/health/ready", null, 503, Duration.ofSeconds(10)))
                    .as("readiness goes DOWN").isNotNegative();
            assertThat(Drills.status(service.baseUrl() + "/q/health/live", null, Duration.ofSeconds(5))).as("liveness stays UP").isEqualTo(200);
            // a credential checked just before the outage may be reused for a moment (CredentialStore.REUSE), and
            // GET /api/session needs nothing else: past that moment every request needs the database
            Thread.sleep(org.factcheck.workbench.user.security.CredentialStore.REUSE.toMillis() + 250);
            for (String path : List.of("/api/articles", "/api/claims?q=ISIS", "/api/session")) {
                long started = System.nanoTime();
                HttpResponse<String> r = Api.HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
                long millis = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("during the outage GET %s answered %d in %d ms%n", path, r.statusCode(), millis);
                assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(503);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                JsonNode problem = Api.JSON.readTree(r.body());
                assertThat(problem.get("status").asInt()).isEqualTo(503);
                assertThat(millis).as("answers within a few seconds").isLessThan(6_000);
            }

            long down = System.nanoTime();
            postgres = Drills.postgres(dir, port, false);
            long recovered = Drills.waitFor(articles, token, 200, Duration.ofSeconds(10));
            System.out.printf("the API answered 200 again %d ms after PostgreSQL came back%n", recovered);
            assertThat(recovered).as("recovers within 10 s").isNotNegative();
            assertThat(Drills.waitFor(service.baseUrl() + "/q/health/ready", null, 200, Duration.ofSeconds(10))).isNotNegative();
            assertThat(System.nanoTime() - down).isPositive();
        } finally {
            postgres.close();
        }
    }

    @Test
    void aServiceStartedBeforeItsDatabaseWaitsAndBecomesReady() throws Exception {
        Path dir = Drills.dataDir("late-pgdata");
        int port = ServiceInstance.freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        try (ServiceInstance service = ServiceInstance.startWithoutWaiting("late", url, Map.of("WORKBENCH_ADMIN_PASSWORD", ADMIN_PASSWORD))) {
            Thread.sleep(5_000);
            assertThat(service.isAlive()).as("the service waits instead of exiting").isTrue();
            try (EmbeddedPostgres postgres = Drills.postgres(dir, port, true)) {
                long ready = Drills.waitFor(service.baseUrl() + "/q/health/ready", null, 200, Duration.ofSeconds(60));
                System.out.printf("ready %d ms after PostgreSQL started%n", ready);
                assertThat(ready).isNotNegative();
                String token = Api.token(service, "admin", ADMIN_PASSWORD);
                assertThat(Drills.status(service.baseUrl() + "/api/articles", token, Duration.ofSeconds(5))).isEqualTo(200);
            }
        }
    }
}
