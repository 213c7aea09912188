package org.factcheck.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.PASSWORD;
import static org.factcheck.workbench.ApiClient.anonymous;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.factcheck.workbench.ApiClient.Account;
import org.factcheck.workbench.ApiClient.Session;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionApiTest {

    private static final String SESSION = "/api/session";
    private static final String SESSION_COOKIE = "wb_session";
    private static final String XSRF_COOKIE = "XSRF-TOKEN";

    @Test
    void signsInWithUserAndCookies() {
        Account analyst = newAccount("analyst");
        Response response = anonymous().body(Map.of("username", analyst.username(), "password", PASSWORD)).post(SESSION);

        response.then()
                .statusCode(200)
                .body("username", equalTo(analyst.username()))
                .body("displayName", equalTo("Test analyst " + analyst.username()))
                .body("role", equalTo("analyst"));
        assertThat(response.jsonPath().getMap("$")).doesNotContainKeys("password", "passwordHash");
        String session = setCookie(response, SESSION_COOKIE);
        assertThat(session).as("session cookie").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("Path=/");
        String xsrf = setCookie(response, XSRF_COOKIE);
        assertThat(xsrf).as("XSRF cookie is readable by the page").doesNotContainIgnoringCase("HttpOnly");
        assertThat(response.getCookie(SESSION_COOKIE)).hasSizeGreaterThan(20);
        assertThat(response.getCookie(XSRF_COOKIE)).hasSizeGreaterThan(20).isNotEqualTo(response.getCookie(SESSION_COOKIE));
    }

    @Test
    void signInIgnoresTheCaseOfTheUsername() {
        Account viewer = newAccount("viewer");
        anonymous().body(Map.of("username", viewer.username().toUpperCase(), "password", PASSWORD)).post(SESSION)
                .then()
                .statusCode(200)
                .body("username", equalTo(viewer.username()));
    }

    @Test
    void answersTheCurrentUserOfTheSessionCookie() {
        Account reviewer = newAccount("reviewer");
        Session session = reviewer.signIn();
        given().cookie(SESSION_COOKIE, session.sessionCookie())
                .when()
                .get(SESSION)
                .then()
                .statusCode(200)
                .body("username", equalTo(reviewer.username()))
                .body("role", equalTo("reviewer"));
    }

    @Test
    void answersTheCurrentUserOfABearerToken() {
        Account viewer = newAccount("viewer");
        given().header("Authorization", "Bearer " + viewer.token())
                .when()
                .get(SESSION)
                .then()
                .statusCode(200)
                .body("username", equalTo(viewer.username()))
                .body("role", equalTo("viewer"));
    }

    @Test
    void answers401WithoutAValidCredential() {
        assertProblem(given().get(SESSION), 401).header("WWW-Authenticate", startsWith("Bearer"));
        assertProblem(given().cookie(SESSION_COOKIE, "not-a-session").get(SESSION), 401);
        assertProblem(given().header("Authorization", "Bearer wbt_not-a-token").get(SESSION), 401);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameProblem() {
        Account analyst = newAccount("analyst");
        Response wrongPassword = anonymous().body(Map.of("username", analyst.username(), "password", "wrong-password-123"))
                .post(SESSION);
        Response unknownUser = anonymous().body(Map.of("username", "nobody-" + analyst.username(), "password", PASSWORD))
                .post(SESSION);

        assertProblem(wrongPassword, 401);
        assertProblem(unknownUser, 401);
        assertThat(unknownUser.jsonPath().getMap("$")).isEqualTo(wrongPassword.jsonPath().getMap("$"));
        assertThat(wrongPassword.getCookie(SESSION_COOKIE)).isNull();
        assertThat(unknownUser.getCookie(SESSION_COOKIE)).isNull();
    }

    @Test
    void disabledUserCannotSignIn() {
        Account analyst = newAccount("analyst");
        as("admin").body(Map.of("disabled", true)).patch("/api/users/" + analyst.id()).then().statusCode(200);

        Response refused = anonymous().body(Map.of("username", analyst.username(), "password", PASSWORD)).post(SESSION);

        assertProblem(refused, 401);
        assertThat(refused.getCookie(SESSION_COOKIE)).isNull();
    }

    @Test
    void rejectsSignInWithoutPassword() {
        assertProblem(anonymous().body(Map.of("username", "someone")).post(SESSION), 400);
    }

    @Test
    void signOutEndsTheSession() {
        Session session = newAccount("analyst").signIn();

        Response signOut = session.request().delete(SESSION);

        signOut.then().statusCode(204);
        assertThat(setCookie(signOut, SESSION_COOKIE)).as("the session cookie is cleared").containsIgnoringCase("Max-Age=0");
        assertProblem(given().cookie(SESSION_COOKIE, session.sessionCookie()).get(SESSION), 401);
        assertProblem(session.request().body(Map.of("name", "after sign-out")).post("/api/tokens"), 401);
    }

    @Test
    void eachSignInIssuesANewSession() {
        Account analyst = newAccount("analyst");
        Session first = analyst.signIn();
        Session second = analyst.signIn();

        assertThat(second.sessionCookie()).isNotEqualTo(first.sessionCookie());
        assertThat(second.xsrf()).isNotEqualTo(first.xsrf());

        // The sessions are independent: ending one leaves the other signed in.
        first.request().delete(SESSION).then().statusCode(204);
        given().cookie(SESSION_COOKIE, first.sessionCookie()).get(SESSION).then().statusCode(401);
        given().cookie(SESSION_COOKIE, second.sessionCookie()).get(SESSION).then().statusCode(200)
                .body("username", equalTo(analyst.username()));
    }

    /** The raw Set-Cookie header of one cookie, with its attributes. */
    private static String setCookie(Response response, String name) {
        List<String> headers = response.headers().getValues("Set-Cookie");
        return headers.stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + headers));
    }
}
