package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.newClaim;
import static org.factcheck.workbench.ApiClient.sendForReview;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.ApiClient.usernameFor;
import static org.factcheck.workbench.ApiClient.withToken;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.factcheck.workbench.ApiClient.Account;
import org.junit.jupiter.api.Test;

/** The review workflow of a claim: open, in progress, in review, published; returning a draft; corrections. */
@QuarkusTest
class ReviewWorkflowTest {

    private static final String CLAIMS = "/api/claims/";

    @Test
    void aProposedVerdictMovesAnOpenClaimInProgress() {
        long claim = newClaim();
        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("open"));

        setVerdict("analyst", claim, "false", "Three sources contradict it.")
                .then()
                .statusCode(200)
                .body("status", equalTo("in_progress"))
                .body("verdict.state", equalTo("draft"));

        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("in_progress"));
    }

    @Test
    void sendsADraftForReview() {
        long claim = newClaim();
        setVerdict("analyst", claim, "mixed", "Partly right.").then().statusCode(200);

        as("analyst").header("If-Match", etagOf(claim)).body(Map.of("status", "in_review")).patch(CLAIMS + claim)
                .then()
                .statusCode(200)
                .body("status", equalTo("in_review"))
                .body("verdict.state", equalTo("draft"));

        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("in_review"));
    }

    @Test
    void rejectsSendingForReviewWithoutADraftVerdict() {
        long claim = newClaim();

        assertProblem(as("analyst").header("If-Match", etagOf(claim)).body(Map.of("status", "in_review"))
                .patch(CLAIMS + claim), 409);

        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("open"));
    }

    @Test
    void rejectsSendingAPublishedVerdictForReview() {
        long claim = publishedClaim("true", "Confirmed by the ministry.");

        assertProblem(as("analyst").header("If-Match", etagOf(claim)).body(Map.of("status", "in_review"))
                .patch(CLAIMS + claim), 409);

        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("published"));
    }

    @Test
    void rejectsSettingStatusPublishedDirectly() {
        long claim = newClaim();
        setVerdict("analyst", claim, "false", "No.").then().statusCode(200);
        sendForReview(claim);

        assertProblem(as("reviewer").header("If-Match", etagOf(claim)).body(Map.of("status", "published"))
                .patch(CLAIMS + claim), 400)
                .body("errors.field", contains("status"));

        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("in_review")).body("publishedVerdict", nullValue());
    }

    @Test
    void rejectsPublishingAClaimNotInReview() {
        long claim = newClaim();
        setVerdict("analyst", claim, "mostly-true", "Roughly right.").then().statusCode(200);

        assertProblem(publish(as("reviewer"), claim), 409);

        as("viewer").get(CLAIMS + claim).then()
                .body("status", equalTo("in_progress"))
                .body("verdict.state", equalTo("draft"))
                .body("publishedVerdict", nullValue());
    }

    @Test
    void rejectsPublishingAnOpenClaim() {
        long claim = newClaim();

        assertProblem(publish(as("reviewer"), claim), 409);

        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("open"));
    }

    @Test
    void reviewerPublishesAClaimInReview() {
        long claim = claimInReview("false", "Contradicted by three sources.");

        publish(as("reviewer"), claim)
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("verdict.state", equalTo("published"))
                .body("verdict.publishedBy", equalTo(usernameFor("reviewer")))
                .body("publishedVerdict.revision", equalTo(1));
    }

    @Test
    void adminMayPublish() {
        long claim = claimInReview("mixed", "Half of it holds.");

        publish(as("admin"), claim)
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("verdict.publishedBy", equalTo("admin"));
    }

    @Test
    void rejectsPublishingByAnalystsAndViewers() {
        long claim = claimInReview("false", "No.");

        assertProblem(publish(as("analyst"), claim), 403);
        assertProblem(publish(as("viewer"), claim), 403);

        as("viewer").get(CLAIMS + claim).then()
                .body("status", equalTo("in_review"))
                .body("verdict.state", equalTo("draft"))
                .body("publishedVerdict", nullValue());
    }

    @Test
    void rejectsPublishingOwnVerdict() {
        Account reviewer = newAccount("reviewer");
        String token = reviewer.token();
        long claim = newClaim();
        withToken(token).header("If-Match", etagOf(claim)).body(Map.of("rating", "misleading", "explanation", "Mine."))
                .put(CLAIMS + claim + "/verdict").then().statusCode(200);
        sendForReview(claim);

        assertProblem(publish(withToken(token), claim), 403)
                .body("type", equalTo("urn:workbench:problem:forbidden"));

        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("in_review")).body("verdict.state", equalTo("draft"));
    }

    @Test
    void rejectsPublishingOwnVerdictAsAdmin() {
        Account admin = newAccount("admin");
        String token = admin.token();
        long claim = newClaim();
        withToken(token).header("If-Match", etagOf(claim)).body(Map.of("rating", "unproven", "explanation", "Admin's own."))
                .put(CLAIMS + claim + "/verdict").then().statusCode(200);
        sendForReview(claim);

        assertProblem(publish(withToken(token), claim), 403);

        publish(as("reviewer"), claim).then().statusCode(200).body("verdict.publishedBy", equalTo(usernameFor("reviewer")));
    }

    @Test
    void reviewerMayPublishACorrectionOfTheirEarlierRevisionWrittenBySomeoneElse() {
        Account reviewer = newAccount("reviewer");
        String token = reviewer.token();
        long claim = newClaim();
        withToken(token).header("If-Match", etagOf(claim)).body(Map.of("rating", "true", "explanation", "First take."))
                .put(CLAIMS + claim + "/verdict").then().statusCode(200);
        setVerdict("analyst", claim, "mostly-true", "The analyst's revision.").then().statusCode(200);
        sendForReview(claim);

        publish(withToken(token), claim)
                .then()
                .statusCode(200)
                .body("publishedVerdict.revision", equalTo(2))
                .body("publishedVerdict.author", equalTo(usernameFor("analyst")))
                .body("publishedVerdict.publishedBy", equalTo(reviewer.username()));
    }

    @Test
    void returnsADraftWithAComment() {
        long claim = claimInReview("false", "Weak sourcing.");
        String comment = "Needs a second source for the casualty figure. <b>Markup</b> stays text.";

        Response returned = as("reviewer").header("If-Match", etagOf(claim)).body(Map.of("comment", comment))
                .post(CLAIMS + claim + "/verdict/return");

        returned.then()
                .statusCode(200)
                .body("status", equalTo("in_progress"))
                .body("verdict.state", equalTo("draft"))
                .body("verdict.rating", equalTo("false"));
        assertThat(returned.header("ETag")).isEqualTo(etagOf(claim));
        JsonPath comments = as("viewer").get(CLAIMS + claim + "/comments").then().statusCode(200).extract().jsonPath();
        assertThat(comments.getList("items.body", String.class)).containsExactly(comment);
        assertThat(comments.getString("items[0].author")).isEqualTo(usernameFor("reviewer"));

        // The analyst revises and sends it again; another round can end in publication.
        setVerdict("analyst", claim, "mostly-false", "Two sources now.").then().statusCode(200).body("status", equalTo("in_progress"));
        sendForReview(claim);
        publish(as("reviewer"), claim).then().statusCode(200).body("publishedVerdict.revision", equalTo(2));
    }

    @Test
    void returningNeedsAComment() {
        long claim = claimInReview("false", "No.");

        assertProblem(as("reviewer").header("If-Match", etagOf(claim)).body(Map.of()).post(CLAIMS + claim + "/verdict/return"), 400)
                .body("errors.field", hasItem("comment"));
        assertProblem(as("reviewer").header("If-Match", etagOf(claim)).body(Map.of("comment", "  \n ")).post(CLAIMS + claim + "/verdict/return"), 400)
                .body("errors.field", hasItem("comment"));
        Map<String, Object> nullComment = new HashMap<>();
        nullComment.put("comment", null);
        assertProblem(as("reviewer").header("If-Match", etagOf(claim)).body(nullComment).post(CLAIMS + claim + "/verdict/return"), 400)
                .body("errors.field", hasItem("comment"));

        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("in_review"));
        as("viewer").get(CLAIMS + claim + "/comments").then().body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void rejectsATooLongReturnComment() {
        long claim = claimInReview("false", "No.");

        assertProblem(as("reviewer").header("If-Match", etagOf(claim)).body(Map.of("comment", "x".repeat(10_001)))
                .post(CLAIMS + claim + "/verdict/return"), 400)
                .body("errors.field", contains("comment"));

        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("in_review"));
        as("viewer").get(CLAIMS + claim + "/comments").then().body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void returningNeedsAClaimInReview() {
        long claim = newClaim();
        setVerdict("analyst", claim, "false", "Not sent yet.").then().statusCode(200);

        assertProblem(as("reviewer").header("If-Match", etagOf(claim)).body(Map.of("comment", "Why?"))
                .post(CLAIMS + claim + "/verdict/return"), 409);

        long published = publishedClaim("true", "Done.");
        assertProblem(as("reviewer").header("If-Match", etagOf(published)).body(Map.of("comment", "Too late"))
                .post(CLAIMS + published + "/verdict/return"), 409);

        as("viewer").get(CLAIMS + claim + "/comments").then().body("items", org.hamcrest.Matchers.empty());
        as("viewer").get(CLAIMS + published).then().body("status", equalTo("published"));
    }

    @Test
    void rejectsReturningByAnAnalyst() {
        long claim = claimInReview("false", "No.");

        assertProblem(as("analyst").header("If-Match", etagOf(claim)).body(Map.of("comment", "I'd rather not"))
                .post(CLAIMS + claim + "/verdict/return"), 403);
        assertProblem(as("viewer").header("If-Match", etagOf(claim)).body(Map.of("comment", "Me neither"))
                .post(CLAIMS + claim + "/verdict/return"), 403);

        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("in_review"));
    }

    @Test
    void returningRequiresACurrentIfMatch() {
        long claim = newClaim();
        setVerdict("analyst", claim, "false", "No.").then().statusCode(200);
        String stale = etagOf(claim);
        sendForReview(claim);

        assertProblem(as("reviewer").body(Map.of("comment", "blind")).post(CLAIMS + claim + "/verdict/return"), 428);
        assertProblem(as("reviewer").header("If-Match", stale).body(Map.of("comment", "stale"))
                .post(CLAIMS + claim + "/verdict/return"), 412);

        as("viewer").get(CLAIMS + claim).then().body("status", equalTo("in_review"));
        as("viewer").get(CLAIMS + claim + "/comments").then().body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void aCorrectionIsADraftUntilItIsPublished() {
        long claim = publishedClaim("false", "First assessment.");

        setVerdict("analyst", claim, "mostly-false", "Corrected after new evidence.")
                .then()
                .statusCode(200)
                .body("status", equalTo("in_progress"))
                .body("verdict.revision", equalTo(2))
                .body("verdict.state", equalTo("draft"))
                .body("publishedVerdict.revision", equalTo(1))
                .body("publishedVerdict.rating", equalTo("false"))
                .body("publishedVerdict.state", equalTo("published"));

        sendForReview(claim);
        as("viewer").get(CLAIMS + claim).then()
                .body("status", equalTo("in_review"))
                .body("publishedVerdict.revision", equalTo(1));

        publish(as("reviewer"), claim)
                .then()
                .statusCode(200)
                .body("status", equalTo("published"))
                .body("verdict.revision", equalTo(2))
                .body("publishedVerdict.revision", equalTo(2))
                .body("publishedVerdict.rating", equalTo("mostly-false"));
    }

    @Test
    void listsEveryRevisionOldestFirst() {
        long claim = publishedClaim("false", "First.");
        setVerdict("analyst", claim, "mostly-false", "Second.").then().statusCode(200);
        setVerdict("analyst", claim, "mixed", "Third.").then().statusCode(200);

        JsonPath revisions = as("viewer").get(CLAIMS + claim + "/verdicts").then().statusCode(200).extract().jsonPath();

        assertThat(revisions.getList("items.revision", Integer.class)).containsExactly(1, 2, 3);
        assertThat(revisions.getList("items.rating", String.class)).containsExactly("false", "mostly-false", "mixed");
        assertThat(revisions.getList("items.explanation", String.class)).containsExactly("First.", "Second.", "Third.");
        assertThat(revisions.getList("items.state", String.class)).containsExactly("published", "draft", "draft");
        assertThat(revisions.getString("items[0].publishedBy")).isEqualTo(usernameFor("reviewer"));
        assertThat(revisions.getList("items.author", String.class)).containsOnly(usernameFor("analyst"));
    }

    @Test
    void readsAPastRevision() {
        long claim = publishedClaim("false", "First.");
        setVerdict("analyst", claim, "true", "Reversed.").then().statusCode(200);

        as("viewer").get(CLAIMS + claim + "/verdicts/1")
                .then()
                .statusCode(200)
                .body("revision", equalTo(1))
                .body("rating", equalTo("false"))
                .body("explanation", equalTo("First."))
                .body("state", equalTo("published"))
                .body("publishedBy", equalTo(usernameFor("reviewer")));
        as("viewer").get(CLAIMS + claim + "/verdicts/2")
                .then()
                .statusCode(200)
                .body("rating", equalTo("true"))
                .body("state", equalTo("draft"))
                .body("publishedAt", nullValue());
    }

    @Test
    void unknownRevisionIsNotFound() {
        long claim = newClaim();
        setVerdict("analyst", claim, "false", "Only one.").then().statusCode(200);

        assertProblem(as("viewer").get(CLAIMS + claim + "/verdicts/2"), 404);
        assertProblem(as("viewer").get(CLAIMS + claim + "/verdicts/0"), 404);
        assertProblem(as("viewer").get(CLAIMS + "987654321/verdicts"), 404);
        assertProblem(as("viewer").get(CLAIMS + "987654321/verdicts/1"), 404);
        as("viewer").get(CLAIMS + newClaim() + "/verdicts").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    private static Response publish(RequestSpecification as, long claim) {
        return as.header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish");
    }

    private static long claimInReview(String rating, String explanation) {
        long claim = newClaim();
        setVerdict("analyst", claim, rating, explanation).then().statusCode(200);
        sendForReview(claim);
        return claim;
    }

    private static long publishedClaim(String rating, String explanation) {
        long claim = claimInReview(rating, explanation);
        publish(as("reviewer"), claim).then().statusCode(200);
        return claim;
    }
}
