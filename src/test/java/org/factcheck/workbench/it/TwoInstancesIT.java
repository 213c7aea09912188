package org.factcheck.workbench.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one database: a change made through one reaches a live-update client
 * of the other within a second, both ways. Uses the database of QUARKUS_DATASOURCE_JDBC_URL when set, else an
 * embedded PostgreSQL of its own.
 */
class TwoInstancesIT {

    private static final String ADMIN_PASSWORD = "test-admin-password";

    private static EmbeddedPostgres postgres;
    private static ServiceInstance first;
    private static ServiceInstance second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (url == null || url.isBlank()) {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(Path.of(System.getProperty("workbench.target", "target"), "two-instances-pgdata"))
                    .setCleanDataDirectory(true).start();
            url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
        }
        Map<String, String> env = Map.of("WORKBENCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        first = ServiceInstance.start("a", url, env);
        second = ServiceInstance.start("b", url, env);
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aHighlightMadeOnOneInstanceReachesAClientOfTheOtherWithinASecond() throws Exception {
        String token = token(first);
        crossesWithinASecond(first, second, token);
        crossesWithinASecond(second, first, token);
    }

    @Test
    void browsersOnDifferentInstancesSeeEachOthersWork() throws Exception {
        String token = token(first);
        String text = "Some 45 SDF members were reportedly killed in the clashes. " + UUID.randomUUID();
        String title = "Two browsers " + UUID.randomUUID();
        long article = post(first, "/api/articles", token, Map.of("title", title, "body", text)).get("id").asLong();
        try (org.factcheck.workbench.browser.BrowserSupport onFirst = new org.factcheck.workbench.browser.BrowserSupport(first.baseUrl());
             org.factcheck.workbench.browser.BrowserSupport onSecond = new org.factcheck.workbench.browser.BrowserSupport(second.baseUrl())) {
            com.microsoft.playwright.Page writer = onFirst.newPage();
            onFirst.signIn(writer, "admin", ADMIN_PASSWORD);
            writer.navigate("/articles/" + article);
            com.microsoft.playwright.Page reader = onSecond.newPage();
            onSecond.signIn(reader, "admin", ADMIN_PASSWORD);
            reader.navigate("/articles/" + article);
            reader.getByTestId("article-body").waitFor();

            org.factcheck.workbench.browser.BrowserSupport.selectPhrase(writer, "Some 45 SDF members were reportedly killed");
            writer.getByTestId("create-claim").click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(reader.getByTestId("claim-list-item"))
                    .containsText("Some 45 SDF members were reportedly killed",
                            new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(1500));
            assertThat(onFirst.problems()).isEmpty();
            assertThat(onSecond.problems()).isEmpty();
        }
    }

    private static void crossesWithinASecond(ServiceInstance writer, ServiceInstance reader, String token) throws Exception {
        try (SseClient events = new SseClient(reader.baseUrl(), token)) {
            assertThat(events.next("ready", 10_000)).as("the stream of " + reader.baseUrl() + " opens").isNotNull();
            String text = "Twenty-eight SDF members were allegedly killed in the clashes. " + UUID.randomUUID();
            long article = post(writer, "/api/articles", token, Map.of("title", "Two instances " + UUID.randomUUID(), "body", text))
                    .get("id").asLong();
            long committed = System.nanoTime();
            JsonNode annotation = post(writer, "/api/articles/" + article + "/annotations", token,
                    Map.of("start", 0, "end", 12, "exact", "Twenty-eight"));
            long acknowledged = System.nanoTime();

            SseClient.Event arrived = events.next("annotation.created", 5_000);
            assertThat(arrived).as("annotation.created on the other instance").isNotNull();
            JsonNode data = Api.JSON.readTree(arrived.data());
            assertThat(data.get("articleId").asLong()).isEqualTo(article);
            assertThat(data.get("claimId").asLong()).isEqualTo(annotation.get("claimId").asLong());
            long delayMillis = TimeUnit.NANOSECONDS.toMillis(arrived.receivedNanos() - acknowledged);
            System.out.printf("annotation written via %s reached a client of %s %d ms after the write was acknowledged%n",
                    writer.baseUrl(), reader.baseUrl(), delayMillis);
            assertThat(arrived.receivedNanos() - committed).isLessThan(TimeUnit.SECONDS.toNanos(1) + (acknowledged - committed));
        }
    }

    private static String token(ServiceInstance instance) throws Exception {
        return Api.token(instance, "admin", ADMIN_PASSWORD);
    }

    private static JsonNode post(ServiceInstance instance, String path, String token, Object body) throws Exception {
        return Api.send(instance, "POST", path, token, body, null, 201);
    }
}
