package org.factcheck.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.PASSWORD;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.claimFrom;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.uniqueWord;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.factcheck.workbench.ApiClient.Account;
import org.factcheck.workbench.ApiClient.Session;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CsrfTest {

    private static final String EVIL_ORIGIN = "https://evil.example";
    private static final String STATEMENT = "The minister said that 28 fighters died";
    private static final String TEXT = STATEMENT + ".";

    @Test
    void refusesCookiePostWithoutXsrfHeaderAndWritesNothing() {
        Session session = newAccount("analyst").signIn();
        String word = uniqueWord();

        Response refused = session.cookieOnly().body(article(word)).post("/api/articles");

        assertProblem(refused, 403).body("type", equalTo("urn:workbench:problem:csrf"));
        assertThat(articlesMatching(word)).isZero();
    }

    @Test
    void refusesCookiePostWhoseXsrfCookieIsMissingEvenWithTheRightHeader() {
        Session session = newAccount("analyst").signIn();
        String word = uniqueWord();

        Response refused = given().contentType(ContentType.JSON).cookie("wb_session", session.sessionCookie())
                .header("X-XSRF-TOKEN", session.xsrf()).body(article(word)).post("/api/articles");

        assertProblem(refused, 403);
        assertThat(articlesMatching(word)).isZero();
    }

    @Test
    void refusesCookiePatchWithoutXsrfHeaderAndChangesNothing() {
        Session session = newAccount("analyst").signIn();
        long claim = claimFrom(createArticle(TEXT), 0, 39, STATEMENT);

        Response refused = session.cookieOnly().header("If-Match", etagOf(claim))
                .body(Map.of("statement", "Changed by a forged request")).patch("/api/claims/" + claim);

        assertProblem(refused, 403);
        as("viewer").get("/api/claims/" + claim).then().body("statement", equalTo(STATEMENT));
    }

    @Test
    void refusesCookiePutWithoutXsrfHeaderAndChangesNothing() {
        Session session = newAccount("analyst").signIn();
        long claim = claimFrom(createArticle(TEXT), 0, 39, STATEMENT);

        Response refused = session.cookieOnly().header("If-Match", etagOf(claim))
                .body(Map.of("rating", "false", "explanation", "forged")).put("/api/claims/" + claim + "/verdict");

        assertProblem(refused, 403);
        as("viewer").get("/api/claims/" + claim).then().body("verdict", nullValue());
    }

    @Test
    void refusesCookieDeleteWithoutXsrfHeaderAndKeepsTheAnnotation() {
        Session session = newAccount("analyst").signIn();
        long article = createArticle(TEXT);
        long annotation = ApiClient.annotate(article, 0, 39, STATEMENT).then().statusCode(201).extract().jsonPath().getLong("id");

        assertProblem(session.cookieOnly().delete("/api/annotations/" + annotation), 403);

        as("viewer").get("/api/articles/" + article + "/annotations").then().body("items", hasSize(1));
    }

    @Test
    void refusesSignOutWithoutXsrfHeader() {
        Session session = newAccount("viewer").signIn();

        assertProblem(session.cookieOnly().delete("/api/session"), 403);

        given().cookie("wb_session", session.sessionCookie()).get("/api/session").then().statusCode(200);
    }

    @Test
    void refusesHeaderThatDiffersFromTheCookie() {
        Session session = newAccount("analyst").signIn();
        String word = uniqueWord();

        Response refused = given().contentType(ContentType.JSON).cookie("wb_session", session.sessionCookie())
                .cookie("XSRF-TOKEN", session.xsrf()).header("X-XSRF-TOKEN", session.xsrf() + "x")
                .body(article(word)).post("/api/articles");

        assertProblem(refused, 403);
        assertThat(articlesMatching(word)).isZero();
    }

    @Test
    void refusesCookieAndHeaderThatAgreeButAreNotTheSessionsToken() {
        // An attacker able to plant a cookie could make both sides equal; they must also be the session's token.
        Session session = newAccount("analyst").signIn();
        String word = uniqueWord();

        Response refused = given().contentType(ContentType.JSON).cookie("wb_session", session.sessionCookie())
                .cookie("XSRF-TOKEN", "planted-token").header("X-XSRF-TOKEN", "planted-token")
                .body(article(word)).post("/api/articles");

        assertProblem(refused, 403);
        assertThat(articlesMatching(word)).isZero();
    }

    @Test
    void refusesForeignOriginEvenWithTheRightHeader() {
        Session session = newAccount("analyst").signIn();
        String word = uniqueWord();

        Response refused = session.request().header("Origin", EVIL_ORIGIN).body(article(word)).post("/api/articles");

        assertProblem(refused, 403).body("type", equalTo("urn:workbench:problem:cross-origin"));
        assertThat(articlesMatching(word)).isZero();
    }

    @Test
    void refusesTheOpaqueNullOrigin() {
        Session session = newAccount("analyst").signIn();
        String word = uniqueWord();

        assertProblem(session.request().header("Origin", "null").body(article(word)).post("/api/articles"), 403);
        assertThat(articlesMatching(word)).isZero();
    }

    @Test
    void acceptsSameOriginWithTheRightHeader() {
        Session session = newAccount("analyst").signIn();
        String word = uniqueWord();

        session.request().header("Origin", "http://localhost:" + RestAssured.port).body(article(word)).post("/api/articles")
                .then()
                .statusCode(201);

        assertThat(articlesMatching(word)).isEqualTo(1);
    }

    @Test
    void bearerTokenCallsNeedNeitherHeaderNorOrigin() {
        String word = uniqueWord();
        as("analyst").body(article(word)).post("/api/articles").then().statusCode(201);

        String other = uniqueWord();
        as("analyst").header("Origin", EVIL_ORIGIN).body(article(other)).post("/api/articles").then().statusCode(201);

        assertThat(articlesMatching(word)).isEqualTo(1);
        assertThat(articlesMatching(other)).isEqualTo(1);
    }

    @Test
    void refusesSignInFromAForeignOrigin() {
        Account analyst = newAccount("analyst");

        Response refused = given().contentType(ContentType.JSON).header("Origin", EVIL_ORIGIN)
                .body(Map.of("username", analyst.username(), "password", PASSWORD)).post("/api/session");

        assertProblem(refused, 403);
        assertThat(refused.getCookie("wb_session")).isNull();
    }

    @Test
    void signInFromTheSameOriginNeedsNoXsrfHeader() {
        Account analyst = newAccount("analyst");

        given().contentType(ContentType.JSON).header("Origin", "http://localhost:" + RestAssured.port)
                .body(Map.of("username", analyst.username(), "password", PASSWORD)).post("/api/session")
                .then()
                .statusCode(200)
                .body("username", equalTo(analyst.username()));
    }

    @Test
    void neverRefusesAGet() {
        Session session = newAccount("viewer").signIn();
        long article = createArticle(TEXT);

        session.cookieOnly().header("Origin", EVIL_ORIGIN).get("/api/articles/" + article).then().statusCode(200);
        session.cookieOnly().get("/api/session").then().statusCode(200);
        session.cookieOnly().header("X-XSRF-TOKEN", "wrong").get("/api/articles?limit=1").then().statusCode(200);
    }

    private static Map<String, Object> article(String word) {
        return Map.of("title", "CSRF probe " + word, "body", "Body of the CSRF probe " + word + ".");
    }

    private static int articlesMatching(String word) {
        return as("viewer").queryParam("q", word).get("/api/articles").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }
}
