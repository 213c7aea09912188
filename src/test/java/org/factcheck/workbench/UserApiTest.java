package org.factcheck.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.PASSWORD;
import static org.factcheck.workbench.ApiClient.anonymous;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.factcheck.workbench.ApiClient.Account;
import org.factcheck.workbench.ApiClient.Session;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserApiTest {

    private static final String USERS = "/api/users";
    private static final String NEW_PASSWORD = "another-long-passphrase";

    @Test
    void adminCreatesAUserWithoutExposingItsPassword() {
        String username = username("analyst");

        Response created = as("admin").body(user(username, "analyst")).post(USERS);

        created.then()
                .statusCode(201)
                .header("Location", containsString("/api/users/"))
                .body("id", notNullValue())
                .body("username", equalTo(username))
                .body("displayName", equalTo("Ana " + username))
                .body("role", equalTo("analyst"))
                .body("disabled", equalTo(false));
        assertNoSecret(created.jsonPath().getMap("$"));
        assertThat(created.asString()).doesNotContain(PASSWORD).doesNotContain("$2");
        long id = created.jsonPath().getLong("id");
        Response read = as("admin").get(USERS + "/" + id);
        read.then().statusCode(200).body("username", equalTo(username));
        assertNoSecret(read.jsonPath().getMap("$"));
    }

    @Test
    void listsUsersWithoutSecrets() {
        Account viewer = newAccount("viewer");

        Response list = as("admin").queryParam("limit", 500).get(USERS);

        list.then().statusCode(200).body("items.username", hasItems("admin", viewer.username()));
        List<Map<String, Object>> items = list.jsonPath().getList("items");
        assertThat(items).allSatisfy(UserApiTest::assertNoSecret);
        assertThat(list.asString()).doesNotContain("$2");
    }

    @Test
    void newUserCanSignInWithItsRole() {
        String username = username("reviewer");
        as("admin").body(user(username, "reviewer")).post(USERS).then().statusCode(201);

        Session.signIn(username, PASSWORD).request().get("/api/session").then().body("role", equalTo("reviewer"));
    }

    @Test
    void refusesADuplicateUsernameInAnyCase() {
        String username = username("viewer");
        as("admin").body(user(username, "viewer")).post(USERS).then().statusCode(201);

        assertProblem(as("admin").body(user(username, "analyst")).post(USERS), 409);
        assertProblem(as("admin").body(user(username.toUpperCase(), "analyst")).post(USERS), 409);
        assertProblem(as("admin").body(user(" " + username + " ", "analyst")).post(USERS), 409);
    }

    @Test
    void namesEveryInvalidField() {
        Response refused = as("admin").body(Map.of("username", "no spaces allowed!", "displayName", "Somebody",
                "password", "short", "role", "superuser")).post(USERS);

        assertProblem(refused, 400).body("errors.field", hasItems("username", "role", "password"));
    }

    @Test
    void refusesPasswordsThatBreakThePolicy() {
        String username = username("viewer");
        assertProblem(as("admin").body(Map.of("username", username, "displayName", "X", "password", "aaaaaaaaaaaa",
                "role", "viewer")).post(USERS), 400).body("errors.field", hasItems("password"));
        assertProblem(as("admin").body(Map.of("username", username, "displayName", "X", "password", "a".repeat(73),
                "role", "viewer")).post(USERS), 400).body("errors.field", hasItems("password"));
        // Nothing was created by the refused requests.
        as("admin").body(user(username, "viewer")).post(USERS).then().statusCode(201);
    }

    @Test
    void refusesMissingFields() {
        assertProblem(as("admin").body(Map.of("username", username("viewer"))).post(USERS), 400)
                .body("errors.field", hasItems("displayName", "password", "role"));
    }

    @Test
    void onlyAdminsManageUsers() {
        for (String role : List.of("viewer", "analyst", "reviewer")) {
            assertProblem(as(role).body(user(username("viewer"), "viewer")).post(USERS), 403);
            assertProblem(as(role).get(USERS), 403);
        }
        Account target = newAccount("viewer");
        assertProblem(as("reviewer").body(Map.of("role", "admin")).patch(USERS + "/" + target.id()), 403);
        assertProblem(anonymous().body(user(username("viewer"), "viewer")).post(USERS), 401);
        assertProblem(anonymous().get(USERS), 401);
        as("admin").get(USERS + "/" + target.id()).then().body("role", equalTo("viewer"));
    }

    @Test
    void patchesDisplayNameAndRole() {
        Account account = newAccount("viewer");
        Session session = account.signIn();
        assertProblem(session.request().body(article()).post("/api/articles"), 403);

        as("admin").body(Map.of("displayName", "Renamed Person", "role", "analyst")).patch(USERS + "/" + account.id())
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("displayName", equalTo("Renamed Person"))
                .body("role", equalTo("analyst"));

        // The new role applies to the running session at once.
        session.request().get("/api/session").then().body("role", equalTo("analyst")).body("displayName", equalTo("Renamed Person"));
        session.request().body(article()).post("/api/articles").then().statusCode(201);
    }

    @Test
    void patchesThePasswordAndEndsTheSessions() {
        Account account = newAccount("analyst");
        Session session = account.signIn();

        as("admin").body(Map.of("password", NEW_PASSWORD)).patch(USERS + "/" + account.id()).then().statusCode(200);

        assertProblem(given().cookie("wb_session", session.sessionCookie()).get("/api/session"), 401);
        assertProblem(anonymous().body(Map.of("username", account.username(), "password", PASSWORD)).post("/api/session"), 401);
        Session.signIn(account.username(), NEW_PASSWORD);
    }

    @Test
    void refusesAWeakNewPassword() {
        Account account = newAccount("analyst");

        assertProblem(as("admin").body(Map.of("password", "short")).patch(USERS + "/" + account.id()), 400)
                .body("errors.field", hasItems("password"));

        account.signIn();
    }

    @Test
    void disablingEndsSessionsAndSuspendsTokens() {
        Account account = newAccount("analyst");
        Session session = account.signIn();
        String token = account.token();

        as("admin").body(Map.of("disabled", true)).patch(USERS + "/" + account.id())
                .then()
                .statusCode(200)
                .body("disabled", equalTo(true));

        assertProblem(given().cookie("wb_session", session.sessionCookie()).get("/api/session"), 401);
        assertProblem(given().header("Authorization", "Bearer " + token).get("/api/session"), 401);
        assertProblem(anonymous().body(Map.of("username", account.username(), "password", PASSWORD)).post("/api/session"), 401);

        as("admin").body(Map.of("disabled", false)).patch(USERS + "/" + account.id()).then().statusCode(200);
        // The old session was ended, not suspended: it stays invalid; signing in again works.
        assertProblem(given().cookie("wb_session", session.sessionCookie()).get("/api/session"), 401);
        account.signIn().request().get("/api/session").then().statusCode(200);
    }

    @Test
    void refusesInvalidPatchValues() {
        Account account = newAccount("viewer");

        assertProblem(as("admin").body(Map.of("role", "superuser", "displayName", " ")).patch(USERS + "/" + account.id()), 400)
                .body("errors.field", hasItems("role", "displayName"));
        assertProblem(as("admin").contentType(ContentType.JSON).body("{\"disabled\": null}").patch(USERS + "/" + account.id()), 400)
                .body("errors.field", hasItems("disabled"));

        as("admin").get(USERS + "/" + account.id()).then().body("role", equalTo("viewer")).body("disabled", equalTo(false));
    }

    @Test
    void patchOfAnUnknownUserIsNotFound() {
        assertProblem(as("admin").body(Map.of("displayName", "Ghost")).patch(USERS + "/987654321"), 404);
    }

    @Test
    void refusesAStaleIfMatch() {
        Account account = newAccount("viewer");
        String etag = as("admin").get(USERS + "/" + account.id()).then().statusCode(200).extract().header("ETag");
        String next = as("admin").header("If-Match", etag).body(Map.of("displayName", "First change"))
                .patch(USERS + "/" + account.id()).then().statusCode(200).extract().header("ETag");
        assertThat(next).isNotEqualTo(etag);

        assertProblem(as("admin").header("If-Match", etag).body(Map.of("displayName", "Lost update", "role", "admin"))
                .patch(USERS + "/" + account.id()), 412);

        as("admin").get(USERS + "/" + account.id()).then()
                .body("displayName", equalTo("First change"))
                .body("role", equalTo("viewer"));
    }

    @Test
    void refusesToDemoteOrDisableTheLastAdmin() {
        // Other tests may have left admins behind; disable them so that "admin" is the only active one.
        for (long other : activeAdminsOtherThanBootstrap()) {
            as("admin").body(Map.of("disabled", true)).patch(USERS + "/" + other).then().statusCode(200);
        }
        long admin = userId("admin");

        assertProblem(as("admin").body(Map.of("role", "reviewer")).patch(USERS + "/" + admin), 409);
        assertProblem(as("admin").body(Map.of("disabled", true)).patch(USERS + "/" + admin), 409);

        as("admin").get(USERS + "/" + admin).then()
                .statusCode(200)
                .body("role", equalTo("admin"))
                .body("disabled", equalTo(false));

        // With a second admin, one of them may step down.
        Account second = newAccount("viewer");
        as("admin").body(Map.of("role", "admin")).patch(USERS + "/" + second.id()).then().statusCode(200);
        second.bearer().body(Map.of("role", "reviewer")).patch(USERS + "/" + second.id())
                .then()
                .statusCode(200)
                .body("role", equalTo("reviewer"));
    }

    private static List<Long> activeAdminsOtherThanBootstrap() {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = as("admin").queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(USERS).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> u : items) {
                if ("admin".equals(u.get("role")) && Boolean.FALSE.equals(u.get("disabled")) && !"admin".equals(u.get("username"))) {
                    ids.add(((Number) u.get("id")).longValue());
                }
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private static long userId(String username) {
        String cursor = null;
        do {
            var request = as("admin").queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(USERS).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> u : items) {
                if (username.equals(u.get("username"))) {
                    return ((Number) u.get("id")).longValue();
                }
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        throw new AssertionError("no user " + username);
    }

    private static void assertNoSecret(Map<String, Object> user) {
        assertThat(user.keySet()).noneMatch(k -> k.toLowerCase().contains("password") || k.toLowerCase().contains("hash"));
    }

    private static String username(String role) {
        return role + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> user(String username, String role) {
        return Map.of("username", username, "displayName", "Ana " + username, "password", PASSWORD, "role", role);
    }

    private static Map<String, Object> article() {
        return Map.of("title", "Role probe " + UUID.randomUUID(), "body", "Role probe body " + UUID.randomUUID());
    }
}
