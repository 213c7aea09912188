package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.anonymous;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.claimFrom;
import static org.factcheck.workbench.ApiClient.createArticle;
import static org.factcheck.workbench.ApiClient.idOf;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.ApiClient.unique;
import static org.factcheck.workbench.ApiClient.uniqueWord;
import static org.factcheck.workbench.ApiClient.usernameFor;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ArticleApiTest {

    private static final String ARTICLES = "/api/articles";
    private static final String MARKUP = "<script>alert(1)</script>";
    /** A body in NFD, with a byte-order mark, CRLF and bare CR line ends and an emoji (two UTF-16 units). */
    private static final String RAW_BODY = "\uFEFFCafe\u0301 in Deir ez-Zor\r\nSecond line 🎉\rThird line e\u0301\r\n";
    private static final String NORMALISED_BODY = "Café in Deir ez-Zor\nSecond line 🎉\nThird line é\n";

    @Test
    void createsAnArticleWithLocation() {
        String title = unique("Syria Daily");
        String body = unique("Troops 3 km away from Deir ez-Zor.");

        Response created = as("analyst").body(Map.of("title", title, "body", body, "outlet", "EA WorldView",
                "author", "Scott Lucas", "url", "https://eaworldview.com/2017/09/syria-daily/", "language", "en"))
                .post(ARTICLES);

        created.then()
                .statusCode(201)
                .body("title", equalTo(title))
                .body("body", equalTo(body))
                .body("outlet", equalTo("EA WorldView"))
                .body("author", equalTo("Scott Lucas"))
                .body("url", equalTo("https://eaworldview.com/2017/09/syria-daily/"))
                .body("language", equalTo("en"))
                .body("length", equalTo(body.length()))
                .body("createdBy", equalTo(usernameFor("analyst")))
                .body("createdAt", notNullValue());
        long id = idOf(created);
        assertThat(created.header("Location")).endsWith("/api/articles/" + id);
        as("viewer").get(created.header("Location")).then()
                .statusCode(200)
                .body("id", equalTo((int) id))
                .body("title", equalTo(title))
                .body("body", equalTo(body));
    }

    @Test
    void normalisesTheBodyOnce() {
        String marker = "\n[" + uniqueWord() + "]";
        String expected = NORMALISED_BODY + marker;

        Response created = as("analyst").body(Map.of("title", unique("Normalisation"), "body", RAW_BODY + marker))
                .post(ARTICLES);

        created.then()
                .statusCode(201)
                .body("body", equalTo(expected))
                .body("length", equalTo(expected.codePointCount(0, expected.length())));
        assertThat(expected.codePointCount(0, expected.length())).isLessThan(expected.length());
        as("viewer").get(ARTICLES + "/" + idOf(created)).then()
                .body("body", equalTo(expected))
                .body("length", equalTo(expected.codePointCount(0, expected.length())));
    }

    @Test
    void refusesTheSameNormalisedTextTwice() {
        String marker = "\n[" + uniqueWord() + "]";
        long first = idOf(as("analyst").body(Map.of("title", unique("First"), "body", RAW_BODY + marker)).post(ARTICLES)
                .then().statusCode(201).extract().response());

        // The same text in NFC with LF line ends and no BOM is the same article.
        Response duplicate = as("analyst").body(Map.of("title", unique("Second"), "body", NORMALISED_BODY + marker))
                .post(ARTICLES);

        assertProblem(duplicate, 409).body("existingId", equalTo((int) first));
    }

    @Test
    void listsArticlesWithTheirCounts() {
        String word = uniqueWord();
        String body = "The minister said that 28 fighters died. Another source says 45.";
        long article = createArticle("Counts " + word, body + " " + word);
        long first = claimFrom(article, 0, 39, "The minister said that 28 fighters died");
        claimFrom(article, 41, 64, "Another source says 45.");
        ApiClient.annotate(article, 23, 34, "28 fighters").then().statusCode(201);
        setVerdict("analyst", first, "false", "Other counts disagree.").then().statusCode(200);

        as("viewer").queryParam("q", word).get(ARTICLES)
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo((int) article))
                .body("items[0].title", equalTo("Counts " + word))
                .body("items[0].annotationCount", equalTo(3))
                .body("items[0].claimCount", equalTo(3))
                .body("items[0].ratingCounts.false", equalTo(1))
                .body("items[0].ratingCounts.size()", equalTo(1))
                .body("nextCursor", nullValue());
    }

    @Test
    void searchesTitleAndBody() {
        String inTitle = uniqueWord();
        String inBody = uniqueWord();
        long byTitle = createArticle("About " + inTitle, unique("Plain body"));
        long byBody = createArticle(unique("Plain title"), "The text mentions " + inBody + " once.");
        createArticle(unique("Unrelated"), unique("Unrelated body"));

        as("viewer").queryParam("q", inTitle).get(ARTICLES).then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo((int) byTitle));
        as("viewer").queryParam("q", inBody).get(ARTICLES).then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo((int) byBody));
    }

    @Test
    void pagesThroughAllMatchesWithACursor() {
        String word = uniqueWord();
        Set<Long> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(createArticle("Paging " + i + " " + word, "Paging body " + i + " " + word + " " + unique("")));
        }

        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            var request = as("viewer").queryParam("q", word).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(ARTICLES).then().statusCode(200).extract().jsonPath();
            List<Long> ids = page.getList("items.id", Long.class);
            pageSizes.add(ids.size());
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
        } while (cursor != null && seen.size() < 100);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(seen).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "501", "ten", "2.5"})
    void rejectsAnInvalidLimit(String limit) {
        assertProblem(as("viewer").queryParam("limit", limit).get(ARTICLES), 400).body("errors.field", hasItem("limit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "djE6LTE", "djE6YWJj", "MTIz"})
    void rejectsACursorThisServiceDidNotIssue(String cursor) {
        assertProblem(as("viewer").queryParam("cursor", cursor).get(ARTICLES), 400).body("errors.field", hasItem("cursor"));
    }

    @Test
    void rejectsASearchThatIsNotStorableText() {
        assertProblem(as("viewer").urlEncodingEnabled(false).get(ARTICLES + "?q=before%00after"), 400)
                .body("errors.field", hasItem("q"));
    }

    @Test
    void unknownArticleIsNotFound() {
        assertProblem(as("viewer").get(ARTICLES + "/987654321"), 404);
        assertProblem(as("viewer").get(ARTICLES + "/not-a-number"), 404);
        assertProblem(as("viewer").get(ARTICLES + "/987654321/annotations"), 404);
    }

    @Test
    void onlyAnAdminDeletesAndTheAnnotationsGoWithTheArticle() {
        long article = createArticle("The minister said that 28 fighters died.");
        long claim = claimFrom(article, 0, 39, "The minister said that 28 fighters died");

        assertProblem(as("analyst").delete(ARTICLES + "/" + article), 403);
        assertProblem(as("reviewer").delete(ARTICLES + "/" + article), 403);
        as("viewer").get(ARTICLES + "/" + article).then().statusCode(200);

        as("admin").delete(ARTICLES + "/" + article).then().statusCode(204);

        assertProblem(as("viewer").get(ARTICLES + "/" + article), 404);
        assertProblem(as("viewer").get(ARTICLES + "/" + article + "/annotations"), 404);
        // Whether a claim left without highlights is kept is the service's choice; if kept, it has none.
        Response orphan = as("viewer").get("/api/claims/" + claim);
        assertThat(orphan.statusCode()).isIn(200, 404);
        if (orphan.statusCode() == 200) {
            assertThat(orphan.jsonPath().getList("annotations")).isEmpty();
        }
        as("viewer").queryParam("articleId", article).get("/api/claims").then().statusCode(200).body("items", hasSize(0));
        assertProblem(as("admin").delete(ARTICLES + "/" + article), 404);
    }

    @Test
    void storesMarkupVerbatim() {
        String title = MARKUP + " " + uniqueWord();
        String body = "<p onclick=\"x()\">Quote &amp; <b>bold</b></p>\n" + MARKUP + "\n" + unique("");

        long id = idOf(as("analyst").body(Map.of("title", title, "body", body, "outlet", "<i>Outlet</i>")).post(ARTICLES)
                .then().statusCode(201).extract().response());

        as("viewer").get(ARTICLES + "/" + id).then()
                .body("title", equalTo(title))
                .body("body", equalTo(body))
                .body("outlet", equalTo("<i>Outlet</i>"));
    }

    @Test
    void rejectsTextWithANulCharacter() {
        String word = uniqueWord();

        assertProblem(as("analyst").body(Map.of("title", unique("NUL"), "body", "before\u0000after " + word)).post(ARTICLES), 400)
                .body("errors.field", hasItem("body"));
        assertProblem(as("analyst").body(Map.of("title", "NUL\u0000" + word, "body", unique("body"))).post(ARTICLES), 400)
                .body("errors.field", hasItem("title"));

        as("viewer").queryParam("q", word).get(ARTICLES).then().body("items", hasSize(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "/relative/path", "www.example.org/page", "ftp://example.org/file",
            "http://", "https://user:secret@example.org/"})
    void rejectsAnInvalidUrl(String url) {
        assertProblem(as("analyst").body(Map.of("title", unique("URL"), "body", unique("URL body"), "url", url)).post(ARTICLES), 400)
                .body("errors.field", hasItem("url"));
    }

    @Test
    void readsPublishedAtAsDateOrTimestamp() {
        as("analyst").body(Map.of("title", unique("Dated"), "body", unique("Dated body"), "publishedAt", "2017-09-25"))
                .post(ARTICLES).then()
                .statusCode(201)
                .body("publishedAt", equalTo("2017-09-25T00:00:00Z"));
        as("analyst").body(Map.of("title", unique("Timed"), "body", unique("Timed body"), "publishedAt", "2017-09-27T10:15:00+02:00"))
                .post(ARTICLES).then()
                .statusCode(201)
                .body("publishedAt", equalTo("2017-09-27T08:15:00Z"));
        assertProblem(as("analyst").body(Map.of("title", unique("Vague"), "body", unique("Vague body"), "publishedAt", "last Tuesday"))
                .post(ARTICLES), 400).body("errors.field", hasItem("publishedAt"));
    }

    @Test
    void requiresTitleAndBody() {
        Map<String, Object> blank = new HashMap<>();
        blank.put("title", "  ");
        blank.put("body", "\r\n");
        assertProblem(as("analyst").body(blank).post(ARTICLES), 400).body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("body"));
        assertProblem(as("analyst").body(Map.of("title", unique("No body"))).post(ARTICLES), 400)
                .body("errors.field", hasItem("body"));
    }

    @Test
    void viewerCannotCreateAndAnonymousCannotRead() {
        String word = uniqueWord();
        assertProblem(as("viewer").body(Map.of("title", "Viewer " + word, "body", unique("body"))).post(ARTICLES), 403);
        assertProblem(anonymous().get(ARTICLES), 401);
        assertProblem(anonymous().body(Map.of("title", "Anonymous " + word, "body", unique("body"))).post(ARTICLES), 401);
        as("viewer").queryParam("q", word).get(ARTICLES).then().body("items", hasSize(0));
    }
}
