package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.newClaim;
import static org.factcheck.workbench.ApiClient.tokenOf;
import static org.factcheck.workbench.ApiClient.uniqueWord;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service's limits on what a request may carry: the size of a request (quarkus.http.limits.max-body-size, 8 MB in
 * tests), the length of an article (workbench.article.max-length, 2,000,000 code points), JSON nesting and string
 * length (shared/JsonConfiguration), and the page size of lists (1..500). Each is answered with a problem document,
 * and nothing over a limit is stored.
 */
@QuarkusTest
class InputLimitsTest {

    static final int REQUEST_LIMIT = 8 * 1024 * 1024;
    static final int ARTICLE_LIMIT = 2_000_000;
    static final String JSON_LIMIT = "urn:workbench:problem:json-limit";

    // ---- request size -----------------------------------------------------------------------------------------

    @Test
    void aRequestOverTheSizeLimitIsA413ProblemBeforeItIsRead() {
        String word = uniqueWord();
        byte[] huge = ("{\"title\":\"Huge " + word + "\",\"body\":\"" + "a".repeat(REQUEST_LIMIT) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertProblem(as("analyst").body(huge).post("/api/articles"), 413)
                .body("type", equalTo("urn:workbench:problem:too-large"));
        assertProblem(as("analyst").body(huge).post("/api/claims/" + newClaim() + "/comments"), 413);
        assertProblem(as("viewer").contentType("application/x-ndjson").body(huge).post("/api/import/claims"), 413);
        assertThat(articlesMatching(word)).isZero();
    }

    /**
     * Sent in chunks, with no length declared, the request is read until the limit and then refused. (Quarkus's own
     * request reader writes that 413, without a problem body, before the service's mappers could: left as it is.)
     */
    @Test
    void aStreamedRequestWithoutALengthIsCutOffAtTheLimitToo() throws Exception {
        String word = uniqueWord();
        // White space between the members: valid JSON of any length, which no JSON limit stops early.
        byte[] head = ("{\"title\":\"Streamed " + word + "\",").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\"body\":\"Streamed body " + word + ".\"}").getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/api/articles", "/api/w3c/articles/" + createArticle("Streamed target.") + "/annotations/")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                    .header("Authorization", "Bearer " + tokenOf("analyst"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    // no Content-Length: the body is sent in chunks
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(java.util.Collections.enumeration(
                            List.<InputStream>of(new ByteArrayInputStream(head), new RepeatedStream(' ', REQUEST_LIMIT + 1024),
                                    new ByteArrayInputStream(tail))))))
                    .build();
            HttpResponse<String> response;
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // The service may close the connection while the client is still sending: refused all the same.
                continue;
            }
            // Quarkus's request reader answers this one itself, with a bare 413 (no problem body; see the report).
            assertThat(response.statusCode()).as(path).isEqualTo(413);
            ProblemAssertions.assertNoLeak(response.body());
        }
        assertThat(articlesMatching(word)).isZero();
    }

    // ---- article length --------------------------------------------------------------------------------------

    @Test
    void anArticleOverTheConfiguredLengthIsA400NamingBody() {
        String word = uniqueWord();
        String body = word + " " + "x".repeat(ARTICLE_LIMIT - word.length()); // one code point over

        assertProblem(as("analyst").body(Map.of("title", "Too long " + word, "body", body)).post("/api/articles"), 400)
                .body("type", equalTo("urn:workbench:problem:validation"))
                .body("errors.field", contains("body"));
        assertThat(articlesMatching(word)).isZero();
    }

    @Test
    void anArticleOfExactlyTheConfiguredLengthInCodePointsIsStored() {
        String word = uniqueWord();
        // 2,000,000 code points, half of them astral (two UTF-16 units, four UTF-8 bytes each): 5 MB on the wire.
        StringBuilder body = new StringBuilder(word).append(' ');
        for (int codePoints = word.length() + 1; codePoints < ARTICLE_LIMIT; codePoints++) {
            body.append(codePoints % 2 == 0 ? "🎉" : "a");
        }
        long id = as("analyst").body(("{\"title\":\"Longest " + word + "\",\"body\":\"" + body + "\"}").getBytes(StandardCharsets.UTF_8))
                .contentType("application/json; charset=UTF-8").post("/api/articles")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        as("viewer").get("/api/articles/" + id).then().statusCode(200).body("length", equalTo(ARTICLE_LIMIT));

        String over = body.append('a').toString();
        assertProblem(as("analyst").body(("{\"title\":\"Longer " + word + "\",\"body\":\"" + over + "\"}").getBytes(StandardCharsets.UTF_8))
                .contentType("application/json; charset=UTF-8").post("/api/articles"), 400)
                .body("errors.field", contains("body"));
    }

    @Test
    void anImportedFileOverTheArticleLengthIsRefusedForThatFile() {
        String word = uniqueWord();
        byte[] file = ("Too long " + word + "\n\n" + "y".repeat(ARTICLE_LIMIT + 1)).getBytes(StandardCharsets.UTF_8);
        Response report = as("analyst").contentType("multipart/form-data")
                .multiPart("file", "long-" + word + ".txt", file, "text/plain").post("/api/articles/import");
        report.then().statusCode(200).body("items[0].status", equalTo(400)).body("created", equalTo(0));
        ProblemAssertions.assertNoLeak(report.asString());
        assertThat(articlesMatching(word)).isZero();
    }

    // ---- JSON nesting and strings ----------------------------------------------------------------------------

    @Test
    void jsonNestedDeeperThan32LevelsIsA400Problem() {
        long article = createArticle("Nested deeply.");
        for (int depth : List.of(33, 64, 1_000, 100_000)) {
            String nested = "[".repeat(depth) + "]".repeat(depth);
            String word = uniqueWord();
            assertProblem(flat("analyst").body("{\"title\":\"Deep " + word + "\",\"body\":\"b\",\"x\":" + nested + "}")
                    .post("/api/articles"), 400).body("type", equalTo(JSON_LIMIT));
            // inside a field's value: still the limit, not "claim: is not valid"
            assertProblem(flat("analyst").body("{\"start\":0,\"end\":6,\"exact\":\"Nested\",\"claim\":" + "{\"a\":".repeat(depth)
                    + "1" + "}".repeat(depth) + "}").post("/api/articles/" + article + "/annotations"), 400)
                    .body("type", equalTo(JSON_LIMIT));
            assertProblem(flat("analyst").contentType("application/ld+json").body("{\"target\":" + nested + "}")
                    .post("/api/w3c/articles/" + article + "/annotations/"), 400).body("type", equalTo(JSON_LIMIT));
            // Where the reader stops before the depth (an unknown field, an array for a string), that is the problem.
            assertProblem(flat("viewer").body("{\"name\":\"deep\",\"x\":" + nested + "}").post("/api/tokens"), 400);
            assertProblem(flat("viewer").body("{\"name\":" + nested + "}").post("/api/tokens"), 400);
            // An NDJSON import answers per line: that line is refused, nothing is imported.
            flat("admin").contentType("application/x-ndjson").body(nested.getBytes(StandardCharsets.UTF_8)).post("/api/import/claims")
                    .then().statusCode(200).body("items[0].status", equalTo(400)).body("imported", equalTo(0));
            assertThat(articlesMatching(word)).isZero();
        }
        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items.size()", equalTo(0));
    }

    /** A request whose body the test client will not pretty-print into its failure log (100,000 levels would not fit). */
    static io.restassured.specification.RequestSpecification flat(String role) {
        return as(role).config(RestAssured.config().logConfig(io.restassured.config.LogConfig.logConfig().enablePrettyPrinting(false)));
    }

    @Test
    void thirtyTwoLevelsAreWithinTheLimit() {
        // 32 levels in all (the object itself is the first): an unknown field, so a validation problem, not the limit.
        String nested = "[".repeat(31) + "]".repeat(31);
        assertProblem(as("analyst").body("{\"title\":\"t\",\"body\":\"b\",\"x\":" + nested + "}").post("/api/articles"), 400)
                .body("type", equalTo("urn:workbench:problem:validation"))
                .body("errors.field", contains("x"));
    }

    @Test
    void aStringLongerThanTheLimitIsA400Problem() {
        String word = uniqueWord();
        String tooLong = "z".repeat(4_200_001);
        assertProblem(as("analyst").body("{\"title\":\"Long string " + word + "\",\"body\":\"" + tooLong + "\"}")
                .post("/api/articles"), 400).body("type", equalTo(JSON_LIMIT));
        assertProblem(as("analyst").body("{\"body\":\"" + tooLong + "\"}").post("/api/claims/" + newClaim() + "/comments"), 400)
                .body("type", equalTo(JSON_LIMIT));
        assertProblem(as("viewer").body("{\"name\":\"" + tooLong + "\"}").post("/api/tokens"), 400).body("type", equalTo(JSON_LIMIT));
        assertThat(articlesMatching(word)).isZero();
    }

    @Test
    void aNumberOfMoreThan40DigitsIsA400Problem() {
        long article = createArticle("A number too long.");
        assertProblem(as("analyst").body("{\"start\":" + "9".repeat(41) + ",\"end\":1,\"exact\":\"A\"}")
                .post("/api/articles/" + article + "/annotations"), 400);
        assertProblem(as("analyst").body("{\"start\":0,\"end\":1e999999,\"exact\":\"A\"}")
                .post("/api/articles/" + article + "/annotations"), 400);
        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items.size()", equalTo(0));
    }

    // ---- page sizes ------------------------------------------------------------------------------------------

    @Test
    void aPageSizeOutside1To500IsA400NamingLimit() {
        long claim = newClaim();
        Map<String, String> lists = Map.of("/api/articles", "viewer", "/api/claims", "viewer", "/api/users", "admin",
                "/api/claims/" + claim + "/history", "viewer");
        lists.forEach((path, role) -> {
            for (String limit : List.of("501", "0", "-1", "1000000", "99999999999", "1.5", "abc", "", " 5")) {
                if (limit.isEmpty()) {
                    as(role).queryParam("limit", limit).get(path).then().statusCode(200);
                    continue;
                }
                assertProblem(as(role).queryParam("limit", limit).get(path), 400).body("errors.field", hasItem("limit"));
            }
            as(role).queryParam("limit", 500).get(path).then().statusCode(200);
            as(role).queryParam("limit", 1).get(path).then().statusCode(200);
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    static int articlesMatching(String word) {
        return as("viewer").queryParam("q", word).get("/api/articles").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }

    /** n copies of one byte, without holding them in memory. */
    static final class RepeatedStream extends InputStream {
        private final int value;
        private long left;

        RepeatedStream(char value, long count) {
            this.value = value;
            this.left = count;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return value;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) value);
            left -= n;
            return n;
        }
    }
}
