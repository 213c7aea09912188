package org.factcheck.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.anonymous;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.unique;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.factcheck.workbench.ApiClient.Account;
import org.factcheck.workbench.ApiClient.Session;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenApiTest {

    private static final String TOKENS = "/api/tokens";
    private static final String TOKEN_PREFIX = "wbt_";

    @Test
    void createsATokenShownOnce() {
        Session session = newAccount("analyst").signIn();
        String name = unique("laptop script");

        Response created = session.request().body(Map.of("name", name)).post(TOKENS);

        created.then()
                .statusCode(201)
                .header("Location", containsString("/api/tokens/"))
                .header("Cache-Control", "no-store")
                .body("name", equalTo(name))
                .body("token", startsWith(TOKEN_PREFIX));
        long id = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith("/api/tokens/" + id);
        assertThat(created.jsonPath().getString("token")).hasSizeGreaterThan(TOKEN_PREFIX.length() + 30);
    }

    @Test
    void actsAsItsUserWithBearer() {
        Account reviewer = newAccount("reviewer");
        String token = create(reviewer.signIn().request(), unique("ci")).getString("token");

        bearer(token).get("/api/session")
                .then()
                .statusCode(200)
                .body("username", equalTo(reviewer.username()))
                .body("role", equalTo("reviewer"));
    }

    @Test
    void listsOwnTokensWithoutTheirSecrets() {
        Account analyst = newAccount("analyst");
        Session session = analyst.signIn();
        JsonPath first = create(session.request(), unique("first"));
        JsonPath second = create(session.request(), unique("second"));
        String othersToken = create(newAccount("analyst").signIn().request(), unique("other")).getString("token");

        Response list = session.request().get(TOKENS);

        list.then()
                .statusCode(200)
                .body("items.id", hasItem(first.getInt("id")))
                .body("items.id", hasItem(second.getInt("id")))
                .body("items.name", hasItem(first.getString("name")));
        String body = list.asString();
        assertThat(body).doesNotContain(first.getString("token"), second.getString("token"), othersToken, TOKEN_PREFIX);
        assertThat(list.jsonPath().getList("items.name", String.class)).allMatch(n -> !n.startsWith("other"));
        List<Map<String, Object>> items = list.jsonPath().getList("items");
        assertThat(items).allSatisfy(item -> assertThat(item).doesNotContainKeys("token", "secret", "secretHash", "hash"));
    }

    @Test
    void revokedTokenNoLongerWorks() {
        Account analyst = newAccount("analyst");
        Session owner = analyst.signIn();
        JsonPath token = create(owner.request(), unique("to revoke"));
        bearer(token.getString("token")).get("/api/session").then().statusCode(200);

        owner.request().delete(TOKENS + "/" + token.getLong("id")).then().statusCode(204);

        assertProblem(bearer(token.getString("token")).get("/api/session"), 401);
        analyst.signIn().request().get(TOKENS).then().body("items.id", not(hasItem(token.getInt("id"))));
        assertProblem(analyst.signIn().request().delete(TOKENS + "/" + token.getLong("id")), 404);
    }

    @Test
    void aTokenCanRevokeItself() {
        String token = newAccount("viewer").token();
        long id = bearer(token).get(TOKENS).then().statusCode(200).extract().jsonPath().getLong("items[0].id");

        bearer(token).delete(TOKENS + "/" + id).then().statusCode(204);

        assertProblem(bearer(token).get("/api/session"), 401);
    }

    @Test
    void anotherUsersTokenLooksMissing() {
        JsonPath victims = create(newAccount("analyst").signIn().request(), unique("victim"));

        assertProblem(newAccount("reviewer").signIn().request().delete(TOKENS + "/" + victims.getLong("id")), 404);

        bearer(victims.getString("token")).get("/api/session").then().statusCode(200);
    }

    @Test
    void adminCanRevokeAnyToken() {
        JsonPath token = create(newAccount("analyst").signIn().request(), unique("leaked"));

        as("admin").delete(TOKENS + "/" + token.getLong("id")).then().statusCode(204);

        assertProblem(bearer(token.getString("token")).get("/api/session"), 401);
    }

    @Test
    void unknownTokenIdIsNotFound() {
        assertProblem(as("analyst").delete(TOKENS + "/987654321"), 404);
    }

    @Test
    void rejectsABlankName() {
        assertProblem(as("viewer").body(Map.of("name", "   ")).post(TOKENS), 400).body("errors.field", hasItem("name"));
        assertProblem(as("viewer").body(Map.of()).post(TOKENS), 400).body("errors.field", hasItem("name"));
    }

    @Test
    void needsAUser() {
        assertProblem(anonymous().body(Map.of("name", "anonymous")).post(TOKENS), 401);
        assertProblem(anonymous().get(TOKENS), 401);
    }

    private static JsonPath create(RequestSpecification owner, String name) {
        return owner.body(Map.of("name", name)).post(TOKENS).then().statusCode(201).extract().jsonPath();
    }

    private static RequestSpecification bearer(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }
}
