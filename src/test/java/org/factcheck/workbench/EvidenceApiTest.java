package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.newClaim;
import static org.factcheck.workbench.ApiClient.usernameFor;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EvidenceApiTest {

    private static final String SOURCE_URL = "https://www.rt.com/news/404751-deir-ezzor-isis-surrounded/";
    private static final String MARKUP = "<script>alert(1)</script>";

    @Test
    void addsEvidenceWithEachStance() {
        long claim = newClaim();

        for (String stance : new String[] {"supports", "refutes", "context"}) {
            Response added = as("analyst").body(Map.of("url", SOURCE_URL + stance, "title", "RT report", "publisher", "RT",
                            "stance", stance, "excerpt", "Deir ez-Zor\r\nsurrounded", "note", "Checked on the day."))
                    .post(evidence(claim));

            added.then()
                    .statusCode(201)
                    .header("Location", containsString("/api/evidence/"))
                    .body("id", notNullValue())
                    .body("claimId", equalTo((int) claim))
                    .body("url", equalTo(SOURCE_URL + stance))
                    .body("title", equalTo("RT report"))
                    .body("publisher", equalTo("RT"))
                    .body("stance", equalTo(stance))
                    .body("excerpt", equalTo("Deir ez-Zor\nsurrounded"))
                    .body("note", equalTo("Checked on the day."))
                    .body("createdBy", equalTo(usernameFor("analyst")))
                    .body("createdAt", notNullValue());
            assertThat(added.header("Location")).endsWith("/api/evidence/" + added.jsonPath().getLong("id"));
        }

        as("viewer").get("/api/claims/" + claim).then()
                .statusCode(200)
                .body("evidence", hasSize(3))
                .body("evidence.stance", contains("supports", "refutes", "context"))
                .body("evidence.url", hasItem(SOURCE_URL + "refutes"));
    }

    @Test
    void acceptsOnlyAUrlWhenTheRestIsOptional() {
        long claim = newClaim();

        as("analyst").body(Map.of("url", "http://example.org/report?id=1#p2", "stance", "context")).post(evidence(claim))
                .then()
                .statusCode(201)
                .body("url", equalTo("http://example.org/report?id=1#p2"));
    }

    @Test
    void takesAnAddressAsABrowserCopiesItAndStoresItPercentEncoded() {
        long claim = newClaim();
        // Chromium leaves brackets, pipes and braces in a query as typed; an Arabic path stays readable
        String copied = "https://ar.example.org/أخبار/سوريا?filter[tag]=sdf|isis&q={a b}&p=100%#top#2";
        String stored = "https://ar.example.org/أخبار/سوريا?filter%5Btag%5D=sdf%7Cisis&q=%7Ba%20b%7D&p=100%25#top%232";

        as("analyst").body(Map.of("url", copied, "stance", "context")).post(evidence(claim))
                .then()
                .statusCode(201)
                .body("url", equalTo(stored));
        as("viewer").get("/api/claims/" + claim).then().body("evidence.url", contains(stored));
    }

    @Test
    void refusesAnAddressLongerThan2048CharactersAsSentOrOncePercentEncoded() {
        long claim = newClaim();
        String base = "https://example.org/";
        String longest = base + "a".repeat(2048 - base.length());
        String growsPastTheLimit = base + "a".repeat(2048 - base.length() - 2) + "||";

        as("analyst").body(Map.of("url", longest, "stance", "context")).post(evidence(claim)).then().statusCode(201);
        assertProblem(as("analyst").body(Map.of("url", longest + "a", "stance", "context")).post(evidence(claim)), 400)
                .body("errors.message", contains("must be at most 2048 characters"));
        assertProblem(as("analyst").body(Map.of("url", growsPastTheLimit, "stance", "context")).post(evidence(claim)), 400)
                .body("errors.message", contains("must be at most 2048 characters once percent-encoded"));

        as("viewer").get("/api/claims/" + claim).then().body("evidence.url", contains(longest));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.org/\"><script>alert(1)</script>", "https://example.org/a<b", "https://exa mple.org/",
            "https://example.org/line\nbreak", "https://example.org/tab\there"})
    void refusesQuotesAngleBracketsAndControlCharactersAndASpaceInTheHost(String url) {
        long claim = newClaim();

        assertProblem(as("analyst").body(Map.of("url", url, "stance", "supports")).post(evidence(claim)), 400)
                .body("errors.field", hasItem("url"))
                .body("errors.message", hasItem(containsString("is not a valid URL")));

        as("viewer").get("/api/claims/" + claim).then().body("evidence", hasSize(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://x", "/relative", "http://", "data:text/html,<script>alert(1)</script>",
            "mailto:desk@example.org", "example.org/page", "", "https://user:pw@example.org/"})
    void rejectsAUrlThatIsNotAnAbsoluteHttpUrl(String url) {
        long claim = newClaim();

        assertProblem(as("analyst").body(Map.of("url", url, "stance", "supports")).post(evidence(claim)), 400)
                .body("errors.field", hasItem("url"));

        as("viewer").get("/api/claims/" + claim).then().body("evidence", hasSize(0));
    }

    @Test
    void rejectsAMissingUrl() {
        long claim = newClaim();
        assertProblem(as("analyst").body(Map.of("stance", "supports")).post(evidence(claim)), 400)
                .body("errors.field", hasItem("url"));
    }

    @Test
    void rejectsAnUnknownOrMissingStance() {
        long claim = newClaim();

        assertProblem(as("analyst").body(Map.of("url", SOURCE_URL, "stance", "agrees")).post(evidence(claim)), 400)
                .body("errors.field", contains("stance"));
        assertProblem(as("analyst").body(Map.of("url", SOURCE_URL, "stance", "SUPPORTS")).post(evidence(claim)), 400)
                .body("errors.field", contains("stance"));
        assertProblem(as("analyst").body(Map.of("url", SOURCE_URL)).post(evidence(claim)), 400)
                .body("errors.field", contains("stance"));

        as("viewer").get("/api/claims/" + claim).then().body("evidence", hasSize(0));
    }

    @Test
    void unknownClaimIsNotFound() {
        assertProblem(as("analyst").body(Map.of("url", SOURCE_URL, "stance", "supports")).post(evidence(987654321L)), 404);
    }

    @Test
    void storesMarkupVerbatim() {
        long claim = newClaim();
        Map<String, Object> body = new HashMap<>();
        body.put("url", SOURCE_URL);
        body.put("stance", "refutes");
        body.put("title", MARKUP + " <b>title</b>");
        body.put("note", "Note with <img src=x onerror=alert(1)> & " + MARKUP);
        body.put("excerpt", "<q>quoted</q>");

        as("analyst").body(body).post(evidence(claim)).then()
                .statusCode(201)
                .body("title", equalTo(MARKUP + " <b>title</b>"))
                .body("note", equalTo("Note with <img src=x onerror=alert(1)> & " + MARKUP));

        as("viewer").get("/api/claims/" + claim).then()
                .body("evidence[0].title", equalTo(MARKUP + " <b>title</b>"))
                .body("evidence[0].note", equalTo("Note with <img src=x onerror=alert(1)> & " + MARKUP))
                .body("evidence[0].excerpt", equalTo("<q>quoted</q>"));
    }

    @Test
    void deletesEvidence() {
        long claim = newClaim();
        long id = as("analyst").body(Map.of("url", SOURCE_URL, "stance", "supports")).post(evidence(claim))
                .then().statusCode(201).extract().jsonPath().getLong("id");

        assertProblem(as("viewer").delete("/api/evidence/" + id), 403);
        as("viewer").get("/api/claims/" + claim).then().body("evidence", hasSize(1));

        as("analyst").delete("/api/evidence/" + id).then().statusCode(204);

        as("viewer").get("/api/claims/" + claim).then().body("evidence", hasSize(0));
        assertProblem(as("analyst").delete("/api/evidence/" + id), 404);
    }

    @Test
    void viewerCannotAddEvidence() {
        long claim = newClaim();

        assertProblem(as("viewer").body(Map.of("url", SOURCE_URL, "stance", "supports")).post(evidence(claim)), 403);

        as("viewer").get("/api/claims/" + claim).then().body("evidence", hasSize(0));
    }

    private static String evidence(long claim) {
        return "/api/claims/" + claim + "/evidence";
    }
}
