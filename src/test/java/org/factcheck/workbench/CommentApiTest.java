package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.addComment;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.newClaim;
import static org.factcheck.workbench.ApiClient.usernameFor;
import static org.factcheck.workbench.ApiClient.withToken;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.factcheck.workbench.ApiClient.Account;
import org.junit.jupiter.api.Test;

/** The discussion on a claim, and @mentions. */
@QuarkusTest
class CommentApiTest {

    private static final String CLAIMS = "/api/claims/";
    private static final String COMMENTS = "/api/comments/";

    @Test
    void addsAComment() {
        long claim = newClaim();

        Response added = as("analyst").body(Map.of("body", "Who said 28 first?")).post(comments(claim));

        added.then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .body("claimId", equalTo((int) claim))
                .body("author", equalTo(usernameFor("analyst")))
                .body("authorDisplayName", notNullValue())
                .body("body", equalTo("Who said 28 first?"))
                .body("deleted", equalTo(false))
                .body("edited", equalTo(false))
                .body("createdAt", notNullValue());
        long id = added.jsonPath().getLong("id");
        assertThat(added.header("Location")).endsWith("/api/comments/" + id);
        as("viewer").get(COMMENTS + id).then().statusCode(200).header("ETag", equalTo(added.header("ETag")))
                .body("body", equalTo("Who said 28 first?"));
    }

    @Test
    void rejectsACommentByAViewer() {
        long claim = newClaim();

        assertProblem(as("viewer").body(Map.of("body", "Can I?")).post(comments(claim)), 403);

        as("viewer").get(comments(claim)).then().statusCode(200).body("items", empty());
    }

    @Test
    void commentOnAnUnknownClaimIsNotFound() {
        assertProblem(as("analyst").body(Map.of("body", "Hello?")).post(comments(987654321L)), 404);
        assertProblem(as("viewer").get(comments(987654321L)), 404);
        assertProblem(as("viewer").get(COMMENTS + 987654321L), 404);
    }

    @Test
    void listsCommentsOldestFirst() {
        long claim = newClaim();
        addComment(as("analyst"), claim, "first");
        addComment(as("reviewer"), claim, "second");
        addComment(as("analyst"), claim, "third");

        JsonPath list = as("viewer").get(comments(claim)).then().statusCode(200).extract().jsonPath();

        assertThat(list.getList("items.body", String.class)).containsExactly("first", "second", "third");
        assertThat(list.getList("items.author", String.class))
                .containsExactly(usernameFor("analyst"), usernameFor("reviewer"), usernameFor("analyst"));
        assertThat(list.getList("items.id", Long.class)).isSorted();
    }

    @Test
    void editsOwnCommentWithIfMatch() {
        long claim = newClaim();
        Response added = as("analyst").body(Map.of("body", "Draft wording")).post(comments(claim));
        long id = added.jsonPath().getLong("id");
        String etag = added.header("ETag");

        Response edited = as("analyst").header("If-Match", etag).body(Map.of("body", "Final wording")).patch(COMMENTS + id);

        edited.then()
                .statusCode(200)
                .body("body", equalTo("Final wording"))
                .body("edited", equalTo(true));
        assertThat(edited.header("ETag")).isNotNull().isNotEqualTo(etag);
        as("viewer").get(comments(claim)).then().body("items.body", contains("Final wording"));
    }

    @Test
    void editingRequiresACurrentIfMatch() {
        long claim = newClaim();
        Response added = as("analyst").body(Map.of("body", "v1")).post(comments(claim));
        long id = added.jsonPath().getLong("id");
        String stale = added.header("ETag");
        as("analyst").header("If-Match", stale).body(Map.of("body", "v2")).patch(COMMENTS + id).then().statusCode(200);

        assertProblem(as("analyst").body(Map.of("body", "blind")).patch(COMMENTS + id), 428);
        assertProblem(as("analyst").header("If-Match", stale).body(Map.of("body", "stale")).patch(COMMENTS + id), 412);

        as("viewer").get(COMMENTS + id).then().body("body", equalTo("v2"));
    }

    @Test
    void rejectsEditingSomeoneElsesComment() {
        long claim = newClaim();
        Response added = as("analyst").body(Map.of("body", "Mine")).post(comments(claim));
        long id = added.jsonPath().getLong("id");
        Account other = newAccount("analyst");

        assertProblem(other.bearer().header("If-Match", added.header("ETag")).body(Map.of("body", "Now mine")).patch(COMMENTS + id), 403);
        assertProblem(as("admin").header("If-Match", added.header("ETag")).body(Map.of("body", "Admin's words")).patch(COMMENTS + id), 403);

        as("viewer").get(COMMENTS + id).then().body("body", equalTo("Mine")).body("edited", equalTo(false));
    }

    @Test
    void deletesOwnCommentKeepingItsPlace() {
        long claim = newClaim();
        addComment(as("analyst"), claim, "before");
        Response added = as("analyst").body(Map.of("body", "regrettable")).post(comments(claim));
        long id = added.jsonPath().getLong("id");
        addComment(as("analyst"), claim, "after");

        as("analyst").header("If-Match", added.header("ETag")).delete(COMMENTS + id).then().statusCode(204);

        JsonPath list = as("viewer").get(comments(claim)).then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items.id", Long.class)).hasSize(3).contains(id);
        assertThat(list.getList("items.deleted", Boolean.class)).containsExactly(false, true, false);
        assertThat(list.getString("items[1].body")).isNull();
        assertThat(list.getList("items.body", String.class)).containsExactly("before", null, "after");
        // A deleted comment cannot be deleted or edited again.
        assertProblem(as("analyst").header("If-Match", "*").delete(COMMENTS + id), 404);
        assertProblem(as("analyst").header("If-Match", "*").body(Map.of("body", "back")).patch(COMMENTS + id), 404);
    }

    @Test
    void deletingRequiresIfMatch() {
        long claim = newClaim();
        Response added = as("analyst").body(Map.of("body", "keep me")).post(comments(claim));
        long id = added.jsonPath().getLong("id");
        as("analyst").header("If-Match", added.header("ETag")).body(Map.of("body", "kept")).patch(COMMENTS + id).then().statusCode(200);

        assertProblem(as("analyst").delete(COMMENTS + id), 428);
        assertProblem(as("analyst").header("If-Match", added.header("ETag")).delete(COMMENTS + id), 412);

        as("viewer").get(COMMENTS + id).then().body("deleted", equalTo(false)).body("body", equalTo("kept"));
    }

    @Test
    void rejectsDeletingAnotherAnalystsComment() {
        long claim = newClaim();
        Response added = as("analyst").body(Map.of("body", "Stays")).post(comments(claim));
        long id = added.jsonPath().getLong("id");

        assertProblem(newAccount("analyst").bearer().header("If-Match", added.header("ETag")).delete(COMMENTS + id), 403);
        assertProblem(as("reviewer").header("If-Match", added.header("ETag")).delete(COMMENTS + id), 403);
        assertProblem(as("viewer").header("If-Match", added.header("ETag")).delete(COMMENTS + id), 403);

        as("viewer").get(COMMENTS + id).then().body("deleted", equalTo(false)).body("body", equalTo("Stays"));
    }

    @Test
    void adminMayDeleteAnyComment() {
        long claim = newClaim();
        Response added = as("analyst").body(Map.of("body", "Off-topic")).post(comments(claim));
        long id = added.jsonPath().getLong("id");

        as("admin").header("If-Match", added.header("ETag")).delete(COMMENTS + id).then().statusCode(204);

        as("viewer").get(COMMENTS + id).then().body("deleted", equalTo(true)).body("body", nullValue());
    }

    @Test
    void bodyIsRequired() {
        long claim = newClaim();

        assertProblem(as("analyst").body(Map.of()).post(comments(claim)), 400).body("errors.field", contains("body"));
        assertProblem(as("analyst").body(Map.of("body", " \n\t ")).post(comments(claim)), 400).body("errors.field", contains("body"));
        Map<String, Object> nullBody = new HashMap<>();
        nullBody.put("body", null);
        assertProblem(as("analyst").body(nullBody).post(comments(claim)), 400).body("errors.field", contains("body"));

        as("viewer").get(comments(claim)).then().body("items", empty());
    }

    @Test
    void bodyIsAtMostTenThousandCharacters() {
        long claim = newClaim();
        String longest = "x".repeat(9_999) + "😀"; // 10,000 code points, 10,001 UTF-16 units

        as("analyst").body(Map.of("body", longest)).post(comments(claim)).then().statusCode(201).body("body", equalTo(longest));
        assertProblem(as("analyst").body(Map.of("body", "y".repeat(10_001))).post(comments(claim)), 400)
                .body("errors.field", contains("body"));
        long id = addComment(as("analyst"), claim, "short");
        String etag = as("viewer").get(COMMENTS + id).header("ETag");
        assertProblem(as("analyst").header("If-Match", etag).body(Map.of("body", "z".repeat(10_001))).patch(COMMENTS + id), 400)
                .body("errors.field", contains("body"));

        assertThat(as("viewer").get(comments(claim)).jsonPath().getList("items.body", String.class)).containsExactly(longest, "short");
    }

    @Test
    void storesMarkupVerbatim() {
        long claim = newClaim();
        String markup = "<script>alert('x')</script> <img src=x onerror=alert(1)> & **bold** [link](javascript:alert(1))\nsecond line";

        addComment(as("analyst"), claim, markup);

        as("viewer").get(comments(claim)).then().body("items[0].body", equalTo(markup));
    }

    @Test
    void mentionsAnExistingUser() {
        Account mentioned = newAccount("viewer");
        String token = mentioned.token();
        long claim = newClaim();

        long comment = addComment(as("analyst"), claim, "@" + mentioned.username() + " could you check the figure?");

        as("viewer").get(COMMENTS + comment).then().body("mentions", contains(mentioned.username()));
        JsonPath mentions = withToken(token).get("/api/mentions").then().statusCode(200).extract().jsonPath();
        assertThat(mentions.getInt("unread")).isEqualTo(1);
        assertThat(mentions.getList("items.claimId", Long.class)).containsExactly(claim);
        assertThat(mentions.getList("items.commentId", Long.class)).containsExactly(comment);
        assertThat(mentions.getList("items.author", String.class)).containsExactly(usernameFor("analyst"));
        assertThat(mentions.getList("items.read", Boolean.class)).containsExactly(false);
    }

    @Test
    void marksMentionsOfAClaimRead() {
        Account mentioned = newAccount("analyst");
        String token = mentioned.token();
        long first = newClaim();
        long second = newClaim();
        addComment(as("analyst"), first, "Ping @" + mentioned.username() + ".");
        addComment(as("reviewer"), second, "And @" + mentioned.username() + ", here too");

        withToken(token).queryParam("claimId", first).post("/api/mentions/read").then().statusCode(204);

        JsonPath mentions = withToken(token).get("/api/mentions").then().statusCode(200).extract().jsonPath();
        assertThat(mentions.getInt("unread")).isEqualTo(1);
        assertThat(mentions.getList("items.claimId", Long.class)).containsExactly(second, first);
        assertThat(mentions.getList("items.read", Boolean.class)).containsExactly(false, true);

        withToken(token).post("/api/mentions/read").then().statusCode(204);
        assertThat(withToken(token).get("/api/mentions").jsonPath().getInt("unread")).isZero();
    }

    @Test
    void markingMentionsReadTouchesOnlyOnesOwn() {
        Account one = newAccount("analyst");
        Account other = newAccount("analyst");
        String otherToken = other.token();
        long claim = newClaim();
        addComment(as("analyst"), claim, "@" + one.username() + " and @" + other.username());

        one.bearer().queryParam("claimId", claim).post("/api/mentions/read").then().statusCode(204);

        assertThat(withToken(otherToken).get("/api/mentions").jsonPath().getInt("unread")).isEqualTo(1);
        assertProblem(withToken(otherToken).queryParam("claimId", "abc").post("/api/mentions/read"), 400);
    }

    @Test
    void doesNotMentionTheAuthor() {
        Account author = newAccount("analyst");
        String token = author.token();
        long claim = newClaim();

        long comment = addComment(withToken(token), claim, "Note to self, @" + author.username() + ": check again");

        as("viewer").get(COMMENTS + comment).then().body("mentions", empty());
        withToken(token).get("/api/mentions").then().body("unread", equalTo(0)).body("items", empty());
    }

    @Test
    void doesNotMentionUnknownOrDisabledUsers() {
        Account disabled = newAccount("analyst");
        String disabledName = disabled.username();
        as("admin").body(Map.of("disabled", true)).patch("/api/users/" + disabled.id()).then().statusCode(200);
        long claim = newClaim();

        long comment = addComment(as("analyst"), claim, "@nobody-" + ApiClient.uniqueWord() + " and @" + disabledName + " should look");

        as("viewer").get(COMMENTS + comment).then().body("mentions", empty());
        as("admin").body(Map.of("disabled", false)).patch("/api/users/" + disabled.id()).then().statusCode(200);
        disabled.bearer().get("/api/mentions").then().statusCode(200).body("unread", equalTo(0));
    }

    @Test
    void anEmailAddressIsNotAMention() {
        Account named = newAccount("analyst");
        long claim = newClaim();

        long comment = addComment(as("analyst"), claim, "Write to press@" + named.username() + ".org or a@b.c about it");

        as("viewer").get(COMMENTS + comment).then().body("mentions", empty());
        named.bearer().get("/api/mentions").then().body("unread", equalTo(0));
    }

    @Test
    void mentionsAtTheEndOfASentenceAndInAnyCase() {
        Account named = newAccount("reviewer");
        long claim = newClaim();

        long comment = addComment(as("analyst"), claim, "(cc @" + named.username().toUpperCase() + ").");

        as("viewer").get(COMMENTS + comment).then().body("mentions", contains(named.username()));
    }

    @Test
    void editingMentionsOnlyTheNewlyNamed() {
        Account first = newAccount("analyst");
        Account second = newAccount("analyst");
        String firstToken = first.token();
        String secondToken = second.token();
        long claim = newClaim();
        Response added = as("analyst").body(Map.of("body", "@" + first.username() + " please look")).post(comments(claim));
        long id = added.jsonPath().getLong("id");
        withToken(firstToken).queryParam("claimId", claim).post("/api/mentions/read").then().statusCode(204);

        as("analyst").header("If-Match", added.header("ETag"))
                .body(Map.of("body", "@" + first.username() + " and @" + second.username() + " please look"))
                .patch(COMMENTS + id)
                .then()
                .statusCode(200)
                .body("mentions", org.hamcrest.Matchers.containsInAnyOrder(first.username(), second.username()));

        JsonPath firsts = withToken(firstToken).get("/api/mentions").jsonPath();
        assertThat(firsts.getInt("unread")).isZero();
        assertThat(firsts.getList("items")).hasSize(1);
        JsonPath seconds = withToken(secondToken).get("/api/mentions").jsonPath();
        assertThat(seconds.getInt("unread")).isEqualTo(1);
        assertThat(seconds.getList("items.commentId", Long.class)).containsExactly(id);
    }

    @Test
    void aDeletedCommentsMentionIsGone() {
        Account named = newAccount("analyst");
        String token = named.token();
        long claim = newClaim();
        Response added = as("analyst").body(Map.of("body", "@" + named.username() + " oops")).post(comments(claim));

        as("analyst").header("If-Match", added.header("ETag")).delete(COMMENTS + added.jsonPath().getLong("id")).then().statusCode(204);

        withToken(token).get("/api/mentions").then().body("unread", equalTo(0)).body("items", empty());
    }

    private static String comments(long claim) {
        return CLAIMS + claim + "/comments";
    }
}
