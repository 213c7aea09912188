package org.factcheck.workbench;

import static io.restassured.RestAssured.given;
import static org.factcheck.workbench.ApiClient.anonymous;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.uniqueWord;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErrorFormatTest {

    private static final String ARTICLES = "/api/articles";
    private static final String TEXT = "Russia's Ministry of Defense reports that Lt. Gen. Valery Asapov died.";

    @Test
    void unknownRouteIsAProblem() {
        assertProblem(as("viewer").get("/api/nope"), 404);
        assertProblem(as("viewer").get("/api/nope/deeper/still"), 404);
        assertProblem(as("analyst").body(Map.of("a", 1)).post("/api/nope"), 404);
        assertProblem(anonymous().get("/api/nope"), 404);
    }

    @Test
    void wrongMethodIsAProblem() {
        assertProblem(as("analyst").body(Map.of("title", "x")).put(ARTICLES), 405);
        assertProblem(as("admin").delete("/api/ratings"), 405);
    }

    @Test
    void malformedJsonIsAProblem() {
        String word = uniqueWord();
        assertProblem(as("analyst").body("{\"title\": \"Cut off " + word + "\", \"body\": ").post(ARTICLES), 400);
        assertProblem(as("analyst").body("{'title': 'single quotes'}").post(ARTICLES), 400);
        assertProblem(as("analyst").body("{\"title\": \"a " + word + "\", \"body\": \"b " + word + "\"} {}").post(ARTICLES), 400);
        assertProblem(as("analyst").body("[\"an\", \"array\"]").post(ARTICLES), 400);
        as("viewer").queryParam("q", word).get(ARTICLES).then().body("items", hasSize(0));
    }

    @Test
    void wrongTypesAreNamed() {
        long article = createArticle(TEXT);
        String annotations = ARTICLES + "/" + article + "/annotations";

        assertProblem(as("analyst").body("{\"start\": \"6\", \"end\": 13, \"exact\": \"Ministry\"}").post(annotations), 400)
                .body("errors.field", contains("start"));
        assertProblem(as("analyst").body("{\"start\": 9, \"end\": 13.5, \"exact\": \"Ministry\"}").post(annotations), 400)
                .body("errors.field", contains("end"));
        assertProblem(as("analyst").body("{\"start\": 9, \"end\": 17, \"exact\": 42}").post(annotations), 400)
                .body("errors.field", contains("exact"));
        assertProblem(as("analyst").body("{\"start\": 9, \"end\": 17, \"exact\": \"Ministry\", \"claim\": \"text\"}").post(annotations), 400)
                .body("errors.field", contains("claim"));
        assertProblem(as("admin").body("{\"disabled\": \"yes\"}").patch("/api/users/" + newAccount("viewer").id()), 400)
                .body("errors.field", contains("disabled"));

        as("viewer").get(annotations).then().body("items", hasSize(0));
    }

    @Test
    void unknownFieldsAreNamed() {
        String word = uniqueWord();
        assertProblem(as("analyst").body(Map.of("title", "Unknown " + word, "body", "Body " + word, "colour", "red")).post(ARTICLES), 400)
                .body("errors.field", contains("colour"))
                .body("detail", containsString("colour"));
        long article = createArticle(TEXT);
        assertProblem(as("analyst").body(Map.of("start", 9, "end", 17, "exact", "Ministry", "claim", Map.of("statment", "typo")))
                .post(ARTICLES + "/" + article + "/annotations"), 400)
                .body("errors.field", contains("claim.statment"));

        as("viewer").queryParam("q", word).get(ARTICLES).then().body("items", hasSize(0));
    }

    @Test
    void missingBodyIsAProblem() {
        assertProblem(as("analyst").post(ARTICLES), 400);
        long article = createArticle(TEXT);
        assertProblem(as("analyst").post(ARTICLES + "/" + article + "/annotations"), 400);
        assertProblem(as("analyst").post("/api/claims/" + ApiClient.newClaim() + "/evidence"), 400);
        assertProblem(as("viewer").body("null").post("/api/tokens"), 400);
    }

    @Test
    void plainTextBodyIsUnsupported() {
        String word = uniqueWord();
        assertProblem(as("analyst").contentType(ContentType.TEXT).body("title=" + word).post(ARTICLES), 415);
        assertProblem(as("analyst").contentType("application/x-www-form-urlencoded").body("title=" + word).post(ARTICLES), 415);
        as("viewer").queryParam("q", word).get(ARTICLES).then().body("items", hasSize(0));
    }

    @Test
    void unpairedSurrogateIsNamed() {
        String word = uniqueWord();
        // The JSON text itself carries the escape: a lone high surrogate, which is not Unicode text.
        assertProblem(as("analyst").body("{\"title\": \"Broken \\ud800 " + word + "\", \"body\": \"Fine " + word + "\"}").post(ARTICLES), 400)
                .body("errors.field", contains("title"));
        assertProblem(as("analyst").body("{\"title\": \"Fine " + word + "\", \"body\": \"Lone low \\udc00 surrogate\"}").post(ARTICLES), 400)
                .body("errors.field", contains("body"));
        long article = createArticle(TEXT);
        assertProblem(as("analyst").body("{\"start\": 9, \"end\": 17, \"exact\": \"Ministry\", \"claim\": {\"statement\": \"\\ud83d\"}}")
                .post(ARTICLES + "/" + article + "/annotations"), 400)
                .body("errors.field", contains("claim.statement"));

        as("viewer").queryParam("q", word).get(ARTICLES).then().body("items", hasSize(0));
        as("viewer").get(ARTICLES + "/" + article + "/annotations").then().body("items", hasSize(0));
    }

    @Test
    void aPairedSurrogateEscapeIsFine() {
        long id = as("analyst").body("{\"title\": \"Emoji " + uniqueWord() + "\", \"body\": \"Party \\ud83c\\udf89 " + uniqueWord() + "\"}")
                .post(ARTICLES).then().statusCode(201).extract().jsonPath().getLong("id");
        as("viewer").get(ARTICLES + "/" + id).then().body("body", containsString("Party 🎉 "));
    }

    @Test
    void authenticationAndRoleFailuresAreProblems() {
        assertProblem(anonymous().get(ARTICLES), 401);
        assertProblem(given().header("Authorization", "Bearer wbt_forged").get(ARTICLES), 401);
        assertProblem(given().header("Authorization", "Basic YWRtaW46eA==").get(ARTICLES), 401);
        assertProblem(as("viewer").body(Map.of("title", "t", "body", "b")).post(ARTICLES), 403);
    }

    @Test
    void validationProblemsListTheirFields() {
        assertProblem(as("analyst").body(Map.of("title", " ", "body", " ", "url", "javascript:alert(1)", "language", "not a tag"))
                .post(ARTICLES), 400)
                .body("type", containsString("validation"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("body"))
                .body("errors.field", hasItem("url"))
                .body("errors.field", hasItem("language"));
    }
}
