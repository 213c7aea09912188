package org.factcheck.workbench.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
            JsonNode data = JSON.readTree(arrived.data());
            assertThat(data.get("articleId").asLong()).isEqualTo(article);
            assertThat(data.get("claimId").asLong()).isEqualTo(annotation.get("claimId").asLong());
            long delayMillis = TimeUnit.NANOSECONDS.toMillis(arrived.receivedNanos() - acknowledged);
            System.out.printf("annotation written via %s reached a client of %s %d ms after the write was acknowledged%n",
                    writer.baseUrl(), reader.baseUrl(), delayMillis);
            assertThat(arrived.receivedNanos() - committed).isLessThan(TimeUnit.SECONDS.toNanos(1) + (acknowledged - committed));
        }
    }

    private static String token(ServiceInstance instance) throws Exception {
        HttpResponse<String> signIn = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", "admin", "password", ADMIN_PASSWORD))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        String cookie = signIn.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .reduce((a, b) -> a + "; " + b).orElseThrow();
        String xsrf = cookie.replaceAll(".*XSRF-TOKEN=([^;]*).*", "$1");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/api/tokens"))
                .header("Content-Type", "application/json").header("Cookie", cookie).header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"two instances\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("token").asText();
    }

    private static JsonNode post(ServiceInstance instance, String path, String token, Object body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }
}
