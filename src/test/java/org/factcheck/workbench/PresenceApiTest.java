package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.anonymous;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.withToken;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.factcheck.workbench.ApiClient.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who has an article open: each browser tab says so, and each user is one reader however many tabs they have. */
@QuarkusTest
class PresenceApiTest {

    @Test
    void listsAReaderOfAnArticle() {
        Account reader = newAccount("viewer");
        String token = reader.token();
        long article = createArticle("Presence of one reader.");

        here(token, article, tab()).then().statusCode(204);

        JsonPath readers = readers(article);
        assertThat(readers.getList("items.username", String.class)).containsExactly(reader.username());
        assertThat(readers.getList("items.displayName", String.class)).containsExactly("Test viewer " + reader.username());
        assertThat(readers.getMap("items[0]")).containsOnlyKeys("username", "displayName");
    }

    @Test
    void twoTabsOfOneUserAreOneReader() {
        Account reader = newAccount("analyst");
        String token = reader.token();
        Account colleague = newAccount("reviewer");
        String colleagueToken = colleague.token();
        long article = createArticle("Two tabs, one reader.");
        String first = tab();
        String second = tab();

        here(token, article, first).then().statusCode(204);
        here(token, article, second).then().statusCode(204);
        here(token, article, first).then().statusCode(204); // a renewal
        here(colleagueToken, article, tab()).then().statusCode(204);

        assertThat(readers(article).getList("items.username", String.class))
                .containsExactlyInAnyOrder(reader.username(), colleague.username());
    }

    @Test
    void aClosedTabLeavesAndTheLastTabTakesTheUserAway() {
        Account reader = newAccount("analyst");
        String token = reader.token();
        long article = createArticle("Tabs close one by one.");
        String first = tab();
        String second = tab();
        here(token, article, first).then().statusCode(204);
        here(token, article, second).then().statusCode(204);

        gone(token, article, first).then().statusCode(204);
        assertThat(readers(article).getList("items.username", String.class)).containsExactly(reader.username());

        gone(token, article, second).then().statusCode(204);
        assertThat(readers(article).getList("items")).isEmpty();
    }

    @Test
    void joiningAndLeavingAreEachOneEventPerUser() {
        Account reader = newAccount("analyst");
        String token = reader.token();
        long article = createArticle("Events of presence.");
        String first = tab();
        String second = tab();

        try (EventStream stream = EventStream.open(ApiClient.tokenOf("viewer"))) {
            here(token, article, first).then().statusCode(204);
            here(token, article, second).then().statusCode(204);
            here(token, article, first).then().statusCode(204);
            gone(token, article, first).then().statusCode(204);
            gone(token, article, second).then().statusCode(204);

            EventStream.Sse left = stream.await(e -> "presence.left".equals(e.type()) && Long.valueOf(article).equals(e.articleId()),
                    Duration.ofSeconds(10));
            List<EventStream.Sse> aboutArticle = stream.changes().stream()
                    .filter(e -> Long.valueOf(article).equals(e.articleId())).toList();
            assertThat(aboutArticle).extracting(EventStream.Sse::type).containsExactly("presence.joined", "presence.left");
            assertThat(aboutArticle).extracting(EventStream.Sse::actor).containsOnly(reader.username());
            assertThat(left.subjectId()).isEqualTo(reader.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "has space in it", "with/slash/inside", "émoji-tab-😀-id", ""})
    void rejectsAnInvalidClientId(String clientId) {
        long article = createArticle("Invalid tab ids.");

        assertProblem(as("viewer").body(Map.of("clientId", clientId)).put(presence(article)), 400);

        assertThat(readers(article).getList("items")).isEmpty();
    }

    @Test
    void rejectsAMissingOrTooLongClientId() {
        long article = createArticle("Missing tab ids.");

        assertProblem(as("viewer").body(Map.of()).put(presence(article)), 400);
        Map<String, Object> nullId = new HashMap<>();
        nullId.put("clientId", null);
        assertProblem(as("viewer").body(nullId).put(presence(article)), 400);
        assertProblem(as("viewer").body(Map.of("clientId", "a".repeat(65))).put(presence(article)), 400);
        as("viewer").body(Map.of("clientId", "b".repeat(56) + UUID.randomUUID().toString().substring(0, 8)))
                .put(presence(article)).then().statusCode(204);
    }

    @Test
    void unknownArticleIsNotFound() {
        assertProblem(as("viewer").body(Map.of("clientId", tab())).put(presence(987654321L)), 404);
        assertProblem(as("viewer").get(presence(987654321L)), 404);
    }

    @Test
    void rejectsAnotherUsersClientId() {
        Account owner = newAccount("analyst");
        Account other = newAccount("analyst");
        String otherToken = other.token();
        long article = createArticle("Stolen tab ids.");
        String tab = tab();
        here(owner.token(), article, tab).then().statusCode(204);

        assertProblem(here(otherToken, article, tab), 409);
        // Removing it as someone else does nothing.
        gone(otherToken, article, tab);

        assertThat(readers(article).getList("items.username", String.class)).containsExactly(owner.username());
    }

    @Test
    void presenceNeedsAUser() {
        long article = createArticle("Anonymous readers.");

        assertProblem(anonymous().body(Map.of("clientId", tab())).put(presence(article)), 401);
        assertProblem(anonymous().get(presence(article)), 401);
    }

    private static Response here(String token, long article, String clientId) {
        return withToken(token).body(Map.of("clientId", clientId)).put(presence(article));
    }

    private static Response gone(String token, long article, String clientId) {
        return withToken(token).delete(presence(article) + "/" + clientId);
    }

    private static JsonPath readers(long article) {
        return as("viewer").get(presence(article)).then().statusCode(200).extract().jsonPath();
    }

    private static String presence(long article) {
        return "/api/articles/" + article + "/presence";
    }

    /** A new browser tab's id. */
    private static String tab() {
        return "tab-" + UUID.randomUUID();
    }
}
