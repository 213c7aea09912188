package org.factcheck.workbench;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test helpers for the API: accounts of each role (created once per test run through the admin API), their
 * bearer tokens, and signed-in cookie sessions.
 */
public final class ApiClient {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String PASSWORD = "correct-horse-battery";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private ApiClient() {
    }

    /** A request authenticated with the bearer token of a test user of that role ("admin" is the bootstrap admin). */
    public static RequestSpecification as(String role) {
        return given().header("Authorization", "Bearer " + tokenOf(role)).contentType(ContentType.JSON);
    }

    /** A request authenticated with this bearer token. */
    public static RequestSpecification withToken(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    public static String tokenOf(String role) {
        return TOKENS.computeIfAbsent(role, r -> {
            String username = r.equals("admin") ? "admin" : usernameFor(r);
            if (!r.equals("admin")) {
                createUser(username, r);
            }
            return createToken(username, r.equals("admin") ? ADMIN_PASSWORD : PASSWORD);
        });
    }

    /** The username of the shared test user of a role, unique to this test run. */
    public static String usernameFor(String role) {
        return role.equals("admin") ? "admin" : role + "-" + RUN;
    }

    /** Creates a user through the admin API and returns its username. */
    public static String createUser(String username, String role) {
        Session admin = Session.signIn("admin", ADMIN_PASSWORD);
        admin.request().body(Map.of("username", username, "displayName", "Test " + role + " " + username,
                        "password", PASSWORD, "role", role))
                .post("/api/users").then().statusCode(201);
        return username;
    }

    public static String newUser(String role) {
        return createUser(role + "-" + UUID.randomUUID().toString().substring(0, 8), role);
    }

    /** A user made for one test: its id and (unique) username; the password is {@link #PASSWORD}. */
    public record Account(long id, String username) {

        public Session signIn() {
            return Session.signIn(username, PASSWORD);
        }

        /** A new bearer token of this account. */
        public String token() {
            return createToken(username, PASSWORD);
        }

        public RequestSpecification bearer() {
            return given().header("Authorization", "Bearer " + token()).contentType(ContentType.JSON);
        }
    }

    /** Creates a user of the role with a unique username through the admin API. */
    public static Account newAccount(String role) {
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        Number id = as("admin").body(Map.of("username", username, "displayName", "Test " + role + " " + username,
                        "password", PASSWORD, "role", role))
                .post("/api/users").then().statusCode(201).extract().path("id");
        return new Account(id.longValue(), username);
    }

    /** A string unique to this call, for titles, bodies and names. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }

    /**
     * A word of lower-case letters only, unique to this call: full-text search ('simple' configuration) finds it
     * as one token.
     */
    public static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        String hex = UUID.randomUUID().toString().replace("-", "");
        for (char c : hex.toCharArray()) {
            word.append((char) ('a' + Character.digit(c, 16)));
        }
        return word.toString();
    }

    /** The id of the resource in a response body. */
    public static long idOf(Response response) {
        return response.then().extract().jsonPath().getLong("id");
    }

    public static String createToken(String username, String password) {
        Session session = Session.signIn(username, password);
        return session.request().body(Map.of("name", "tests")).post("/api/tokens")
                .then().statusCode(201).extract().path("token");
    }

    /** Creates an article through the API and returns its id. The body is unique per call unless given. */
    public static long createArticle(String title, String body) {
        return ((Number) as("analyst").body(Map.of("title", title, "body", body)).post("/api/articles")
                .then().statusCode(201).extract().path("id")).longValue();
    }

    public static long createArticle(String body) {
        return createArticle("Test article " + UUID.randomUUID(), body + "\n\n[" + UUID.randomUUID() + "]");
    }

    /** Highlights [start, end) of an article as a new claim; returns the response for further checks. */
    public static Response annotate(long articleId, int start, int end, String exact) {
        return as("analyst").body(Map.of("start", start, "end", end, "exact", exact))
                .post("/api/articles/" + articleId + "/annotations");
    }

    /** A new claim on a fresh article; returns its id. */
    public static long newClaim() {
        String statement = "The minister said that 28 fighters died";
        long article = createArticle(statement + ".");
        return ((Number) annotate(article, 0, statement.length(), statement)
                .then().statusCode(201).extract().path("claimId")).longValue();
    }

    /** Highlights [start, end) of an article as a new claim; returns the new claim's id. */
    public static long claimFrom(long articleId, int start, int end, String exact) {
        return annotate(articleId, start, end, exact).then().statusCode(201).extract().jsonPath().getLong("claimId");
    }

    /** Sets the verdict of a claim as a user of the role, reading the current ETag first. */
    public static Response setVerdict(String role, long claimId, String rating, String explanation) {
        return as(role).header("If-Match", etagOf(claimId))
                .body(Map.of("rating", rating, "explanation", explanation))
                .put("/api/claims/" + claimId + "/verdict");
    }

    /** Sends a claim's draft verdict for review (status in_review), as an analyst does before a reviewer publishes. */
    public static void sendForReview(long claimId) {
        as("analyst").header("If-Match", etagOf(claimId)).body(Map.of("status", "in_review"))
                .patch("/api/claims/" + claimId).then().statusCode(200);
    }

    /** Adds a piece of evidence to a claim as the analyst; returns its id. */
    public static long addEvidence(long claimId, String url) {
        return as("analyst").body(Map.of("url", url, "stance", "supports")).post("/api/claims/" + claimId + "/evidence")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Comments on a claim with this request (whose user must be an analyst or above); returns the comment's id. */
    public static long addComment(RequestSpecification as, long claimId, String body) {
        return as.body(Map.of("body", body)).post("/api/claims/" + claimId + "/comments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static String etagOf(long claimId) {
        return as("viewer").get("/api/claims/" + claimId).then().statusCode(200).extract().header("ETag");
    }

    /** A signed-in browser-like session: the session cookie, and the XSRF token echoed in a header. */
    public record Session(String sessionCookie, String xsrf) {

        public static Session signIn(String username, String password) {
            Response response = given().contentType(ContentType.JSON)
                    .body(Map.of("username", username, "password", password))
                    .post("/api/session");
            response.then().statusCode(200);
            return new Session(response.getCookie("wb_session"), response.getCookie("XSRF-TOKEN"));
        }

        /** With cookie and matching X-XSRF-TOKEN header, as the browser app sends them. */
        public RequestSpecification request() {
            return given().contentType(ContentType.JSON).cookie("wb_session", sessionCookie)
                    .cookie("XSRF-TOKEN", xsrf).header("X-XSRF-TOKEN", xsrf);
        }

        /** With the cookie only: what a forged cross-site form would send. */
        public RequestSpecification cookieOnly() {
            return given().contentType(ContentType.JSON).cookie("wb_session", sessionCookie);
        }
    }
}
