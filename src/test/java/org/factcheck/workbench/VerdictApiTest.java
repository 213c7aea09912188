package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.sendForReview;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.newClaim;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.ApiClient.tokenOf;
import static org.factcheck.workbench.ApiClient.usernameFor;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.factcheck.workbench.ApiClient.Account;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VerdictApiTest {

    private static final String CLAIMS = "/api/claims/";
    private static final int WRITERS = 8;

    @Test
    void setsADraftVerdict() {
        long claim = newClaim();
        String etag = etagOf(claim);

        Response set = as("analyst").header("If-Match", etag)
                .body(Map.of("rating", "mostly-false", "explanation", "The SDF gave 28, others 45."))
                .put(CLAIMS + claim + "/verdict");

        set.then()
                .statusCode(200)
                .body("verdict.rating", equalTo("mostly-false"))
                .body("verdict.ratingLabel", equalTo("Mostly false"))
                .body("verdict.explanation", equalTo("The SDF gave 28, others 45."))
                .body("verdict.state", equalTo("draft"))
                .body("verdict.author", equalTo(usernameFor("analyst")))
                .body("verdict.updatedAt", notNullValue())
                .body("verdict.publishedBy", nullValue())
                .body("verdict.publishedAt", nullValue())
                .body("publishedVerdict", nullValue())
                .body("status", equalTo("in_progress"));
        assertThat(set.header("ETag")).isNotNull().isNotEqualTo(etag);
        assertThat(etagOf(claim)).isEqualTo(set.header("ETag"));
    }

    /** The answer to a change is the claim exactly as it is read afterwards: one spelling of a claim, not two. */
    @Test
    void answersWithTheClaimAsItIsReadAfterwards() {
        long claim = newClaim();
        org.factcheck.workbench.ApiClient.addEvidence(claim, "https://example.org/report-\u05d0");
        setVerdict("analyst", claim, "false", "First: 28 \uD83D\uDE00").then().statusCode(200);
        sendForReview(claim);
        as("reviewer").header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish").then().statusCode(200);

        Response changed = setVerdict("analyst", claim, "mostly-false", "Second: \u0645\u0631\u062d\u0628\u0627 <b>45</b>\r\nand more");
        changed.then().statusCode(200)
                .body("status", equalTo("in_progress"))
                .body("verdict.revision", equalTo(2))
                .body("verdict.explanation", equalTo("Second: \u0645\u0631\u062d\u0628\u0627 <b>45</b>\nand more"))
                .body("publishedVerdict.revision", equalTo(1));
        Response read = as("viewer").get(CLAIMS + claim);
        assertThat(changed.jsonPath().getMap("")).isEqualTo(read.jsonPath().getMap(""));
        assertThat(changed.header("ETag")).isEqualTo(read.header("ETag"));

        Response unchanged = setVerdict("analyst", claim, "mostly-false", "Second: \u0645\u0631\u062d\u0628\u0627 <b>45</b>\nand more");
        assertThat(unchanged.jsonPath().getMap("")).isEqualTo(read.jsonPath().getMap(""));
        assertThat(unchanged.header("ETag")).isEqualTo(read.header("ETag"));
    }

    @Test
    void rejectsARatingNotOnTheScale() {
        long claim = newClaim();

        assertProblem(as("analyst").header("If-Match", etagOf(claim)).body(Map.of("rating", "pants-on-fire", "explanation", "x"))
                .put(CLAIMS + claim + "/verdict"), 400)
                .body("errors.field", contains("rating"));
        assertProblem(as("analyst").header("If-Match", etagOf(claim)).body(Map.of("explanation", "no rating"))
                .put(CLAIMS + claim + "/verdict"), 400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("rating"));

        as("viewer").get(CLAIMS + claim).then().body("verdict", nullValue()).body("status", equalTo("open"));
    }

    @Test
    void requiresACurrentIfMatch() {
        long claim = newClaim();
        String stale = etagOf(claim);

        assertProblem(as("analyst").body(Map.of("rating", "false", "explanation", "blind")).put(CLAIMS + claim + "/verdict"), 428);
        setVerdict("analyst", claim, "true", "first").then().statusCode(200);
        assertProblem(as("analyst").header("If-Match", stale).body(Map.of("rating", "false", "explanation", "stale"))
                .put(CLAIMS + claim + "/verdict"), 412);

        as("viewer").get(CLAIMS + claim).then()
                .body("verdict.rating", equalTo("true"))
                .body("verdict.explanation", equalTo("first"));
    }

    @Test
    void oneOfManySimultaneousWritersWins() throws Exception {
        long claim = newClaim();
        String etag = etagOf(claim);
        String token = tokenOf("analyst");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create("http://localhost:" + RestAssured.port + CLAIMS + claim + "/verdict");
        CountDownLatch ready = new CountDownLatch(WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < WRITERS; i++) {
                String explanation = "writer " + i;
                results.add(pool.submit(() -> {
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("If-Match", etag)
                            .timeout(Duration.ofSeconds(30))
                            .PUT(HttpRequest.BodyPublishers.ofString(
                                    "{\"rating\":\"false\",\"explanation\":\"" + explanation + "\"}"))
                            .build();
                    ready.countDown();
                    go.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : results) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }

            int[] statuses = responses.stream().mapToInt(HttpResponse::statusCode).toArray();
            assertThat(Arrays.stream(statuses).filter(s -> s == 200).count()).as("winners in %s", Arrays.toString(statuses)).isEqualTo(1);
            assertThat(Arrays.stream(statuses).filter(s -> s == 412).count()).as("losers in %s", Arrays.toString(statuses))
                    .isEqualTo(WRITERS - 1);
            HttpResponse<String> winner = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            String winnersExplanation = JsonPath.from(winner.body()).getString("verdict.explanation");
            assertThat(winnersExplanation).startsWith("writer ");
            responses.stream().filter(r -> r.statusCode() == 412).forEach(r -> {
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                ProblemAssertions.assertNoLeak(r.body());
            });

            as("viewer").get(CLAIMS + claim).then()
                    .body("verdict.explanation", equalTo(winnersExplanation))
                    .body("verdict.revision", equalTo(1));
            assertThat(etagOf(claim)).isEqualTo(winner.headers().firstValue("ETag").orElseThrow());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reviewerPublishesAnotherUsersVerdict() {
        long claim = newClaim();
        setVerdict("analyst", claim, "false", "Contradicted by three sources.").then().statusCode(200);
        sendForReview(claim);
        String etag = etagOf(claim);

        Response published = as("reviewer").header("If-Match", etag).post(CLAIMS + claim + "/verdict/publish");

        published.then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("verdict.state", equalTo("published"))
                .body("verdict.rating", equalTo("false"))
                .body("verdict.publishedBy", equalTo(usernameFor("reviewer")))
                .body("verdict.publishedAt", notNullValue())
                .body("publishedVerdict.rating", equalTo("false"))
                .body("publishedVerdict.state", equalTo("published"));
        assertThat(published.header("ETag")).isNotEqualTo(etag);
        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("published")).body("verdict.state", equalTo("published"));
    }

    @Test
    void reviewerCannotPublishTheirOwnVerdict() {
        long claim = newClaim();
        Account reviewer = newAccount("reviewer");
        String token = reviewer.token();
        io.restassured.RestAssured.given().contentType("application/json").header("Authorization", "Bearer " + token)
                .header("If-Match", etagOf(claim)).body(Map.of("rating", "true", "explanation", "my own"))
                .put(CLAIMS + claim + "/verdict").then().statusCode(200);
        sendForReview(claim);

        assertProblem(io.restassured.RestAssured.given().contentType("application/json").header("Authorization", "Bearer " + token)
                .header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish"), 403);

        as("viewer").get(CLAIMS + claim).then().body("verdict.state", equalTo("draft")).body("publishedVerdict", nullValue());
        // Another reviewer may publish it.
        as("reviewer").header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish").then().statusCode(200);
    }

    @Test
    void analystCannotPublish() {
        long claim = newClaim();
        setVerdict("reviewer", claim, "mixed", "Partly right.").then().statusCode(200);
        sendForReview(claim);

        assertProblem(as("analyst").header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish"), 403);
        assertProblem(as("viewer").header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish"), 403);

        as("viewer").get(CLAIMS + claim).then().body("verdict.state", equalTo("draft")).body("status", equalTo("in_review"));
    }

    @Test
    void publishingNeedsSomethingToPublish() {
        long claim = newClaim();

        assertProblem(as("reviewer").header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish"), 409);

        setVerdict("analyst", claim, "unproven", "No source yet.").then().statusCode(200);
        sendForReview(claim);
        as("reviewer").header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish").then().statusCode(200);
        assertProblem(as("admin").header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish"), 409);
    }

    @Test
    void publishingRequiresACurrentIfMatch() {
        long claim = newClaim();
        String stale = etagOf(claim);
        setVerdict("analyst", claim, "true", "Confirmed.").then().statusCode(200);
        sendForReview(claim);

        assertProblem(as("reviewer").post(CLAIMS + claim + "/verdict/publish"), 428);
        assertProblem(as("reviewer").header("If-Match", stale).post(CLAIMS + claim + "/verdict/publish"), 412);

        as("viewer").get(CLAIMS + claim).then().body("verdict.state", equalTo("draft"));
    }

    @Test
    void aNewDraftKeepsThePublishedVerdictInForce() {
        long claim = newClaim();
        setVerdict("analyst", claim, "false", "First assessment.").then().statusCode(200);
        sendForReview(claim);
        as("reviewer").header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish").then().statusCode(200);

        setVerdict("analyst", claim, "mostly-false", "Corrected after new evidence.")
                .then()
                .statusCode(200)
                .body("verdict.rating", equalTo("mostly-false"))
                .body("verdict.state", equalTo("draft"))
                .body("verdict.revision", equalTo(2))
                .body("publishedVerdict.rating", equalTo("false"))
                .body("publishedVerdict.explanation", equalTo("First assessment."))
                .body("publishedVerdict.state", equalTo("published"))
                .body("publishedVerdict.revision", equalTo(1));

        sendForReview(claim);
        as("reviewer").header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish")
                .then()
                .statusCode(200)
                .body("publishedVerdict.rating", equalTo("mostly-false"))
                .body("publishedVerdict.revision", equalTo(2));
    }

    @Test
    void viewerCannotSetAVerdict() {
        long claim = newClaim();

        assertProblem(as("viewer").header("If-Match", etagOf(claim)).body(Map.of("rating", "true", "explanation", "x"))
                .put(CLAIMS + claim + "/verdict"), 403);

        as("viewer").get(CLAIMS + claim).then().body("verdict", nullValue());
    }

    @Test
    void verdictOfAnUnknownClaimIsNotFound() {
        assertProblem(as("analyst").header("If-Match", "\"0\"").body(Map.of("rating", "true", "explanation", "x"))
                .put(CLAIMS + "987654321/verdict"), 404);
        assertProblem(as("reviewer").header("If-Match", "\"0\"").post(CLAIMS + "987654321/verdict/publish"), 404);
    }

    @Test
    void listsTheDefaultRatingScale() {
        JsonPath ratings = as("viewer").get("/api/ratings").then().statusCode(200).extract().jsonPath();

        assertThat(ratings.getList("items.key", String.class))
                .containsExactly("true", "mostly-true", "mixed", "mostly-false", "false", "misleading", "unproven");
        List<Map<String, Object>> items = ratings.getList("items");
        Map<String, Object> values = new java.util.HashMap<>();
        items.forEach(r -> values.put((String) r.get("key"), r.get("value")));
        assertThat(values).containsEntry("true", 5).containsEntry("mostly-true", 4).containsEntry("mixed", 3)
                .containsEntry("mostly-false", 2).containsEntry("false", 1)
                .containsEntry("misleading", null).containsEntry("unproven", null);
        assertThat(items).allSatisfy(r -> {
            assertThat((String) r.get("label")).isNotBlank();
            assertThat((String) r.get("color")).matches("#[0-9a-f]{6}");
        });
    }
}
