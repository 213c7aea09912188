package org.factcheck.workbench.w3c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.annotate;
import static org.factcheck.workbench.ApiClient.anonymous;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.claimFrom;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.sendForReview;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.ApiClient.uniqueWord;
import static org.factcheck.workbench.ApiClient.usernameFor;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The W3C Web Annotation data model and protocol: the ld+json collection of an article, the annotation container
 * with its headers, Prefer variants and pages, and writes through it. Every annotation and collection the service
 * produces is checked against the W3C test suite's MUST assertions. The test profile's page size is 5.
 */
@QuarkusTest
class W3cAnnotationApiTest {

    static final String ANNO = "http://www.w3.org/ns/anno.jsonld";
    static final String W3C_TYPE = "application/ld+json; profile=\"" + ANNO + "\"";
    static final String SEND_TYPE = W3C_TYPE + "; charset=UTF-8";
    static final String PAGE_SIZE_NOTE = "the test profile pages by 5";
    static final int PAGE_SIZE = 5;

    static final String REPORT = "Russia's Ministry of Defense reports that Lt. Gen. Valery Asapov died near Deir ez-Zor.";
    static final String MIXED = "Hello 🎉 world\n𝔘𝔫𝔦 code and مرحبا بالعالم e\u0301 end";

    static final ObjectMapper MAPPER = new ObjectMapper();

    // ---- helpers -------------------------------------------------------------------------------------------

    static String api() {
        return RestAssured.baseURI + ":" + RestAssured.port + "/api";
    }

    static String articleIri(long articleId) {
        return api() + "/articles/" + articleId;
    }

    static String containerPath(long articleId) {
        return "/api/w3c/articles/" + articleId + "/annotations/";
    }

    static RequestSpecification ld(String role) {
        return as(role).accept(W3C_TYPE);
    }

    static JsonNode json(Response response) {
        try {
            return MAPPER.readTree(response.asByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> position(int start, int end) {
        return Map.of("type", "TextPositionSelector", "start", start, "end", end);
    }

    static Map<String, Object> quote(String exact, String prefix, String suffix) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("type", "TextQuoteSelector");
        q.put("exact", exact);
        if (prefix != null) {
            q.put("prefix", prefix);
        }
        if (suffix != null) {
            q.put("suffix", suffix);
        }
        return q;
    }

    static Map<String, Object> annotation(long articleId, Object body, Object... selectors) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("@context", ANNO);
        a.put("type", "Annotation");
        if (body != null) {
            a.put("body", body);
        }
        a.put("target", Map.of("source", articleIri(articleId), "selector", List.of(selectors)));
        return a;
    }

    static Map<String, Object> text(String value) {
        return Map.of("type", "TextualBody", "value", value, "purpose", "describing");
    }

    static byte[] bytes(Object doc) {
        try {
            return MAPPER.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response post(String role, long articleId, Object doc) {
        return ld(role).contentType(SEND_TYPE).body(bytes(doc)).post(containerPath(articleId));
    }

    static Response put(String role, String iri, String ifMatch, Object doc) {
        RequestSpecification request = ld(role).contentType(SEND_TYPE).body(bytes(doc));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(iri);
    }

    /** The W3C annotations the container of an article holds, all pages followed. */
    static List<JsonNode> allAnnotations(long articleId) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode collection = json(ld("viewer").get(containerPath(articleId)).then().statusCode(200).extract().response());
        assertConformingCollection(collection);
        JsonNode page = collection.get("first");
        while (page != null) {
            page.get("items").forEach(items::add);
            page = page.has("next") ? json(ld("viewer").get(page.get("next").asText()).then().statusCode(200).extract().response()) : null;
        }
        return items;
    }

    static void assertConformingAnnotation(JsonNode annotation) {
        assertThat(W3cSchemas.annotationFailures(annotation)).as("W3C annotation MUSTs for %s", annotation).isEmpty();
    }

    /** The collection and every annotation embedded in it meet the W3C MUSTs. */
    static void assertConformingCollection(JsonNode collection) {
        assertThat(W3cSchemas.collectionFailures(collection)).as("W3C collection MUSTs for %s", collection).isEmpty();
        JsonNode first = collection.get("first");
        if (first != null && first.isObject()) {
            first.get("items").forEach(item -> {
                if (item.isObject()) {
                    assertConformingAnnotation(item);
                }
            });
        }
    }

    static JsonNode selector(JsonNode annotation, String type) {
        for (JsonNode s : annotation.get("target").get("selector")) {
            if (s.get("type").asText().equals(type)) {
                return s;
            }
        }
        throw new AssertionError("no " + type + " in " + annotation);
    }

    static JsonNode bodyWithPurpose(JsonNode annotation, String purpose) {
        for (JsonNode b : annotation.get("body")) {
            if (b.path("purpose").asText().equals(purpose)) {
                return b;
            }
        }
        return null;
    }

    static long idOf(JsonNode annotation) {
        String id = annotation.get("id").asText();
        return Long.parseLong(id.substring(id.lastIndexOf('/') + 1));
    }

    static int jsonCount(long articleId) {
        return as("viewer").get("/api/articles/" + articleId + "/annotations").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }

    // ---- the ld+json collection of GET /api/articles/{id}/annotations -------------------------------------------

    @Test
    void articleAnnotationsAsLdJsonAreAW3cAnnotationCollection() {
        String title = "Asapov report " + UUID.randomUUID();
        long article = createArticle(title, REPORT + " " + uniqueWord());
        long claim = claimFrom(article, 42, 64, "Lt. Gen. Valery Asapov");
        annotate(article, 0, 28, "Russia's Ministry of Defense").then().statusCode(201);

        Response response = as("viewer").accept("application/ld+json").get("/api/articles/" + article + "/annotations");
        response.then().statusCode(200)
                .contentType(containsString("application/ld+json"))
                .header("Content-Type", containsString("profile=\"" + ANNO + "\""))
                .header("ETag", not(emptyOrNullString()))
                .header("Vary", containsString("Accept"));
        JsonNode collection = json(response);
        assertConformingCollection(collection);
        assertThat(collection.get("@context").asText()).isEqualTo(ANNO);
        assertThat(collection.get("type").asText()).isEqualTo("AnnotationCollection");
        assertThat(collection.get("id").asText()).isEqualTo(api() + "/w3c/articles/" + article + "/annotations/");
        assertThat(collection.get("label").asText()).isEqualTo(title);
        assertThat(collection.get("total").asInt()).isEqualTo(2);
        JsonNode first = collection.get("first");
        assertThat(first.get("type").asText()).isEqualTo("AnnotationPage");
        assertThat(first.get("items")).hasSize(2);
        assertThat(collection.get("last").asText()).isEqualTo(first.get("id").asText());

        // In reading order: "Russia's Ministry of Defense" (0) before "Lt. Gen. Valery Asapov" (42).
        JsonNode asapov = first.get("items").get(1);
        assertThat(asapov.get("@context").asText()).isEqualTo(ANNO);
        assertThat(asapov.get("type").asText()).isEqualTo("Annotation");
        assertThat(asapov.get("id").asText()).startsWith(api() + "/w3c/annotations/");
        assertThat(asapov.get("motivation").asText()).isEqualTo("describing");
        assertThat(asapov.get("creator").get("nickname").asText()).isEqualTo(usernameFor("analyst"));
        assertThat(asapov.get("creator").get("name").asText()).isNotBlank();
        assertThat(asapov.get("created").asText()).endsWith("Z");
        assertThat(asapov.get("modified").asText()).isEqualTo(asapov.get("created").asText());
        assertThat(bodyWithPurpose(asapov, "describing").get("value").asText()).isEqualTo("Lt. Gen. Valery Asapov");
        assertThat(bodyWithPurpose(asapov, "identifying").get("source").asText()).isEqualTo(api() + "/claims/" + claim);
        assertThat(bodyWithPurpose(asapov, "classifying")).isNull();
        assertThat(asapov.get("target").get("source").asText()).isEqualTo(articleIri(article));
        JsonNode quote = selector(asapov, "TextQuoteSelector");
        assertThat(quote.get("exact").asText()).isEqualTo("Lt. Gen. Valery Asapov");
        assertThat(quote.get("prefix").asText()).isEqualTo("inistry of Defense reports that "); // 32 code points
        assertThat(quote.get("suffix").asText()).startsWith(" died near Deir ez-Zor.");
        JsonNode position = selector(asapov, "TextPositionSelector");
        assertThat(position.get("start").asInt()).isEqualTo(42);
        assertThat(position.get("end").asInt()).isEqualTo(64);

        // The annotation's own address answers the same description.
        JsonNode own = json(ld("viewer").get(asapov.get("id").asText()).then().statusCode(200).extract().response());
        assertConformingAnnotation(own);
        assertThat(own).isEqualTo(asapov);
    }

    @Test
    void theAnnotationProfileAndPlainJsonAreNegotiated() {
        long article = createArticle(REPORT);
        annotate(article, 42, 64, "Lt. Gen. Valery Asapov").then().statusCode(201);
        String path = "/api/articles/" + article + "/annotations";

        as("viewer").accept(W3C_TYPE).get(path).then().statusCode(200)
                .body("type", equalTo("AnnotationCollection")).body("first.items", hasSize(1));
        as("viewer").accept("application/json, application/ld+json;q=0.5").get(path).then().statusCode(200)
                .contentType(containsString("application/"));

        // Plain JSON (and no preference at all) keep today's list.
        as("viewer").accept("application/json").get(path).then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("items", hasSize(1)).body("items[0].exact", equalTo("Lt. Gen. Valery Asapov")).body("type", equalTo(null));
        as("viewer").get(path).then().statusCode(200).contentType(startsWith("application/json")).body("items", hasSize(1))
                .header("Vary", containsString("Accept"));

        assertProblem(as("viewer").accept(W3C_TYPE).get("/api/articles/987654321/annotations"), 404);
        assertProblem(anonymous().accept(W3C_TYPE).get(path), 401);
    }

    @Test
    void anEmptyArticleIsAnEmptyCollection() {
        long article = createArticle(REPORT);
        JsonNode collection = json(as("viewer").accept(W3C_TYPE).get("/api/articles/" + article + "/annotations")
                .then().statusCode(200).extract().response());
        assertConformingCollection(collection);
        assertThat(collection.get("total").asInt()).isZero();
        assertThat(collection.has("first")).isFalse();
        ld("viewer").queryParam("page", 0).get(containerPath(article)).then().statusCode(200).body("items", hasSize(0));
        assertProblem(ld("viewer").queryParam("page", 1).get(containerPath(article)), 404);
    }

    @Test
    void aPublishedVerdictMakesTheAnnotationAnAssessment() {
        long article = createArticle(REPORT);
        long claim = claimFrom(article, 42, 64, "Lt. Gen. Valery Asapov");
        setVerdict("analyst", claim, "mostly-false", "The <b>Ministry</b> later said he was wounded.\nSecond line.").then().statusCode(200);

        // A draft is not exported.
        JsonNode draft = allAnnotations(article).get(0);
        assertThat(draft.get("motivation").asText()).isEqualTo("describing");
        assertThat(bodyWithPurpose(draft, "classifying")).isNull();

        sendForReview(claim);
        as("reviewer").header("If-Match", etagOf(claim)).post("/api/claims/" + claim + "/verdict/publish").then().statusCode(200);

        JsonNode published = allAnnotations(article).get(0);
        assertConformingAnnotation(published);
        assertThat(published.get("motivation").asText()).isEqualTo("assessing");
        assertThat(bodyWithPurpose(published, "classifying").get("value").asText()).isEqualTo("Mostly false");
        JsonNode explanation = bodyWithPurpose(published, "assessing");
        assertThat(explanation.get("type").asText()).isEqualTo("TextualBody");
        assertThat(explanation.get("value").asText()).isEqualTo("The <b>Ministry</b> later said he was wounded.\nSecond line.");
        assertThat(explanation.get("creator").get("nickname").asText()).isEqualTo(usernameFor("analyst"));
        assertThat(bodyWithPurpose(published, "identifying").get("source").asText()).isEqualTo(api() + "/claims/" + claim);

        // A newer draft leaves the published verdict in force.
        setVerdict("analyst", claim, "false", "Draft correction").then().statusCode(200);
        JsonNode corrected = allAnnotations(article).get(0);
        assertThat(bodyWithPurpose(corrected, "classifying").get("value").asText()).isEqualTo("Mostly false");
    }

    // ---- the container: headers, Prefer, pages --------------------------------------------------------------

    @Test
    void theContainerAnswersWithTheProtocolHeaders() {
        long article = createArticle(REPORT);
        annotate(article, 42, 64, "Lt. Gen. Valery Asapov").then().statusCode(201);

        Response get = ld("viewer").get(containerPath(article));
        get.then().statusCode(200)
                .header("Content-Type", equalTo(W3C_TYPE))
                .header("Allow", equalTo("GET, HEAD, OPTIONS, POST"))
                .header("Accept-Post", equalTo(W3C_TYPE))
                .header("Vary", equalTo("Accept, Prefer"))
                .header("ETag", not(emptyOrNullString()));
        List<String> links = get.getHeaders().getValues("Link");
        assertThat(String.join(", ", links))
                .contains("<http://www.w3.org/ns/ldp#BasicContainer>; rel=\"type\"")
                .contains("<http://www.w3.org/TR/annotation-protocol/>; rel=\"http://www.w3.org/ns/ldp#constrainedBy\"");
        JsonNode container = json(get);
        assertConformingCollection(container);
        assertThat(container.get("type").toString()).contains("BasicContainer").contains("AnnotationCollection");
        assertThat(container.get("@context").toString()).contains(ANNO).contains("http://www.w3.org/ns/ldp.jsonld");
        String etag = get.header("ETag");

        // The same address without the trailing slash.
        ld("viewer").get("/api/w3c/articles/" + article + "/annotations").then().statusCode(200).header("ETag", etag);

        Response head = ld("viewer").head(containerPath(article));
        head.then().statusCode(200).header("ETag", etag).header("Allow", equalTo("GET, HEAD, OPTIONS, POST"))
                .header("Accept-Post", equalTo(W3C_TYPE));
        assertThat(head.asByteArray()).isEmpty();
        assertThat(String.join(", ", head.getHeaders().getValues("Link"))).contains("ldp#BasicContainer");

        Response options = ld("viewer").options(containerPath(article));
        options.then().statusCode(204).header("Allow", equalTo("GET, HEAD, OPTIONS, POST")).header("Accept-Post", equalTo(W3C_TYPE));
        assertThat(String.join(", ", options.getHeaders().getValues("Link"))).contains("ldp#constrainedBy");

        ld("viewer").header("If-None-Match", etag).get(containerPath(article)).then().statusCode(304).header("ETag", etag);

        // A change to the contents changes the ETag.
        annotate(article, 0, 6, "Russia").then().statusCode(201);
        String after = ld("viewer").get(containerPath(article)).then().statusCode(200).extract().header("ETag");
        assertThat(after).isNotEqualTo(etag);
        ld("viewer").header("If-None-Match", etag).get(containerPath(article)).then().statusCode(200);

        assertProblem(ld("viewer").get(containerPath(987654321L)), 404);
        assertProblem(ld("viewer").options(containerPath(987654321L)), 404);
        assertProblem(ld("viewer").accept("text/turtle").get(containerPath(article)), 406);
    }

    @Test
    void preferChoosesBetweenMinimalContainerIrisAndDescriptions() {
        long article = createArticle(REPORT);
        long first = annotate(article, 0, 6, "Russia").then().statusCode(201).extract().jsonPath().getLong("id");
        annotate(article, 42, 64, "Lt. Gen. Valery Asapov").then().statusCode(201);

        Response minimal = ld("viewer").header("Prefer", "return=representation;include=\"http://www.w3.org/ns/ldp#PreferMinimalContainer\"")
                .get(containerPath(article));
        minimal.then().statusCode(200).header("Preference-Applied", "return=representation").header("Vary", "Accept, Prefer");
        JsonNode min = json(minimal);
        assertConformingCollection(min);
        assertThat(min.get("first").isTextual()).isTrue();
        assertThat(min.get("first").asText()).isEqualTo(api() + "/w3c/articles/" + article + "/annotations/?page=0");
        assertThat(min.get("total").asInt()).isEqualTo(2);
        assertThat(min.toString()).doesNotContain("\"items\"");

        Response iris = ld("viewer").header("Prefer", "return=representation; include=\"http://www.w3.org/ns/oa#PreferContainedIRIs\"")
                .get(containerPath(article));
        iris.then().statusCode(200).header("Preference-Applied", "return=representation");
        JsonNode withIris = json(iris);
        assertConformingCollection(withIris);
        JsonNode page = withIris.get("first");
        assertThat(page.get("id").asText()).endsWith("?page=0&iris=1");
        assertThat(page.get("items").get(0).asText()).isEqualTo(api() + "/w3c/annotations/" + first);
        assertThat(withIris.get("last").asText()).endsWith("?page=0&iris=1");

        Response descriptions = ld("viewer")
                .header("Prefer", "return=representation;include=\"http://www.w3.org/ns/oa#PreferContainedDescriptions\"")
                .get(containerPath(article));
        descriptions.then().statusCode(200).header("Preference-Applied", "return=representation");
        JsonNode withDescriptions = json(descriptions);
        assertConformingCollection(withDescriptions);
        assertThat(withDescriptions.get("first").get("items").get(0).get("type").asText()).isEqualTo("Annotation");

        // Minimal container with IRIs: links to the pages of IRIs.
        JsonNode minimalIris = json(ld("viewer").header("Prefer", "return=representation;include=\""
                + "http://www.w3.org/ns/ldp#PreferMinimalContainer http://www.w3.org/ns/oa#PreferContainedIRIs\"").get(containerPath(article)));
        assertThat(minimalIris.get("first").asText()).endsWith("?page=0&iris=1");

        // No preference: descriptions, nothing applied; each variant has its own ETag.
        Response none = ld("viewer").get(containerPath(article));
        none.then().statusCode(200).header("Preference-Applied", equalTo(null));
        assertThat(json(none)).isEqualTo(withDescriptions);
        assertThat(none.header("ETag")).isNotEqualTo(minimal.header("ETag")).isNotEqualTo(iris.header("ETag"));
        ld("viewer").header("Prefer", "respond-async").get(containerPath(article)).then().statusCode(200)
                .header("Preference-Applied", equalTo(null));
    }

    @Test
    void pagesLeadThroughEveryAnnotation() {
        StringBuilder text = new StringBuilder();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            starts.add(text.codePointCount(0, text.length()));
            text.append("Claim ").append((char) ('A' + i)).append(" 🎉 said. ");
        }
        long article = createArticle(text.toString());
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(annotate(article, starts.get(i), starts.get(i) + 7, "Claim " + (char) ('A' + i))
                    .then().statusCode(201).extract().jsonPath().getLong("id"));
        }

        JsonNode collection = json(ld("viewer").get(containerPath(article)).then().statusCode(200).extract().response());
        assertConformingCollection(collection);
        assertThat(collection.get("total").asInt()).isEqualTo(12);
        assertThat(collection.get("last").asText()).endsWith("?page=2");
        assertThat(collection.get("first").get("items")).hasSize(PAGE_SIZE);

        List<Long> seen = new ArrayList<>();
        List<String> pageIds = new ArrayList<>();
        String next = collection.get("first").get("id").asText();
        String previous = null;
        while (next != null) {
            Response response = ld("viewer").get(next);
            response.then().statusCode(200).header("Content-Type", equalTo(W3C_TYPE)).header("ETag", not(emptyOrNullString()))
                    .header("Allow", equalTo("GET, HEAD, OPTIONS"));
            JsonNode page = json(response);
            assertThat(page.get("@context").asText()).isEqualTo(ANNO);
            assertThat(page.get("type").asText()).isEqualTo("AnnotationPage");
            assertThat(page.get("partOf").get("id").asText()).isEqualTo(collection.get("id").asText());
            assertThat(page.get("partOf").get("total").asInt()).isEqualTo(12);
            assertThat(page.get("startIndex").asInt()).isEqualTo(seen.size());
            assertThat(page.path("prev").asText(null)).isEqualTo(previous);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(PAGE_SIZE);
            page.get("items").forEach(item -> {
                assertConformingAnnotation(item);
                seen.add(idOf(item));
            });
            pageIds.add(page.get("id").asText());
            previous = page.get("id").asText();
            next = page.has("next") ? page.get("next").asText() : null;
        }
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pageIds).hasSize(3).last().isEqualTo(collection.get("last").asText());

        // Pages of IRIs hold the same annotations.
        List<String> iris = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            ld("viewer").queryParam("page", p).queryParam("iris", 1).get(containerPath(article)).then().statusCode(200)
                    .extract().jsonPath().getList("items", String.class).forEach(iris::add);
        }
        assertThat(iris).containsExactlyElementsOf(created.stream().map(id -> api() + "/w3c/annotations/" + id).toList());

        assertProblem(ld("viewer").queryParam("page", 3).get(containerPath(article)), 404);
        assertProblem(ld("viewer").queryParam("page", -1).get(containerPath(article)), 400).body("errors.field", hasItem("page"));
        assertProblem(ld("viewer").queryParam("page", "x").get(containerPath(article)), 400);
        assertProblem(ld("viewer").queryParam("page", 0).queryParam("iris", "yes").get(containerPath(article)), 400)
                .body("errors.field", hasItem("iris"));
    }

    // ---- writes ----------------------------------------------------------------------------------------------

    @Test
    void postsAnAnnotationByPosition() {
        long article = createArticle(REPORT);
        String word = uniqueWord();

        Response created = post("analyst", article, annotation(article, text("Asapov was killed " + word), position(42, 64)));
        created.then().statusCode(201)
                .header("Location", startsWith(api() + "/w3c/annotations/"))
                .header("ETag", equalTo("\"0\""))
                .header("Content-Type", equalTo(W3C_TYPE));
        JsonNode doc = json(created);
        assertConformingAnnotation(doc);
        assertThat(doc.get("id").asText()).isEqualTo(created.header("Location"));
        assertThat(selector(doc, "TextQuoteSelector").get("exact").asText()).isEqualTo("Lt. Gen. Valery Asapov");
        assertThat(selector(doc, "TextPositionSelector").get("start").asInt()).isEqualTo(42);
        assertThat(bodyWithPurpose(doc, "describing").get("value").asText()).isEqualTo("Asapov was killed " + word);
        assertThat(doc.get("creator").get("nickname").asText()).isEqualTo(usernameFor("analyst"));

        // It is a highlight like any other: the JSON API and the claim see it, and the event was recorded.
        long id = idOf(doc);
        as("viewer").get("/api/annotations/" + id).then().statusCode(200).body("exact", equalTo("Lt. Gen. Valery Asapov"))
                .body("claim.statement", equalTo("Asapov was killed " + word));
        long claim = as("viewer").queryParam("q", word).get("/api/claims").then().statusCode(200)
                .body("items", hasSize(1)).extract().jsonPath().getLong("items[0].id");
        as("viewer").get("/api/claims/" + claim + "/history").then().statusCode(200).body("items.type", hasItem("annotation.created"));
        ld("viewer").get(created.header("Location")).then().statusCode(200).header("ETag", "\"0\"")
                .header("Link", containsString("ldp#Resource")).header("Allow", containsString("PUT"));
    }

    @Test
    void postsAnAnnotationByQuoteAlone() {
        String text = "The SDF says 28 SDF members died. Russia says 45 SDF members died. 🎉 Others say 28 SDF members fled.";
        long article = createArticle(text);

        // "28 SDF members" stands twice: the prefix tells which.
        Response created = post("analyst", article, annotation(article, null, quote("28 SDF members", "🎉 Others say ", null)));
        created.then().statusCode(201);
        JsonNode doc = json(created);
        assertConformingAnnotation(doc);
        int start = text.codePointCount(0, text.indexOf("28 SDF members fled"));
        assertThat(selector(doc, "TextPositionSelector").get("start").asInt()).isEqualTo(start);
        assertThat(selector(doc, "TextPositionSelector").get("end").asInt()).isEqualTo(start + 14);
        assertThat(selector(doc, "TextQuoteSelector").get("prefix").asText()).endsWith("🎉 Others say ");
        // No body: the new claim's statement is the quote.
        assertThat(bodyWithPurpose(doc, "describing").get("value").asText()).isEqualTo("28 SDF members");

        // Without context it is ambiguous; a quote that is not there does not match.
        int before = jsonCount(article);
        assertProblem(post("analyst", article, annotation(article, null, quote("28 SDF members", null, null))), 422)
                .body("type", equalTo("urn:workbench:problem:ambiguous-quote"))
                .body("errors.field", hasItem("target.selector[0].exact"));
        assertProblem(post("analyst", article, annotation(article, null, quote("29 SDF members", null, null))), 422)
                .body("type", equalTo("urn:workbench:problem:quote-mismatch"));
        assertProblem(post("analyst", article, annotation(article, null, quote("28 SDF members", "Nobody says ", null))), 422)
                .body("type", equalTo("urn:workbench:problem:quote-mismatch"));
        // The suffix alone can tell them apart too.
        post("analyst", article, annotation(article, null, quote("28 SDF members", null, " died"))).then().statusCode(201);
        assertThat(jsonCount(article)).isEqualTo(before + 1);
    }

    @Test
    void postsAnAnnotationWithBothSelectors() {
        long article = createArticle(REPORT);
        Response created = post("analyst", article,
                annotation(article, null, quote("Valery Asapov", "Lt. Gen. ", " died"), position(51, 64)));
        created.then().statusCode(201);
        JsonNode doc = json(created);
        assertConformingAnnotation(doc);
        assertThat(selector(doc, "TextQuoteSelector").get("exact").asText()).isEqualTo("Valery Asapov");

        // Other selector types (such as a RangeSelector of a browser tool) are passed over.
        post("analyst", article, annotation(article, null,
                Map.of("type", "RangeSelector", "startSelector", Map.of("type", "XPathSelector", "value", "/p[1]")),
                position(0, 6))).then().statusCode(201);
    }

    @Test
    void aMismatchingQuoteWritesNothing() {
        long article = createArticle(REPORT);
        String word = uniqueWord();
        int before = jsonCount(article);

        assertProblem(post("analyst", article, annotation(article, text("Asapov " + word),
                        quote("Lt. Gen. Valeriy Asapov", null, null), position(42, 64))), 422)
                .body("type", equalTo("urn:workbench:problem:quote-mismatch"))
                .body("errors.field", hasItem("target.selector[0].exact"))
                .body("errors.message", hasItem(containsString("Lt. Gen. Valery Asapov")));

        assertThat(jsonCount(article)).isEqualTo(before);
        as("viewer").queryParam("q", word).get("/api/claims").then().statusCode(200).body("items", hasSize(0));
        as("viewer").queryParam("articleId", article).get("/api/claims").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void refusesBadPositionsAndDocuments() {
        long article = createArticle(REPORT);
        int length = as("viewer").get("/api/articles/" + article).then().extract().jsonPath().getInt("length");

        assertProblem(post("analyst", article, annotation(article, null, position(42, length + 1))), 400)
                .body("errors.field", hasItem("target.selector[0].end"));
        assertProblem(post("analyst", article, annotation(article, null, position(10, 10))), 400)
                .body("errors.field", hasItem("target.selector[0].end"));
        assertProblem(post("analyst", article, annotation(article, null, position(-1, 4))), 400)
                .body("errors.field", hasItem("target.selector[0].start"));
        assertProblem(post("analyst", article, annotation(article, null,
                Map.of("type", "TextPositionSelector", "start", "6", "end", 13.5))), 400)
                .body("errors.field", hasItem("target.selector[0].start"))
                .body("errors.field", hasItem("target.selector[0].end"));
        assertProblem(post("analyst", article, annotation(article, null, position(8, 9))), 400)
                .body("errors.field", hasItem("target.selector[0]")); // a blank span: the space after "Russia's"
        assertProblem(post("analyst", article, annotation(article, null, Map.of("type", "CssSelector", "value", "p"))), 400)
                .body("errors.field", hasItem("target.selector"));

        Map<String, Object> otherArticle = annotation(article, null, position(0, 6));
        otherArticle.put("target", Map.of("source", "https://example.org/news/1", "selector", position(0, 6)));
        assertProblem(post("analyst", article, otherArticle), 400).body("errors.field", hasItem("target.source"));

        Map<String, Object> noTarget = annotation(article, null, position(0, 6));
        noTarget.remove("target");
        assertProblem(post("analyst", article, noTarget), 400).body("errors.field", hasItem("target"));

        Map<String, Object> wrongType = annotation(article, null, position(0, 6));
        wrongType.put("type", "Note");
        wrongType.put("@context", "https://www.w3.org/ns/activitystreams");
        assertProblem(post("analyst", article, wrongType), 400).body("errors.field", hasItem("type")).body("errors.field", hasItem("@context"));

        assertProblem(post("analyst", article, annotation(article, "https://example.org/claims/1", position(0, 6))), 400)
                .body("errors.field", hasItem("body"));
        assertProblem(post("analyst", article, annotation(article, List.of(text("one"), text("two")), position(0, 6))), 400)
                .body("errors.field", hasItem("body[1]"));
        assertProblem(post("analyst", article, annotation(article, Map.of("type", "TextualBody", "value", "nice", "purpose", "tagging"),
                position(0, 6))), 400).body("errors.field", hasItem("body.purpose"));

        assertProblem(ld("analyst").contentType(SEND_TYPE).body("{\"target\": ").post(containerPath(article)), 400)
                .body("type", equalTo("urn:workbench:problem:malformed-json"));
        assertProblem(ld("analyst").contentType(SEND_TYPE).body("[1, 2]").post(containerPath(article)), 400)
                .body("type", equalTo("urn:workbench:problem:malformed-json"));
        assertProblem(ld("analyst").contentType("text/plain").body("hello").post(containerPath(article)), 415);
        assertProblem(post("analyst", 987654321L, annotation(987654321L, null, position(0, 6))), 404);

        assertThat(jsonCount(article)).isZero();
    }

    @Test
    void aBodyNamingAClaimAttachesToIt() {
        long first = createArticle(REPORT);
        long second = createArticle("Another outlet: " + REPORT);
        long claim = claimFrom(first, 42, 64, "Lt. Gen. Valery Asapov");
        String claimIri = api() + "/claims/" + claim;

        // As a SpecificResource, as the service writes it; the statement text beside it is the claim's, not a new one.
        JsonNode attached = json(post("analyst", second, annotation(second,
                List.of(text("ignored restatement"), Map.of("type", "SpecificResource", "purpose", "identifying", "source", claimIri)),
                position(58, 80))).then().statusCode(201).extract().response());
        assertConformingAnnotation(attached);
        assertThat(bodyWithPurpose(attached, "identifying").get("source").asText()).isEqualTo(claimIri);
        assertThat(bodyWithPurpose(attached, "describing").get("value").asText()).isEqualTo("Lt. Gen. Valery Asapov");

        // As a plain address, and as an External Web Resource.
        post("analyst", second, annotation(second, claimIri, position(0, 16))).then().statusCode(201);
        post("analyst", second, annotation(second, Map.of("id", claimIri), position(17, 25))).then().statusCode(201);
        as("viewer").get("/api/claims/" + claim).then().statusCode(200).body("annotations", hasSize(4));

        assertProblem(post("analyst", second, annotation(second, api() + "/claims/987654321", position(0, 6))), 422)
                .body("type", equalTo("urn:workbench:problem:unknown-claim"));
        assertProblem(post("analyst", second, annotation(second, claimIri, position(58, 80))), 409);
    }

    @Test
    void putReplacesTheTargetAndTheClaimUnderIfMatch() {
        long article = createArticle(REPORT);
        long other = claimFrom(createArticle(REPORT), 0, 6, "Russia");
        Response created = post("analyst", article, annotation(article, text("The general died"), position(42, 64)));
        String iri = created.header("Location");
        JsonNode doc = json(created);
        long firstClaim = Long.parseLong(bodyWithPurpose(doc, "identifying").get("source").asText().replaceAll(".*/", ""));

        // The document as read, with the span moved to the surname only.
        Map<String, Object> moved = annotation(article, List.of(
                Map.of("type", "TextualBody", "purpose", "describing", "value", "The general died"),
                Map.of("type", "SpecificResource", "purpose", "identifying", "source", api() + "/claims/" + firstClaim)),
                quote("Asapov", null, null), position(58, 64));
        moved.put("id", iri);

        assertProblem(put("analyst", iri, null, moved), 428);
        assertProblem(put("analyst", iri, "\"7\"", moved), 412);
        assertProblem(put("analyst", iri, "W/\"0\"", moved), 412);
        assertThat(selector(json(ld("viewer").get(iri)), "TextPositionSelector").get("start").asInt()).isEqualTo(42);

        Response replaced = put("analyst", iri, created.header("ETag"), moved);
        replaced.then().statusCode(200).header("ETag", "\"1\"").header("Content-Type", equalTo(W3C_TYPE));
        JsonNode after = json(replaced);
        assertConformingAnnotation(after);
        assertThat(selector(after, "TextQuoteSelector").get("exact").asText()).isEqualTo("Asapov");
        assertThat(selector(after, "TextQuoteSelector").get("prefix").asText()).endsWith("Lt. Gen. Valery ");
        assertThat(selector(after, "TextPositionSelector").get("start").asInt()).isEqualTo(58);
        assertThat(after.get("created").asText()).isEqualTo(doc.get("created").asText());
        assertThat(after.get("modified").asText()).isNotEqualTo(doc.get("modified").asText());
        as("viewer").get("/api/claims/" + firstClaim + "/history").then().statusCode(200)
                .body("items.type", hasItem("annotation.updated"));

        // The old ETag is stale now; a quote that does not match changes nothing.
        assertProblem(put("analyst", iri, created.header("ETag"), moved), 412);
        assertProblem(put("analyst", iri, "\"1\"", annotation(article, null, quote("Asapov", null, null), position(57, 63))), 422);
        ld("viewer").get(iri).then().statusCode(200).header("ETag", "\"1\"");

        // Re-attached to another claim by naming it.
        Response reattached = put("analyst", iri, "\"1\"", annotation(article, api() + "/claims/" + other, position(58, 64)));
        reattached.then().statusCode(200).header("ETag", "\"2\"");
        assertThat(bodyWithPurpose(json(reattached), "identifying").get("source").asText()).isEqualTo(api() + "/claims/" + other);
        as("viewer").get("/api/claims/" + other).then().body("annotations.exact", hasItem("Asapov"));

        // Sending back what is there changes nothing, not even the version.
        put("analyst", iri, "\"2\"", annotation(article, api() + "/claims/" + other, position(58, 64))).then().statusCode(200)
                .header("ETag", "\"2\"");
        // A PUT may not move the annotation to another article, nor name another annotation.
        long elsewhere = createArticle(REPORT);
        assertProblem(put("analyst", iri, "\"2\"", annotation(elsewhere, null, position(58, 64))), 400)
                .body("errors.field", hasItem("target.source"));
        Map<String, Object> wrongId = annotation(article, null, position(58, 64));
        wrongId.put("id", api() + "/w3c/annotations/987654321");
        assertProblem(put("analyst", iri, "\"2\"", wrongId), 400).body("errors.field", hasItem("id"));
        assertProblem(put("analyst", api() + "/w3c/annotations/987654321", "\"0\"", moved), 404);
    }

    @Test
    void deleteRemovesTheAnnotation() {
        long article = createArticle(REPORT);
        Response created = post("analyst", article, annotation(article, null, position(42, 64)));
        String iri = created.header("Location");
        long claim = Long.parseLong(bodyWithPurpose(json(created), "identifying").get("source").asText().replaceAll(".*/", ""));

        assertProblem(ld("analyst").header("If-Match", "\"3\"").delete(iri), 412);
        ld("analyst").header("If-Match", "\"0\"").delete(iri).then().statusCode(204);
        assertProblem(ld("viewer").get(iri), 404);
        assertProblem(ld("analyst").delete(iri), 404);
        assertThat(jsonCount(article)).isZero();
        as("viewer").get("/api/claims/" + claim + "/history").then().body("items.type", hasItem("annotation.deleted"));

        // If-Match is optional on DELETE.
        String second = post("analyst", article, annotation(article, null, position(0, 6))).header("Location");
        ld("analyst").delete(second).then().statusCode(204);
    }

    @Test
    void viewersReadAnalystsWriteAnonymousNothing() {
        long article = createArticle(REPORT);
        Response created = post("analyst", article, annotation(article, null, position(42, 64)));
        String iri = created.header("Location");
        Map<String, Object> doc = annotation(article, null, position(0, 6));

        assertProblem(post("viewer", article, doc), 403);
        assertProblem(put("viewer", iri, "\"0\"", doc), 403);
        assertProblem(ld("viewer").header("If-Match", "\"0\"").delete(iri), 403);
        assertThat(jsonCount(article)).isEqualTo(1);

        assertProblem(anonymous().accept(W3C_TYPE).get(containerPath(article)), 401);
        assertProblem(anonymous().accept(W3C_TYPE).get(iri), 401);
        assertProblem(anonymous().contentType(SEND_TYPE).body(bytes(doc)).post(containerPath(article)), 401);
        assertProblem(anonymous().contentType(SEND_TYPE).header("If-Match", "\"0\"").body(bytes(doc)).put(iri), 401);
        assertProblem(anonymous().delete(iri), 401);

        ld("viewer").get(iri).then().statusCode(200);
        ld("viewer").options(iri).then().statusCode(204).header("Allow", equalTo("GET, HEAD, OPTIONS, PUT, DELETE"));
        ld("viewer").head(iri).then().statusCode(200).header("ETag", "\"0\"");
        ld("reviewer").get(containerPath(article)).then().statusCode(200);
    }

    @Test
    void positionsCountCodePointsInEmojiAstralAndArabicText() {
        long article = createArticle(MIXED);

        // Quote only: the server finds the code-point offsets.
        JsonNode emoji = json(post("analyst", article, annotation(article, null, quote("🎉 world", null, null)))
                .then().statusCode(201).extract().response());
        assertThat(selector(emoji, "TextPositionSelector").get("start").asInt()).isEqualTo(6);
        assertThat(selector(emoji, "TextPositionSelector").get("end").asInt()).isEqualTo(13);
        assertThat(selector(emoji, "TextQuoteSelector").get("prefix").asText()).isEqualTo("Hello ");

        JsonNode arabic = json(post("analyst", article, annotation(article, text("تصريح مرحبا"), quote("مرحبا بالعالم", null, null)))
                .then().statusCode(201).extract().response());
        assertThat(selector(arabic, "TextPositionSelector").get("start").asInt()).isEqualTo(27);
        assertThat(selector(arabic, "TextPositionSelector").get("end").asInt()).isEqualTo(40);
        assertThat(bodyWithPurpose(arabic, "describing").get("value").asText()).isEqualTo("تصريح مرحبا");

        // Positions only: counted in code points, not UTF-16 units (which would put 𝔘𝔫𝔦 at 15..21).
        JsonNode astral = json(post("analyst", article, annotation(article, null, position(14, 17)))
                .then().statusCode(201).extract().response());
        assertThat(selector(astral, "TextQuoteSelector").get("exact").asText()).isEqualTo("𝔘𝔫𝔦");
        assertThat(selector(astral, "TextQuoteSelector").get("prefix").asText()).isEqualTo("Hello 🎉 world\n");

        // Both, checked against each other; the UTF-16 offsets of the same text do not match.
        post("analyst", article, annotation(article, null, quote("𝔘𝔫𝔦", null, null), position(14, 17))).then().statusCode(201);
        assertProblem(post("analyst", article, annotation(article, null, quote("𝔘𝔫𝔦", null, null), position(15, 21))), 422);

        for (JsonNode a : allAnnotations(article)) {
            assertConformingAnnotation(a);
        }
        // The JSON bytes carry the astral characters as UTF-8, not as escaped surrogate pairs.
        String raw = ld("viewer").get(containerPath(article)).then().statusCode(200).extract().asString();
        assertThat(raw).contains("𝔘𝔫𝔦").contains("🎉 world").doesNotContain("\\ud835");
    }

    @Test
    void markupInBodiesIsStoredVerbatim() {
        long article = createArticle(REPORT);
        String markup = "<script>alert('x')</script> <b>bold</b> & \"quoted\" " + uniqueWord();

        JsonNode created = json(post("analyst", article, annotation(article,
                Map.of("type", "TextualBody", "value", markup, "format", "text/html"), position(0, 28)))
                .then().statusCode(201).extract().response());
        assertConformingAnnotation(created);
        assertThat(bodyWithPurpose(created, "describing").get("value").asText()).isEqualTo(markup);
        long id = idOf(created);
        as("viewer").get("/api/annotations/" + id).then().statusCode(200).body("claim.statement", equalTo(markup));
        assertThat(bodyWithPurpose(allAnnotations(article).get(0), "describing").get("value").asText()).isEqualTo(markup);

        // bodyValue is the short form of a text body.
        Map<String, Object> short_ = annotation(article, null, position(42, 64));
        short_.put("bodyValue", "<i>Asapov</i>");
        JsonNode viaValue = json(post("analyst", article, short_).then().statusCode(201).extract().response());
        assertThat(bodyWithPurpose(viaValue, "describing").get("value").asText()).isEqualTo("<i>Asapov</i>");
    }

    @Test
    void returnMinimalLeavesTheBodyOut() {
        long article = createArticle(REPORT);
        Response created = ld("analyst").contentType(SEND_TYPE).header("Prefer", "return=minimal")
                .body(bytes(annotation(article, null, position(42, 64)))).post(containerPath(article));
        created.then().statusCode(201).header("Preference-Applied", "return=minimal").header("ETag", "\"0\"")
                .header("Location", startsWith(api() + "/w3c/annotations/"));
        assertThat(created.asByteArray()).isEmpty();
    }
}
