package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.annotate;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.claimFrom;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.newAccount;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.ApiClient.uniqueWord;
import static org.factcheck.workbench.ApiClient.usernameFor;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.factcheck.workbench.ApiClient.Account;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClaimApiTest {

    private static final String CLAIMS = "/api/claims";
    private static final String TEXT = "The SDF said that 28 fighters died. Russia's Ministry of Defense reports 45 dead. "
            + "Rojda Felat claimed that 100 ISIS terrorists attacked. US special forces are north of Deir ez-Zor.";
    private static final String[] QUOTES = {"The SDF said that 28 fighters died", "Russia's Ministry of Defense reports 45 dead",
            "Rojda Felat claimed that 100 ISIS terrorists attacked", "US special forces are north of Deir ez-Zor"};

    @Test
    void readsAClaimWithItsETag() {
        long article = createArticle(TEXT);
        long claim = highlight(article, 0);

        Response read = as("viewer").get(CLAIMS + "/" + claim);

        read.then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("id", equalTo((int) claim))
                .body("statement", equalTo(QUOTES[0]))
                .body("claimant", nullValue())
                .body("status", equalTo("open"))
                .body("verdict", nullValue())
                .body("evidence", hasSize(0))
                .body("annotations", hasSize(1))
                .body("annotations[0].articleId", equalTo((int) article))
                .body("annotations[0].exact", equalTo(QUOTES[0]))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());
        assertThat(read.header("ETag")).matches("(W/)?\"[^\"]+\"");
    }

    @Test
    void patchesEveryFieldWithIfMatch() {
        long claim = highlight(createArticle(TEXT), 1);
        Account assignee = newAccount("analyst");
        String etag = etagOf(claim);

        Response patched = as("analyst").header("If-Match", etag)
                .body(Map.of("statement", "Russia says 45 SDF fighters died", "claimant", "Russia's Ministry of Defense",
                        "claimDate", "2017-09-27", "status", "in_progress", "assignee", assignee.username()))
                .patch(CLAIMS + "/" + claim);

        patched.then()
                .statusCode(200)
                .body("statement", equalTo("Russia says 45 SDF fighters died"))
                .body("claimant", equalTo("Russia's Ministry of Defense"))
                .body("claimDate", equalTo("2017-09-27"))
                .body("status", equalTo("in_progress"))
                .body("assignee", equalTo(assignee.username()));
        String next = patched.header("ETag");
        assertThat(next).isNotNull().isNotEqualTo(etag);
        assertThat(etagOf(claim)).isEqualTo(next);
        as("viewer").get(CLAIMS + "/" + claim).then().body("statement", equalTo("Russia says 45 SDF fighters died"));
    }

    @Test
    void requiresIfMatch() {
        long claim = highlight(createArticle(TEXT), 0);

        assertProblem(as("analyst").body(Map.of("statement", "Changed without reading")).patch(CLAIMS + "/" + claim), 428);

        as("viewer").get(CLAIMS + "/" + claim).then().body("statement", equalTo(QUOTES[0]));
    }

    @Test
    void refusesAStaleIfMatchAndChangesNothing() {
        long claim = highlight(createArticle(TEXT), 0);
        String stale = etagOf(claim);
        as("analyst").header("If-Match", stale).body(Map.of("statement", "First analyst's wording"))
                .patch(CLAIMS + "/" + claim).then().statusCode(200);

        assertProblem(as("analyst").header("If-Match", stale)
                .body(Map.of("statement", "Second analyst's wording", "status", "in_progress"))
                .patch(CLAIMS + "/" + claim), 412);
        assertProblem(as("analyst").header("If-Match", "\"not-a-version\"").body(Map.of("statement", "Garbage tag"))
                .patch(CLAIMS + "/" + claim), 412);

        as("viewer").get(CLAIMS + "/" + claim).then()
                .body("statement", equalTo("First analyst's wording"))
                .body("status", equalTo("open"));
    }

    @Test
    void refusesStatusPublishedThroughPatch() {
        long claim = highlight(createArticle(TEXT), 0);

        assertProblem(as("analyst").header("If-Match", etagOf(claim)).body(Map.of("status", "published"))
                .patch(CLAIMS + "/" + claim), 400)
                .body("errors.field", contains("status"));

        as("viewer").get(CLAIMS + "/" + claim).then().body("status", equalTo("open"));
    }

    @Test
    void namesUnknownStatusAndAssignee() {
        long claim = highlight(createArticle(TEXT), 0);
        Account viewer = newAccount("viewer");

        assertProblem(as("analyst").header("If-Match", etagOf(claim))
                .body(Map.of("status", "done", "assignee", "nobody-" + uniqueWord(), "claimDate", "27/09/2017"))
                .patch(CLAIMS + "/" + claim), 400)
                .body("errors.field", hasItems("status", "assignee", "claimDate"));
        assertProblem(as("analyst").header("If-Match", etagOf(claim)).body(Map.of("assignee", viewer.username()))
                .patch(CLAIMS + "/" + claim), 400)
                .body("errors.field", contains("assignee"));
        assertProblem(as("analyst").header("If-Match", etagOf(claim)).body(Map.of("statement", " "))
                .patch(CLAIMS + "/" + claim), 400)
                .body("errors.field", contains("statement"));

        as("viewer").get(CLAIMS + "/" + claim).then()
                .body("status", equalTo("open"))
                .body("assignee", nullValue())
                .body("statement", equalTo(QUOTES[0]));
    }

    @Test
    void nullClearsClaimantAndAssignee() {
        long claim = highlight(createArticle(TEXT), 2);
        as("analyst").header("If-Match", etagOf(claim))
                .body(Map.of("claimant", "Rojda Felat", "assignee", usernameFor("analyst"), "claimDate", "2017-09-27"))
                .patch(CLAIMS + "/" + claim).then().statusCode(200).body("claimant", equalTo("Rojda Felat"));

        as("analyst").header("If-Match", etagOf(claim)).contentType(ContentType.JSON)
                .body("{\"claimant\": null, \"assignee\": null, \"claimDate\": null}")
                .patch(CLAIMS + "/" + claim)
                .then()
                .statusCode(200)
                .body("claimant", nullValue())
                .body("assignee", nullValue())
                .body("claimDate", nullValue())
                .body("statement", equalTo(QUOTES[2]));
    }

    @Test
    void viewerCannotPatch() {
        long claim = highlight(createArticle(TEXT), 0);

        assertProblem(as("viewer").header("If-Match", etagOf(claim)).body(Map.of("statement", "Viewer's wording"))
                .patch(CLAIMS + "/" + claim), 403);

        as("viewer").get(CLAIMS + "/" + claim).then().body("statement", equalTo(QUOTES[0]));
    }

    @Test
    void filtersByArticleStatusRatingAndText() {
        long article = createArticle(TEXT);
        long first = highlight(article, 0);
        long second = highlight(article, 1);
        long third = highlight(article, 2);
        String word = uniqueWord();
        as("analyst").header("If-Match", etagOf(second)).body(Map.of("status", "in_progress", "claimant", "Spokesman " + word))
                .patch(CLAIMS + "/" + second).then().statusCode(200);
        setVerdict("analyst", third, "misleading", "Not what happened.").then().statusCode(200);
        long elsewhere = highlight(createArticle(TEXT), 0);

        as("viewer").queryParam("articleId", article).get(CLAIMS).then()
                .statusCode(200)
                .body("items.id", contains((int) third, (int) second, (int) first))
                .body("nextCursor", nullValue());
        // A proposed verdict moves an open claim to in_progress, like the PATCH did for the second one.
        as("viewer").queryParam("articleId", article).queryParam("status", "in_progress").get(CLAIMS).then()
                .body("items.id", contains((int) third, (int) second));
        as("viewer").queryParam("articleId", article).queryParam("status", "open").get(CLAIMS).then()
                .body("items.id", contains((int) first));
        as("viewer").queryParam("articleId", article).queryParam("rating", "misleading").get(CLAIMS).then()
                .body("items.id", contains((int) third))
                .body("items[0].rating", equalTo("misleading"));
        as("viewer").queryParam("q", word).get(CLAIMS).then()
                .body("items.id", contains((int) second));
        as("viewer").queryParam("q", "Felat ISIS").queryParam("articleId", article).get(CLAIMS).then()
                .body("items.id", contains((int) third));
        as("viewer").queryParam("articleId", article).get(CLAIMS).then()
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) elsewhere)));
    }

    @Test
    void pagesThroughClaimsWithACursor() {
        long article = createArticle(TEXT);
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < QUOTES.length; i++) {
            created.add(highlight(article, i));
        }
        created.add(claimFrom(article, 4, 7, "SDF"));

        List<Long> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            var request = as("viewer").queryParam("articleId", article).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(CLAIMS).then().statusCode(200).extract().jsonPath();
            List<Long> ids = page.getList("items.id", Long.class);
            sizes.add(ids.size());
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
        } while (cursor != null && seen.size() < 100);

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void rejectsInvalidFilters() {
        assertProblem(as("viewer").queryParam("status", "done").queryParam("rating", "pants-on-fire")
                .queryParam("articleId", "first").get(CLAIMS), 400)
                .body("errors.field", hasItems("status", "rating", "articleId"));
        assertProblem(as("viewer").queryParam("limit", "0").get(CLAIMS), 400).body("errors.field", contains("limit"));
        assertProblem(as("viewer").queryParam("cursor", "nonsense").get(CLAIMS), 400).body("errors.field", contains("cursor"));
    }

    @Test
    void rejectsFilterTextThatIsNotStorable() {
        assertProblem(as("viewer").urlEncodingEnabled(false).get(CLAIMS + "?q=before%00after"), 400)
                .body("errors.field", contains("q"));
        assertProblem(as("viewer").urlEncodingEnabled(false).get(CLAIMS + "?assignee=nobody%00"), 400)
                .body("errors.field", contains("assignee"));
    }

    @Test
    void unknownClaimIsNotFound() {
        assertProblem(as("viewer").get(CLAIMS + "/987654321"), 404);
        assertProblem(as("analyst").header("If-Match", "\"0\"").body(Map.of("statement", "Ghost"))
                .patch(CLAIMS + "/987654321"), 404);
    }

    /** Highlights QUOTES[i] in an article made from TEXT; returns the new claim's id. */
    private static long highlight(long article, int i) {
        int start = TEXT.indexOf(QUOTES[i]);
        return annotate(article, start, start + QUOTES[i].length(), QUOTES[i]).then().statusCode(201)
                .extract().jsonPath().getLong("claimId");
    }
}
