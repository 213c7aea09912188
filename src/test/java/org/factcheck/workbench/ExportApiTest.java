package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.anonymous;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.claimFrom;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.sendForReview;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExportApiTest {

    private static final String EXPORT = "/api/export/verdicts";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An article with three claims: one published, one with a draft verdict, one without a verdict. */
    record Desk(long article, long published, long draft, long bare, String marker) {
    }

    private static Desk desk(String statementPrefix) {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String body = "Twenty-eight SDF members were killed. Russia says 🎉 38 soldiers died. Nobody was hurt. " + marker;
        long article = createArticle("Export " + marker, body);
        long published = highlight(article, body, "Twenty-eight SDF members were killed");
        long draft = highlight(article, body, "Russia says 🎉 38 soldiers died");
        long bare = highlight(article, body, "Nobody was hurt");
        as("analyst").header("If-Match", etagOf(published)).body(Map.of("statement", statementPrefix + " 28 SDF members were killed",
                "claimant", "Rojda Felat", "claimDate", "2017-09-27")).patch("/api/claims/" + published).then().statusCode(200);
        setVerdict("analyst", published, "mostly-false", "Only the SDF's figure.").then().statusCode(200);
        as("analyst").body(Map.of("url", "https://example.org/report?a=1,b=2", "title", "A \"quoted\", title", "stance", "refutes",
                "note", "line one\nline two")).post("/api/claims/" + published + "/evidence").then().statusCode(201);
        sendForReview(published);
        as("reviewer").header("If-Match", etagOf(published)).post("/api/claims/" + published + "/verdict/publish").then().statusCode(200);
        setVerdict("analyst", draft, "misleading", "Out of context.").then().statusCode(200);
        return new Desk(article, published, draft, bare, marker);
    }

    /** Highlights the phrase where it stands in the body, counting code points. */
    private static long highlight(long article, String body, String phrase) {
        int start = body.codePointCount(0, body.indexOf(phrase));
        return claimFrom(article, start, start + phrase.codePointCount(0, phrase.length()), phrase);
    }

    private static List<JsonNode> ndjson(Map<String, Object> params) throws Exception {
        Response r = as("viewer").queryParams(params).queryParam("format", "ndjson").get(EXPORT);
        r.then().statusCode(200).contentType("application/x-ndjson");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : r.asString().split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    @Test
    void exportsPublishedVerdictsByDefault() throws Exception {
        Desk d = desk("Felat says");
        Response r = as("viewer").queryParam("articleId", d.article()).get(EXPORT);
        r.then().statusCode(200).contentType("application/json").header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment; filename=\"verdicts-published-"));
        JsonNode rows = JSON.readTree(r.asString());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("claimId").asLong()).isEqualTo(d.published());
        assertThat(row.get("statement").asText()).isEqualTo("Felat says 28 SDF members were killed");
        assertThat(row.get("claimant").asText()).isEqualTo("Rojda Felat");
        assertThat(row.get("claimDate").asText()).isEqualTo("2017-09-27");
        assertThat(row.at("/verdict/rating").asText()).isEqualTo("mostly-false");
        assertThat(row.at("/verdict/ratingValue").asInt()).isEqualTo(2);
        assertThat(row.at("/verdict/state").asText()).isEqualTo("published");
        assertThat(row.at("/appearances/0/exact").asText()).isEqualTo("Twenty-eight SDF members were killed");
        assertThat(row.at("/appearances/0/start").asInt()).isZero();
        assertThat(row.at("/appearances/0/contentHash").asText()).hasSize(64);
        assertThat(row.at("/evidence/0/stance").asText()).isEqualTo("refutes");
    }

    @Test
    void exportsCurrentVerdictsAndBareClaimsWithStateAll() throws Exception {
        Desk d = desk("All");
        List<JsonNode> rows = ndjson(Map.of("articleId", d.article(), "state", "all"));
        assertThat(rows).extracting(n -> n.get("claimId").asLong()).containsExactly(d.published(), d.draft(), d.bare());
        assertThat(rows.get(1).at("/verdict/state").asText()).isEqualTo("draft");
        assertThat(rows.get(1).at("/appearances/0/exact").asText()).isEqualTo("Russia says 🎉 38 soldiers died");
        assertThat(rows.get(1).at("/appearances/0/end").asInt() - rows.get(1).at("/appearances/0/start").asInt()).isEqualTo(30);
        assertThat(rows.get(2).get("verdict").isNull()).isTrue();
    }

    @Test
    void filtersByRatingStatusAndSince() throws Exception {
        Desk d = desk("Filters");
        assertThat(ndjson(Map.of("articleId", d.article(), "state", "all", "rating", "misleading")))
                .extracting(n -> n.get("claimId").asLong()).containsExactly(d.draft());
        assertThat(ndjson(Map.of("articleId", d.article(), "state", "all", "status", "open")))
                .extracting(n -> n.get("claimId").asLong()).containsExactly(d.bare());
        Instant later = Instant.now().plusSeconds(3600);
        assertThat(ndjson(Map.of("articleId", d.article(), "state", "all", "since", later.toString()))).isEmpty();
        assertThat(ndjson(Map.of("articleId", d.article(), "state", "all", "since", "2017-01-01"))).hasSize(3);
    }

    @Test
    void writesRfc4180CsvWithFormulaCellsNeutralised() throws Exception {
        Desk d = desk("=HYPERLINK(\"http://evil.example\",\"x\")");
        long plus = d.draft();
        as("analyst").header("If-Match", etagOf(plus)).body(Map.of("statement", "+1 and more", "claimant", "@attacker"))
                .patch("/api/claims/" + plus).then().statusCode(200);
        long minus = d.bare();
        as("analyst").header("If-Match", etagOf(minus)).body(Map.of("statement", "-5 dead", "claimant", "=cmd|' /C calc'!A0"))
                .patch("/api/claims/" + minus).then().statusCode(200);

        Response r = as("viewer").queryParam("format", "csv").queryParam("state", "all").queryParam("articleId", d.article()).get(EXPORT);
        r.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        byte[] bytes = r.asByteArray();
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF); // UTF-8 byte-order mark for spreadsheets
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).contains("\r\n");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
        assertThat(rows).hasSize(3);
        CSVRecord first = rows.get(0);
        assertThat(first.get("statement")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"x\") 28 SDF members were killed");
        assertThat(first.get("rating")).isEqualTo("mostly-false");
        assertThat(first.get("evidence")).isEqualTo("refutes: A \"quoted\", title <https://example.org/report?a=1,b=2> — line one\nline two");
        assertThat(first.get("appearances")).contains("[0-36]: “Twenty-eight SDF members were killed”");
        assertThat(rows.get(1).get("statement")).isEqualTo("'+1 and more");
        assertThat(rows.get(1).get("claimant")).isEqualTo("'@attacker");
        assertThat(rows.get(1).get("appearances")).contains("Russia says 🎉 38 soldiers died");
        assertThat(rows.get(2).get("statement")).isEqualTo("'-5 dead");
        assertThat(rows.get(2).get("claimant")).isEqualTo("'=cmd|' /C calc'!A0");
        for (CSVRecord row : rows) {
            for (String cell : row) {
                assertThat(cell).as("no cell starts a formula").doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
            }
        }
    }

    @Test
    void writesClaimReviewWithGooglesRequiredAndRecommendedFields() throws Exception {
        Desk d = desk("ClaimReview");
        Response r = as("viewer").queryParam("format", "claimreview").queryParam("articleId", d.article()).get(EXPORT);
        r.then().statusCode(200).contentType("application/ld+json");
        JsonNode reviews = JSON.readTree(r.asString());
        assertThat(reviews).hasSize(1);
        JsonNode review = reviews.get(0);
        // Required by Google: claimReviewed, reviewRating (with alternateName), url.
        assertThat(review.get("@context").asText()).isEqualTo("https://schema.org");
        assertThat(review.get("@type").asText()).isEqualTo("ClaimReview");
        assertThat(review.get("claimReviewed").asText()).isEqualTo("ClaimReview 28 SDF members were killed");
        assertThat(review.get("url").asText()).matches("https?://.+/claims/" + d.published());
        assertThat(review.at("/reviewRating/@type").asText()).isEqualTo("Rating");
        assertThat(review.at("/reviewRating/alternateName").asText()).isEqualTo("Mostly false");
        assertThat(review.at("/reviewRating/ratingValue").asInt()).isEqualTo(2);
        assertThat(review.at("/reviewRating/bestRating").asInt()).isEqualTo(5);
        assertThat(review.at("/reviewRating/worstRating").asInt()).isEqualTo(1);
        // Recommended: author (the desk), datePublished, itemReviewed as a Claim with author, datePublished, appearance.
        assertThat(review.at("/author/@type").asText()).isEqualTo("Organization");
        assertThat(review.at("/author/name").asText()).isNotBlank();
        assertThat(review.get("datePublished").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(review.at("/itemReviewed/@type").asText()).isEqualTo("Claim");
        assertThat(review.at("/itemReviewed/author/name").asText()).isEqualTo("Rojda Felat");
        assertThat(review.at("/itemReviewed/datePublished").asText()).isEqualTo("2017-09-27");
        assertThat(review.at("/itemReviewed/appearance/0/url").asText()).endsWith("/articles/" + d.article());
    }

    @Test
    void leavesOutRatingValuesARatingDoesNotHave() throws Exception {
        Desk d = desk("Misleading");
        setVerdict("analyst", d.published(), "misleading", "Correction.").then().statusCode(200);
        sendForReview(d.published());
        as("reviewer").header("If-Match", etagOf(d.published())).post("/api/claims/" + d.published() + "/verdict/publish").then().statusCode(200);
        JsonNode review = JSON.readTree(as("viewer").queryParam("format", "claimreview").queryParam("articleId", d.article())
                .get(EXPORT).asString()).get(0);
        assertThat(review.at("/reviewRating/alternateName").asText()).isEqualTo("Misleading");
        assertThat(review.get("reviewRating").has("ratingValue")).isFalse();
        assertThat(review.get("reviewRating").has("bestRating")).isFalse();
    }

    @Test
    void refusesBadFiltersBeforeWritingAnything() {
        assertProblem(as("viewer").queryParam("format", "xml").get(EXPORT), 400).body("errors[0].field", org.hamcrest.Matchers.equalTo("format"));
        assertProblem(as("viewer").queryParam("state", "drafts").get(EXPORT), 400);
        assertProblem(as("viewer").queryParam("since", "yesterday").get(EXPORT), 400);
        assertProblem(as("viewer").queryParam("rating", "pants-on-fire").get(EXPORT), 400);
        assertProblem(as("viewer").queryParam("status", "done").get(EXPORT), 400);
        assertProblem(as("viewer").queryParam("articleId", "x").get(EXPORT), 400);
        assertProblem(anonymous().get(EXPORT), 401);
    }

    /**
     * An imported line with evidence and a published verdict: the import attaches the evidence, sets the verdict (one
     * statement beside the ORM) and publishes it, all in one transaction; the claim it makes reads back the same.
     */
    @Test
    void reimportsAClaimWithEvidenceAndAPublishedVerdict() {
        String statement = "Imported claim <b>x</b> \uD83D\uDE00 " + UUID.randomUUID();
        long article = createArticle(statement + ".");
        long claim = claimFrom(article, 0, statement.codePointCount(0, statement.length()), statement);
        ApiClient.addEvidence(claim, "https://example.org/evidence-for-import");
        setVerdict("analyst", claim, "false", "Because \u0645\u0631\u062d\u0628\u0627").then().statusCode(200);
        sendForReview(claim);
        as("reviewer").header("If-Match", etagOf(claim)).post("/api/claims/" + claim + "/verdict/publish").then().statusCode(200);
        String line = as("viewer").queryParam("format", "ndjson").queryParam("state", "all").queryParam("articleId", article)
                .get("/api/export/verdicts").then().statusCode(200).extract().asString().lines()
                .filter(l -> !l.isBlank()).findFirst().orElseThrow();

        Response imported = as("admin").contentType("application/x-ndjson").body(line.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/import/claims");

        imported.then().statusCode(200).body("imported", org.hamcrest.Matchers.equalTo(1));
        long copy = imported.jsonPath().getLong("items[0].claimId");
        assertThat(copy).isNotEqualTo(claim);
        Response read = as("viewer").get("/api/claims/" + copy);
        read.then().statusCode(200)
                .body("statement", org.hamcrest.Matchers.equalTo(statement))
                .body("status", org.hamcrest.Matchers.equalTo("published"))
                .body("publishedVerdict.rating", org.hamcrest.Matchers.equalTo("false"))
                .body("publishedVerdict.explanation", org.hamcrest.Matchers.equalTo("Because \u0645\u0631\u062d\u0628\u0627"))
                .body("evidence[0].url", org.hamcrest.Matchers.equalTo("https://example.org/evidence-for-import"));
    }
}
