package org.factcheck.workbench;

import static org.factcheck.workbench.ApiClient.annotate;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AnnotationApiTest {

    private static final String MIXED = "Hello 🎉 world\n𝔘𝔫𝔦 code and مرحبا بالعالم e\u0301 end";

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
}
