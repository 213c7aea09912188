package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.annotate;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.claimFrom;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.sendForReview;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.ApiClient.uniqueWord;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AnnotationApiTest {

    private static final String MIXED = "Hello 🎉 world\n𝔘𝔫𝔦 code and مرحبا بالعالم e\u0301 end";
    private static final String REPORT = "Russia's Ministry of Defense reports that Lt. Gen. Valery Asapov died near Deir ez-Zor.";
    private static final int CONTEXT = 32;

    @Test
    void highlightsAnEmojiPassageByCodePoints() {
        long article = createArticle(MIXED);
        annotate(article, 6, 13, "🎉 world")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/annotations/"))
                .body("start", equalTo(6))
                .body("end", equalTo(13))
                .body("exact", equalTo("🎉 world"))
                .body("prefix", equalTo("Hello "))
                .body("claim.statement", equalTo("🎉 world"));
    }

    @Test
    void highlightsAstralLettersArabicAndCombiningMarks() {
        long article = createArticle(MIXED);
        annotate(article, 14, 17, "𝔘𝔫𝔦").then().statusCode(201).body("exact", equalTo("𝔘𝔫𝔦"));
        annotate(article, 27, 40, "مرحبا بالعالم").then().statusCode(201).body("exact", equalTo("مرحبا بالعالم"));
        // The body is stored in NFC: "e" + U+0301 became the single code point "é".
        annotate(article, 41, 42, "é").then().statusCode(201);
        as("viewer").get("/api/articles/" + article + "/annotations")
                .then()
                .statusCode(200)
                .body("items", hasSize(3))
                .body("items.exact", hasItem("مرحبا بالعالم"));
    }

    @Test
    void rejectsQuoteThatDoesNotMatchTextAndWritesNothing() {
        long article = createArticle(MIXED);
        annotate(article, 6, 13, "🎉 worlx")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("exact"));
        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items", hasSize(0));
    }

    @Test
    void rejectsPositionsOutOfRangeOrEmpty() {
        long article = createArticle(MIXED);
        annotate(article, 6, 1000, "🎉 world").then().statusCode(400).body("errors[0].field", equalTo("end"));
        annotate(article, 6, 6, "").then().statusCode(400);
        as("analyst").body(Map.of("start", -1, "end", 2, "exact", "He")).post("/api/articles/" + article + "/annotations")
                .then().statusCode(400).body("errors.field", hasItem("start"));
    }

    @Test
    void rejectsPositionsBeyondAnyArticle() {
        long article = createArticle(MIXED);

        assertProblem(annotate(article, Integer.MAX_VALUE - 1, Integer.MAX_VALUE, "x"), 400).body("errors.field", hasItem("end"));
        assertProblem(annotate(article, Integer.MAX_VALUE - 40, Integer.MAX_VALUE - 20, "x"), 400).body("errors.field", hasItem("end"));

        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items", hasSize(0));
    }

    @Test
    void countsPositionsOnTheNormalisedTextOfCrlfInput() {
        long article = createArticle("CRLF " + UUID.randomUUID(), "First line\r\nSecond 🎉 line\r\nThird\r\n" + uniqueWord());

        // "First line\n" is 11 code points once CRLF became LF; counted on the raw text it would be 12.
        annotate(article, 11, 17, "Second")
                .then()
                .statusCode(201)
                .body("prefix", equalTo("First line\n"))
                .body("suffix", containsString(" 🎉 line\nThird\n"));
        annotate(article, 18, 24, "🎉 line").then().statusCode(201);
        annotate(article, 12, 18, "Second").then().statusCode(422);
    }

    @Test
    void allowsOverlappingHighlights() {
        long article = createArticle(REPORT);

        annotate(article, 0, 28, "Russia's Ministry of Defense").then().statusCode(201);
        annotate(article, 9, 28, "Ministry of Defense").then().statusCode(201);
        annotate(article, 21, 64, "Defense reports that Lt. Gen. Valery Asapov").then().statusCode(201);

        as("viewer").get("/api/articles/" + article + "/annotations")
                .then()
                .statusCode(200)
                .body("items.start", contains(0, 9, 21))
                .body("items.exact", contains("Russia's Ministry of Defense", "Ministry of Defense",
                        "Defense reports that Lt. Gen. Valery Asapov"));
    }

    @Test
    void attachesAHighlightToAnExistingClaim() {
        long first = createArticle(REPORT);
        long second = createArticle("Another outlet: " + REPORT);
        long claim = claimFrom(first, 42, 64, "Lt. Gen. Valery Asapov");

        as("analyst").body(Map.of("start", 58, "end", 80, "exact", "Lt. Gen. Valery Asapov", "claimId", claim))
                .post("/api/articles/" + second + "/annotations")
                .then()
                .statusCode(201)
                .body("claimId", equalTo((int) claim))
                .body("claim.id", equalTo((int) claim))
                .body("articleId", equalTo((int) second));

        as("viewer").get("/api/claims/" + claim)
                .then()
                .statusCode(200)
                .body("annotations", hasSize(2))
                .body("annotations.articleId", containsInAnyOrder((int) first, (int) second))
                .body("annotations.exact", contains("Lt. Gen. Valery Asapov", "Lt. Gen. Valery Asapov"));
        as("viewer").queryParam("articleId", second).get("/api/claims").then().body("items.id", contains((int) claim));
    }

    @Test
    void refusesAClaimIdThatDoesNotExistAndWritesNothing() {
        long article = createArticle(REPORT);

        assertProblem(as("analyst").body(Map.of("start", 0, "end", 6, "exact", "Russia", "claimId", 987654321))
                .post("/api/articles/" + article + "/annotations"), 422)
                .body("errors.field", hasItem("claimId"));

        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items", hasSize(0));
        as("viewer").queryParam("articleId", article).get("/api/claims").then().body("items", hasSize(0));
    }

    @Test
    void refusesBothClaimIdAndClaim() {
        long article = createArticle(REPORT);
        long claim = claimFrom(createArticle(REPORT), 0, 6, "Russia");
        String word = uniqueWord();

        assertProblem(as("analyst").body(Map.of("start", 0, "end", 6, "exact", "Russia", "claimId", claim,
                        "claim", Map.of("statement", "Both " + word)))
                .post("/api/articles/" + article + "/annotations"), 400)
                .body("errors.field", hasItem("claim"));

        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items", hasSize(0));
        as("viewer").queryParam("q", word).get("/api/claims").then().body("items", hasSize(0));
    }

    @Test
    void refusesTheSameSpanTwiceForOneClaim() {
        long article = createArticle(REPORT);
        long claim = claimFrom(article, 42, 64, "Lt. Gen. Valery Asapov");

        assertProblem(as("analyst").body(Map.of("start", 42, "end", 64, "exact", "Lt. Gen. Valery Asapov", "claimId", claim))
                .post("/api/articles/" + article + "/annotations"), 409);

        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items", hasSize(1));
    }

    @Test
    void deletesAHighlight() {
        long article = createArticle(REPORT);
        Response created = annotate(article, 42, 64, "Lt. Gen. Valery Asapov");
        long annotation = created.then().statusCode(201).extract().jsonPath().getLong("id");
        long claim = created.jsonPath().getLong("claimId");

        assertProblem(as("viewer").delete("/api/annotations/" + annotation), 403);
        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items", hasSize(1));

        as("analyst").delete("/api/annotations/" + annotation).then().statusCode(204);

        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items", hasSize(0));
        as("viewer").get("/api/claims/" + claim).then().body("annotations", hasSize(0));
        assertProblem(as("analyst").delete("/api/annotations/" + annotation), 404);
        assertProblem(as("analyst").delete("/api/annotations/987654321"), 404);
    }

    @Test
    void keepsAtMost32CodePointsOfContextAroundTheSpan() {
        String before = "Lead 𝔘𝔫𝔦 text with emoji 🎉🎉 and more words, then right before the quote 🎉";
        String quote = "Valery Asapov";
        String after = " died 🎉 near Deir ez-Zor, according to the Russian Ministry of Defense.";
        long article = createArticle(before + quote + after);
        int start = before.codePointCount(0, before.length());
        int end = start + quote.length();

        JsonPath created = annotate(article, start, end, quote).then().statusCode(201).extract().jsonPath();

        String expectedPrefix = lastCodePoints(before, CONTEXT);
        String expectedSuffix = firstCodePoints(after, CONTEXT);
        assertThat(expectedPrefix).endsWith("🎉");
        assertThat(created.getString("prefix")).isEqualTo(expectedPrefix);
        assertThat(created.getString("suffix")).isEqualTo(expectedSuffix);
        assertThat(created.getString("prefix").codePointCount(0, created.getString("prefix").length())).isEqualTo(CONTEXT);
        as("viewer").get("/api/articles/" + article + "/annotations").then()
                .body("items[0].prefix", equalTo(expectedPrefix))
                .body("items[0].suffix", equalTo(expectedSuffix));
    }

    @Test
    void shortensTheContextAtTheEdgesOfTheText() {
        String word = uniqueWord();
        String text = "🎉 Asapov died. " + word;
        long article = ApiClient.createArticle("Edges " + UUID.randomUUID(), text);
        int wordStart = "🎉 Asapov died. ".codePointCount(0, "🎉 Asapov died. ".length());

        annotate(article, 0, 1, "🎉").then()
                .statusCode(201)
                .body("prefix", equalTo(""))
                .body("suffix", equalTo(firstCodePoints(" Asapov died. " + word, CONTEXT)));
        annotate(article, 2, 8, "Asapov").then()
                .statusCode(201)
                .body("prefix", equalTo("🎉 "))
                .body("suffix", equalTo(firstCodePoints(" died. " + word, CONTEXT)));
        annotate(article, wordStart, wordStart + word.length(), word).then()
                .statusCode(201)
                .body("prefix", equalTo("🎉 Asapov died. "))
                .body("suffix", equalTo(""));
    }

    @Test
    void quoteMismatchLeavesNoClaimAndNoAnnotation() {
        long article = createArticle(REPORT);
        String word = uniqueWord();

        assertProblem(as("analyst").body(Map.of("start", 42, "end", 64, "exact", "Lt. Gen. Valeriy Asapov",
                        "claim", Map.of("statement", "Asapov died " + word, "claimant", "Russia's Ministry of Defense")))
                .post("/api/articles/" + article + "/annotations"), 422);

        as("viewer").queryParam("articleId", article).get("/api/claims").then().statusCode(200).body("items", hasSize(0));
        as("viewer").queryParam("q", word).get("/api/claims").then().statusCode(200).body("items", hasSize(0));
        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items", hasSize(0));
    }

    @Test
    void makesTheNewClaimFromTheGivenFields() {
        long article = createArticle(REPORT);

        long claim = as("analyst").body(Map.of("start", 42, "end", 74, "exact", "Lt. Gen. Valery Asapov died near",
                        "claim", Map.of("statement", "Russian general Asapov was killed", "claimant", "Russia's Ministry of Defense",
                                "claimDate", "2017-09-24")))
                .post("/api/articles/" + article + "/annotations")
                .then()
                .statusCode(201)
                .body("claim.statement", equalTo("Russian general Asapov was killed"))
                .extract().jsonPath().getLong("claimId");

        as("viewer").get("/api/claims/" + claim).then()
                .body("claimant", equalTo("Russia's Ministry of Defense"))
                .body("claimDate", equalTo("2017-09-24"))
                .body("status", equalTo("open"));
    }

    @Test
    void unknownArticleIsNotFound() {
        assertProblem(annotate(987654321L, 0, 6, "Russia"), 404);
    }

    @Test
    void viewerCannotHighlight() {
        long article = createArticle(REPORT);
        assertProblem(as("viewer").body(Map.of("start", 0, "end", 6, "exact", "Russia")).post("/api/articles/" + article + "/annotations"), 403);
        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items", hasSize(0));
    }

    /**
     * The list is written from the rows straight to JSON (AnnotationListJson); each item must be what the single
     * highlight's address answers (the record written by the REST layer), field for field and in the same order,
     * whatever the text holds.
     */
    @Test
    void listItemsAreTheSingleHighlightsJsonWhateverTheText() throws Exception {
        String[] passages = {"Hello 🎉 world", "𝔘𝔫𝔦 \"quoted\" back\\slash", "مرحبا \u202Eبالعالم\u202C", "e\u0301\u0308 a\u0300",
            "<script>alert('x')</script> &amp;", "tab\there\u2028line\u2029para", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 café"};
        String body = String.join("\r\n", passages) + "\r\nend";
        long article = createArticle("<b>Title</b> \"\u05E9\u05DC\u05D5\u05DD\"", body);
        String stored = as("viewer").get("/api/articles/" + article).then().statusCode(200).extract().jsonPath().getString("body");
        List<Long> claims = new ArrayList<>();
        for (String passage : passages) {
            String normalized = Normalizer.normalize(passage, Normalizer.Form.NFC);
            int at = stored.indexOf(normalized);
            int start = stored.codePointCount(0, at);
            int end = start + normalized.codePointCount(0, normalized.length());
            long claim = as("analyst").body(Map.of("start", start, "end", end, "exact", normalized,
                            "claim", Map.of("statement", "«" + normalized + "» \\ \"said\" </p>", "claimant", "ﺍﻟﻮﺯﻳﺮ \uD83C\uDFDB")))
                    .post("/api/articles/" + article + "/annotations").then().statusCode(201).extract().jsonPath().getLong("claimId");
            claims.add(claim);
        }
        setVerdict("analyst", claims.get(0), "false", "Wrong ‮ \"x\"").then().statusCode(200);
        setVerdict("analyst", claims.get(1), "true", "Right").then().statusCode(200);
        sendForReview(claims.get(1));
        as("reviewer").header("If-Match", etagOf(claims.get(1))).post("/api/claims/" + claims.get(1) + "/verdict/publish")
                .then().statusCode(200);

        Response list = as("viewer").get("/api/articles/" + article + "/annotations");
        list.then().statusCode(200).contentType("application/json").header("Vary", "Accept");
        String raw = list.asString();
        assertThat(raw).doesNotContain("\\uD8", "\\uD9", "\\uDA", "\\uDB", "\\uDC", "\\uDD", "\\uDE", "\\uDF");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode items = mapper.readTree(list.asByteArray()).get("items");
        assertThat(items).hasSize(passages.length);
        Set<String> verdictStates = new HashSet<>();
        for (JsonNode item : items) {
            JsonNode single = mapper.readTree(as("viewer")
                    .get("/api/annotations/" + item.get("id").asLong()).then().statusCode(200).extract().asByteArray());
            assertThat(item).isEqualTo(single);
            assertThat(fieldOrder(item)).isEqualTo(fieldOrder(single));
            verdictStates.add(item.get("claim").get("verdictState").asText());
        }
        assertThat(verdictStates).containsExactlyInAnyOrder("draft", "published", "null");
        assertThat(items.get(0).get("exact").asText()).isEqualTo("Hello 🎉 world");
        assertThat(items.get(2).get("claim").get("statement").asText()).isEqualTo("«مرحبا \u202Eبالعالم\u202C» \\ \"said\" </p>");
    }

    private static List<String> fieldOrder(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        node.get("claim").fieldNames().forEachRemaining(n -> names.add("claim." + n));
        return names;
    }

    private static String lastCodePoints(String s, int n) {
        int count = s.codePointCount(0, s.length());
        return s.substring(s.offsetByCodePoints(0, Math.max(0, count - n)));
    }

    private static String firstCodePoints(String s, int n) {
        int count = s.codePointCount(0, s.length());
        return s.substring(0, s.offsetByCodePoints(0, Math.min(n, count)));
    }
}
