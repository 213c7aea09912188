package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.newClaim;
import static org.factcheck.workbench.ApiClient.withToken;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.factcheck.workbench.ApiClient.Account;
import org.junit.jupiter.api.Test;

/** GET /api/claims/{id}/history: the audit trail of a claim, oldest first, with who, when, what and how. */
@QuarkusTest
class ClaimHistoryTest {

    private static final String CLAIMS = "/api/claims/";
    private static final String QUOTE = "The SDF said that 28 fighters died";

    @Test
    void recordsTheWholeReviewCycleInOrder() {
        Account analyst = newAccount("analyst");
        Account reviewer = newAccount("reviewer");
        Account publisher = newAccount("reviewer");
        String a = analyst.token();
        String r = reviewer.token();
        String p = publisher.token();
        long article = createArticle(QUOTE + ".");

        long claim = withToken(a).body(Map.of("start", 0, "end", QUOTE.length(), "exact", QUOTE))
                .post("/api/articles/" + article + "/annotations").then().statusCode(201).extract().jsonPath().getLong("claimId");
        withToken(a).header("If-Match", etagOf(claim)).body(Map.of("statement", "28 SDF fighters died"))
                .patch(CLAIMS + claim).then().statusCode(200);
        withToken(a).header("If-Match", etagOf(claim)).body(Map.of("rating", "false", "explanation", "Others say 45."))
                .put(CLAIMS + claim + "/verdict").then().statusCode(200);
        withToken(a).body(Map.of("url", "https://example.org/report", "stance", "refutes"))
                .post(CLAIMS + claim + "/evidence").then().statusCode(201);
        withToken(a).body(Map.of("body", "Ready for a look.")).post(CLAIMS + claim + "/comments").then().statusCode(201);
        withToken(a).header("If-Match", etagOf(claim)).body(Map.of("status", "in_review"))
                .patch(CLAIMS + claim).then().statusCode(200);
        withToken(r).header("If-Match", etagOf(claim)).body(Map.of("comment", "Mostly false, not false."))
                .post(CLAIMS + claim + "/verdict/return").then().statusCode(200);
        withToken(a).header("If-Match", etagOf(claim)).body(Map.of("rating", "mostly-false", "explanation", "28 of 45."))
                .put(CLAIMS + claim + "/verdict").then().statusCode(200);
        withToken(a).header("If-Match", etagOf(claim)).body(Map.of("status", "in_review"))
                .patch(CLAIMS + claim).then().statusCode(200);
        withToken(p).header("If-Match", etagOf(claim)).post(CLAIMS + claim + "/verdict/publish").then().statusCode(200);

        JsonPath history = as("viewer").get(CLAIMS + claim + "/history").then().statusCode(200).extract().jsonPath();

        assertThat(history.getList("items.type", String.class)).containsExactly(
                "claim.created", "annotation.created", "claim.updated", "verdict.updated", "evidence.added",
                "comment.added", "claim.updated", "comment.added", "verdict.returned", "verdict.updated",
                "claim.updated", "verdict.published");
        String an = analyst.username();
        String re = reviewer.username();
        assertThat(history.getList("items.actor", String.class)).containsExactly(
                an, an, an, an, an, an, an, re, re, an, an, publisher.username());
        assertThat(history.getString("nextCursor")).isNull();

        List<Instant> times = history.getList("items.at", String.class).stream().map(Instant::parse).toList();
        assertThat(times).isSortedAccordingTo(Instant::compareTo);

        // The statement's change
        assertThat(history.getString("items[2].changes.statement.from")).isEqualTo(QUOTE);
        assertThat(history.getString("items[2].changes.statement.to")).isEqualTo("28 SDF fighters died");
        assertThat(history.getMap("items[2].changes")).containsOnlyKeys("statement");
        // The first verdict: nothing before it
        assertThat(history.getString("items[3].changes.rating.from")).isNull();
        assertThat(history.getString("items[3].changes.rating.to")).isEqualTo("false");
        assertThat(history.getInt("items[3].changes.revision.to")).isEqualTo(1);
        // Evidence and comments
        assertThat(history.getString("items[4].changes.url.to")).isEqualTo("https://example.org/report");
        assertThat(history.getString("items[5].changes.body.to")).isEqualTo("Ready for a look.");
        // Sent for review
        assertThat(history.getMap("items[6].changes")).containsOnlyKeys("status");
        assertThat(history.getString("items[6].changes.status.from")).isEqualTo("in_progress");
        assertThat(history.getString("items[6].changes.status.to")).isEqualTo("in_review");
        // Returned with a comment
        assertThat(history.getString("items[7].changes.body.to")).isEqualTo("Mostly false, not false.");
        assertThat(history.getString("items[8].changes.status.from")).isEqualTo("in_review");
        assertThat(history.getString("items[8].changes.status.to")).isEqualTo("in_progress");
        // The corrected verdict
        assertThat(history.getString("items[9].changes.rating.from")).isEqualTo("false");
        assertThat(history.getString("items[9].changes.rating.to")).isEqualTo("mostly-false");
        assertThat(history.getString("items[9].changes.explanation.from")).isEqualTo("Others say 45.");
        assertThat(history.getString("items[9].changes.explanation.to")).isEqualTo("28 of 45.");
        assertThat(history.getInt("items[9].changes.revision.from")).isEqualTo(1);
        assertThat(history.getInt("items[9].changes.revision.to")).isEqualTo(2);
        // Published
        assertThat(history.getString("items[10].changes.status.from")).isEqualTo("in_progress");
        assertThat(history.getString("items[10].changes.status.to")).isEqualTo("in_review");
        assertThat(history.getInt("items[11].changes.revision.to")).isEqualTo(2);
        assertThat(history.getString("items[11].changes.rating.to")).isEqualTo("mostly-false");
        assertThat(history.getString("items[11].changes.publishedAt.to")).isNotNull();
    }

    @Test
    void historyOfAnUnknownClaimIsNotFound() {
        assertProblem(as("viewer").get(CLAIMS + "987654321/history"), 404);
    }

    @Test
    void viewerMayReadTheHistory() {
        long claim = newClaim();

        as("viewer").get(CLAIMS + claim + "/history").then().statusCode(200);
        JsonPath history = as("viewer").get(CLAIMS + claim + "/history").then().extract().jsonPath();
        assertThat(history.getList("items.type", String.class)).containsExactly("claim.created", "annotation.created");
    }

    @Test
    void pagesForwardWithLimitAndCursor() {
        long claim = newClaim();
        for (int i = 1; i <= 6; i++) {
            as("analyst").header("If-Match", etagOf(claim)).body(Map.of("claimant", "Claimant " + i))
                    .patch(CLAIMS + claim).then().statusCode(200);
        }
        JsonPath all = as("viewer").get(CLAIMS + claim + "/history").then().statusCode(200).extract().jsonPath();
        List<Long> allIds = all.getList("items.id", Long.class);
        assertThat(allIds).hasSize(8);

        List<Long> paged = new ArrayList<>();
        List<String> claimants = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as("viewer").queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(CLAIMS + claim + "/history").then().statusCode(200).extract().jsonPath();
            List<Long> ids = page.getList("items.id", Long.class);
            assertThat(ids).hasSizeLessThanOrEqualTo(3).isNotEmpty();
            paged.addAll(ids);
            for (int i = 0; i < ids.size(); i++) {
                String to = page.getString("items[" + i + "].changes.claimant.to");
                if (to != null) {
                    claimants.add(to);
                }
            }
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(allIds);
        assertThat(new HashSet<>(paged)).hasSize(paged.size());
        assertThat(claimants).containsExactly("Claimant 1", "Claimant 2", "Claimant 3", "Claimant 4", "Claimant 5", "Claimant 6");
    }

    @Test
    void rejectsABadLimitOrCursor() {
        long claim = newClaim();

        assertProblem(as("viewer").queryParam("limit", 0).get(CLAIMS + claim + "/history"), 400);
        assertProblem(as("viewer").queryParam("limit", "many").get(CLAIMS + claim + "/history"), 400);
        assertProblem(as("viewer").queryParam("cursor", "not-a-cursor").get(CLAIMS + claim + "/history"), 400);
    }
}
