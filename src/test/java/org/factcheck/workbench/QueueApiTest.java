package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.addEvidence;
import static org.factcheck.workbench.ApiClient.anonymous;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.claimFrom;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.newClaim;
import static org.factcheck.workbench.ApiClient.sendForReview;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.ApiClient.uniqueWord;
import static org.factcheck.workbench.ApiClient.usernameFor;
import static org.factcheck.workbench.ApiClient.withToken;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.factcheck.workbench.ApiClient.Account;
import org.junit.jupiter.api.Test;

/** The desk's queues: assignees, "my claims", the review queue, ordering by activity, and the directory. */
@QuarkusTest
class QueueApiTest {

    private static final String CLAIMS = "/api/claims";

    @Test
    void assignsAClaimByUsername() {
        long claim = newClaim();
        Account assignee = newAccount("analyst");

        assign(claim, assignee.username().toUpperCase())
                .then()
                .statusCode(200)
                .body("assignee", equalTo(assignee.username()));

        as("viewer").get(CLAIMS + "/" + claim).then().body("assignee", equalTo(assignee.username()));
    }

    @Test
    void reviewersAndAdminsMayBeAssigned() {
        long claim = newClaim();

        assign(claim, usernameFor("reviewer")).then().statusCode(200).body("assignee", equalTo(usernameFor("reviewer")));
        assign(claim, "admin").then().statusCode(200).body("assignee", equalTo("admin"));
    }

    @Test
    void rejectsAnUnknownAssignee() {
        long claim = newClaim();

        assertProblem(assign(claim, "nobody-" + uniqueWord()), 400).body("errors.field", contains("assignee"));

        as("viewer").get(CLAIMS + "/" + claim).then().body("assignee", nullValue());
    }

    @Test
    void rejectsAViewerAsAssignee() {
        long claim = newClaim();

        assertProblem(assign(claim, usernameFor("viewer")), 400).body("errors.field", contains("assignee"));

        as("viewer").get(CLAIMS + "/" + claim).then().body("assignee", nullValue());
    }

    @Test
    void rejectsADisabledAssignee() {
        long claim = newClaim();
        Account gone = newAccount("analyst");
        as("admin").body(Map.of("disabled", true)).patch("/api/users/" + gone.id()).then().statusCode(200);

        assertProblem(assign(claim, gone.username()), 400).body("errors.field", contains("assignee"));
    }

    @Test
    void nullClearsTheAssignee() {
        long claim = newClaim();
        assign(claim, usernameFor("analyst")).then().statusCode(200);

        assign(claim, null).then().statusCode(200).body("assignee", nullValue());

        as("viewer").get(CLAIMS + "/" + claim).then().body("assignee", nullValue());
    }

    @Test
    void listsTheCallersOwnClaims() {
        Account me = newAccount("analyst");
        String token = me.token();
        long first = newClaim();
        long second = newClaim();
        long someoneElses = newClaim();
        assign(first, me.username()).then().statusCode(200);
        assign(second, me.username()).then().statusCode(200);
        assign(someoneElses, usernameFor("analyst")).then().statusCode(200);

        JsonPath mine = withToken(token).queryParam("assignee", "me").get(CLAIMS).then().statusCode(200).extract().jsonPath();

        assertThat(mine.getList("items.id", Long.class)).containsExactly(second, first);
        assertThat(mine.getList("items.assignee", String.class)).containsOnly(me.username());
        assertThat(mine.getString("nextCursor")).isNull();
        // The same list by name, as a colleague sees it
        assertThat(as("viewer").queryParam("assignee", me.username()).get(CLAIMS).jsonPath().getList("items.id", Long.class))
                .containsExactly(second, first);
        // Someone with nothing assigned
        assertThat(newAccount("reviewer").bearer().queryParam("assignee", "me").get(CLAIMS).then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void summariesNameTheArticleOfTheClaimsFirstHighlight() {
        Account me = newAccount("analyst");
        String title = "سوريا: <b>28</b> or 45? \u202Eevil\u202C 👩🏽‍💻 e\u0301 " + uniqueWord();
        String quote = "Twenty-eight SDF members were killed";
        long first = createArticle(title, "Intro. " + quote + ".");
        long claim = claimFrom(first, 7, 7 + quote.length(), quote);
        // a second highlight of the same claim in a newer article does not change where the claim is opened
        long second = createArticle("Later coverage " + uniqueWord(), quote + " again.");
        as("analyst").body(Map.of("start", 0, "end", quote.length(), "exact", quote, "claimId", claim))
                .post("/api/articles/" + second + "/annotations").then().statusCode(201);
        assign(claim, me.username()).then().statusCode(200);

        JsonPath mine = me.bearer().queryParam("assignee", "me").get(CLAIMS).then().statusCode(200).extract().jsonPath();

        assertThat(mine.getList("items.id", Long.class)).containsExactly(claim);
        assertThat(mine.getLong("items[0].firstArticleId")).isEqualTo(first);
        String stored = as("viewer").get("/api/articles/" + first).then().statusCode(200).extract().path("title");
        assertThat(stored).contains("<b>28</b>", "👩🏽‍💻", "سوريا");
        assertThat(mine.getString("items[0].firstArticleTitle")).isEqualTo(stored);
        assertThat(mine.getLong("items[0].annotationCount")).isEqualTo(2);
    }

    @Test
    void sortsByLastActivityNewestFirst() {
        Account owner = newAccount("analyst");
        List<Long> claims = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long claim = newClaim();
            assign(claim, owner.username()).then().statusCode(200);
            claims.add(claim);
        }

        assertThat(activity(owner.username())).containsExactly(claims.get(2), claims.get(1), claims.get(0));

        addEvidence(claims.get(0), "https://example.org/new-source");

        assertThat(activity(owner.username())).containsExactly(claims.get(0), claims.get(2), claims.get(1));
        // The default order is still newest claim first.
        assertThat(as("viewer").queryParam("assignee", owner.username()).get(CLAIMS).jsonPath().getList("items.id", Long.class))
                .containsExactly(claims.get(2), claims.get(1), claims.get(0));
    }

    @Test
    void commentsAndVerdictsCountAsActivity() {
        Account owner = newAccount("analyst");
        long a = newClaim();
        long b = newClaim();
        long c = newClaim();
        for (long claim : List.of(a, b, c)) {
            assign(claim, owner.username()).then().statusCode(200);
        }

        ApiClient.addComment(as("analyst"), a, "Still on it.");
        assertThat(activity(owner.username())).containsExactly(a, c, b);

        setVerdict("analyst", b, "false", "No.").then().statusCode(200);
        assertThat(activity(owner.username())).containsExactly(b, a, c);
    }

    @Test
    void pagesThroughTheActivityOrderWithoutGapsOrRepeats() {
        Account owner = newAccount("analyst");
        List<Long> claims = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long claim = newClaim();
            assign(claim, owner.username()).then().statusCode(200);
            claims.add(claim);
        }
        addEvidence(claims.get(1), "https://example.org/touch");
        List<Long> expected = List.of(claims.get(1), claims.get(4), claims.get(3), claims.get(2), claims.get(0));
        assertThat(activity(owner.username())).containsExactlyElementsOf(expected);

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = as("viewer").queryParam("assignee", owner.username())
                    .queryParam("sort", "activity").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(CLAIMS).then().statusCode(200).extract().jsonPath();
            List<Long> ids = page.getList("items.id", Long.class);
            assertThat(ids).hasSizeBetween(1, 2);
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(new HashSet<>(seen)).hasSize(seen.size());
    }

    @Test
    void pagesThroughEveryClaimByActivity() {
        // Across the whole table, where many claims share nothing but their order: each appears once.
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = as("viewer").queryParam("sort", "activity").queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(CLAIMS).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 500);

        assertThat(cursor).isNull();
        assertThat(new HashSet<>(seen)).hasSize(seen.size());
        List<Long> all = new ArrayList<>();
        String idCursor = null;
        do {
            RequestSpecification request = as("viewer").queryParam("limit", 500);
            if (idCursor != null) {
                request.queryParam("cursor", idCursor);
            }
            JsonPath page = request.get(CLAIMS).then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items.id", Long.class));
            idCursor = page.getString("nextCursor");
        } while (idCursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void rejectsAnUnknownSort() {
        assertProblem(as("viewer").queryParam("sort", "bogus").get(CLAIMS), 400).body("errors.field", contains("sort"));
        assertProblem(as("viewer").queryParam("sort", "activity").queryParam("cursor", "garbage").get(CLAIMS), 400)
                .body("errors.field", contains("cursor"));
    }

    @Test
    void listsTheReviewQueue() {
        String word = uniqueWord();
        long inReview = claimAbout(word);
        setVerdict("analyst", inReview, "false", "No.").then().statusCode(200);
        sendForReview(inReview);
        long inProgress = claimAbout(word);
        setVerdict("analyst", inProgress, "true", "Yes.").then().statusCode(200);
        long open = claimAbout(word);

        JsonPath queue = as("viewer").queryParam("status", "in_review").queryParam("q", word).get(CLAIMS)
                .then().statusCode(200).extract().jsonPath();

        assertThat(queue.getList("items.id", Long.class)).containsExactly(inReview);
        assertThat(queue.getString("items[0].verdict.state")).isEqualTo("draft");
        assertThat(as("viewer").queryParam("q", word).get(CLAIMS).jsonPath().getList("items.id", Long.class))
                .containsExactly(open, inProgress, inReview);
        JsonPath whole = as("reviewer").queryParam("status", "in_review").queryParam("limit", 500).get(CLAIMS)
                .then().statusCode(200).extract().jsonPath();
        assertThat(whole.getList("items.status", String.class)).isNotEmpty().containsOnly("in_review");
        assertThat(whole.getList("items.id", Long.class)).contains(inReview).doesNotContain(inProgress, open);

        // Once published it leaves the queue.
        as("reviewer").header("If-Match", etagOf(inReview)).post(CLAIMS + "/" + inReview + "/verdict/publish").then().statusCode(200);
        assertThat(as("viewer").queryParam("status", "in_review").queryParam("q", word).get(CLAIMS).jsonPath().getList("items"))
                .isEmpty();
    }

    @Test
    void rejectsAnUnknownStatusFilter() {
        assertProblem(as("viewer").queryParam("status", "waiting").get(CLAIMS), 400).body("errors.field", contains("status"));
    }

    @Test
    void directoryListsActiveUsersWithoutSecrets() {
        Account active = newAccount("reviewer");
        Account disabled = newAccount("analyst");
        as("admin").body(Map.of("disabled", true)).patch("/api/users/" + disabled.id()).then().statusCode(200);

        String raw = as("viewer").get("/api/directory").then().statusCode(200).extract().asString();
        JsonPath directory = JsonPath.from(raw);

        List<Map<String, Object>> items = directory.getList("items");
        assertThat(items).isNotEmpty();
        assertThat(items).allSatisfy(member -> assertThat(member).containsOnlyKeys("username", "displayName", "role"));
        assertThat(directory.getList("items.username", String.class))
                .contains(active.username(), "admin", usernameFor("viewer"))
                .doesNotContain(disabled.username());
        Map<String, Object> member = items.stream().filter(m -> active.username().equals(m.get("username"))).findFirst().orElseThrow();
        assertThat(member).containsEntry("role", "reviewer").containsEntry("displayName", "Test reviewer " + active.username());
        assertThat(raw).doesNotContainIgnoringCase("password").doesNotContain("$2a$").doesNotContain("$2b$").doesNotContain("$2y$");
        assertThat(raw).doesNotContainIgnoringCase("hash").doesNotContain("wbt_");
    }

    @Test
    void directoryNeedsAUser() {
        assertProblem(anonymous().get("/api/directory"), 401);
    }

    private static io.restassured.response.Response assign(long claim, String username) {
        Map<String, Object> body = new HashMap<>();
        body.put("assignee", username);
        return as("analyst").header("If-Match", etagOf(claim)).body(body).patch(CLAIMS + "/" + claim);
    }

    private static List<Long> activity(String assignee) {
        return as("viewer").queryParam("assignee", assignee).queryParam("sort", "activity").get(CLAIMS)
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
    }

    /** A new claim whose statement holds the word, so that {@code q} finds it and nothing else. */
    private static long claimAbout(String word) {
        long claim = newClaim();
        as("analyst").header("If-Match", etagOf(claim)).body(Map.of("statement", "The " + word + " claim"))
                .patch(CLAIMS + "/" + claim).then().statusCode(200);
        return claim;
    }
}
