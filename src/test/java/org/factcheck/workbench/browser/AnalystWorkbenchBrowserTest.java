package org.factcheck.workbench.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.browser.BrowserSupport.screenshot;
import static org.factcheck.workbench.browser.BrowserSupport.selectCodePoints;
import static org.factcheck.workbench.browser.BrowserSupport.selectPhrase;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.factcheck.workbench.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an analyst does all day, in Chromium, against the running service and its database. */
@QuarkusTest
class AnalystWorkbenchBrowserTest extends BrowserTest {

    private static final String ASAPOV_SEED = "US-Backed Forces And Syrian Government Trade Blame For Supporting ISIS";
    private static final String ASAPOV_PHRASE = "the 38th Russian soldier to die in Syria";
    private static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions().setTimeout(5000);

    private String analyst;
    private String colleague;

    @BeforeEach
    void accounts() {
        analyst = ApiClient.usernameFor("analyst");
        ApiClient.tokenOf("analyst");
        colleague = ApiClient.newUser("analyst");
    }


    @Test
    void signsInAndSeesTheSeedArticles() {
        Page page = browser.newPage();
        page.navigate("/");
        assertThat(page.getByLabel("Username")).isVisible();
        screenshot(page, "01-sign-in");
        browser.signIn(page, analyst, ApiClient.PASSWORD);
        assertThat(page.getByTestId("current-user")).containsText("analyst");
        // phrase searches: other tests add articles that mention Deir ez-Zor, enough to push a seed off a page of 50
        page.getByLabel("Search articles").fill("\"Trade Blame For Supporting ISIS\"");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(ASAPOV_SEED).setExact(true))).isVisible();
        page.getByLabel("Search articles").fill("\"ISIS terrorists surrounded in Deir\"");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                .setName("Syrian Army: ISIS terrorists surrounded in Deir ez-Zor").setExact(true))).isVisible();
        screenshot(page, "02-article-list");
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void highlightsAPassageGivesItAVerdictAndTwoEvidenceLinks() {
        Page page = browser.newPage();
        browser.signIn(page, analyst, ApiClient.PASSWORD);
        page.getByLabel("Search articles").fill("Trade Blame");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(ASAPOV_SEED).setExact(true)).click();
        page.getByTestId("article-body").waitFor();
        long articleId = Long.parseLong(page.url().replaceAll(".*/articles/(\\d+).*", "$1"));

        selectPhrase(page, ASAPOV_PHRASE);
        page.getByTestId("create-claim").click();
        assertThat(page.getByTestId("claim-panel")).isVisible(SOON);

        page.getByTestId("verdict-rating").selectOption("mostly-true");
        page.getByTestId("verdict-explanation").fill("Russia's Defence Ministry confirmed the death; the count of 38 is its own figure.");
        page.getByTestId("verdict-save").click();
        assertThat(page.locator(".verdict-state")).containsText("Mostly true");

        addEvidence(page, "https://tass.com/defense/967577", "TASS: Lt. Gen. Asapov killed", "supports");
        addEvidence(page, "https://www.reuters.com/article/us-mideast-crisis-syria-russia-general", "Reuters report", "context");
        assertThat(page.getByTestId("evidence-item")).hasCount(2);
        screenshot(page, "03-claim-with-verdict-and-evidence");
        assertThat(BrowserSupport.unnamedControls(page)).as("every control has an accessible name").isEmpty();

        JsonPath annotation = annotationsOf(articleId).stream()
                .filter(a -> a.getString("exact").equals(ASAPOV_PHRASE)).findFirst().map(a -> a).orElseThrow();
        String body = as("viewer").get("/api/articles/" + articleId).then().extract().path("body");
        int start = body.codePointCount(0, body.indexOf(ASAPOV_PHRASE));
        assertThat(annotation.getInt("start")).isEqualTo(start);
        assertThat(annotation.getInt("end")).isEqualTo(start + ASAPOV_PHRASE.codePointCount(0, ASAPOV_PHRASE.length()));

        page.reload();
        assertThat(page.getByTestId("claim-panel")).isVisible(SOON);
        assertThat(page.getByTestId("verdict-rating")).hasValue("mostly-true");
        assertThat(page.getByTestId("evidence-item")).hasCount(2);
        assertThat(page.getByTestId("evidence-item").first()).containsText("supports");
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void createsAClaimOverEmojiAstralLettersAndArabicExactlyAsSelected() {
        String body = "Report 🎉 from 𝔘𝔫𝔦 city: مرحبا بالعالم — e\u0301lan.\r\nSecond line " + UUID.randomUUID();
        long articleId = ApiClient.createArticle("Emoji and astral " + UUID.randomUUID(), body);
        Page page = browser.newPage();
        browser.signIn(page, analyst, ApiClient.PASSWORD);
        page.navigate("/articles/" + articleId);
        page.getByTestId("article-body").waitFor();

        String passage = "🎉 from 𝔘𝔫𝔦 city: مرحبا";
        int start = body.codePointCount(0, body.indexOf(passage));
        int end = start + passage.codePointCount(0, passage.length());
        assertThat(end - start).isEqualTo(22);
        selectCodePoints(page, start, end);
        page.getByTestId("create-claim").click();
        assertThat(page.getByTestId("claim-panel")).isVisible(SOON);
        screenshot(page, "04-emoji-claim");

        JsonPath created = annotationsOf(articleId).get(0);
        assertThat(created.getInt("start")).isEqualTo(7);
        assertThat(created.getInt("end")).isEqualTo(29);
        assertThat(created.getString("exact")).isEqualTo(passage);

        // The text is shown exactly as stored: every character once, line break kept (CRLF became LF at import).
        String shown = (String) page.evaluate("() => document.querySelector('[data-testid=article-body]').textContent");
        String stored = as("viewer").get("/api/articles/" + articleId).then().extract().path("body");
        assertThat(shown).isEqualTo(stored);
        assertThat(shown).contains("élan.\nSecond line");
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void theClaimListSaysWhichClaimsWaitForReview() {
        String waiting = "The minister said that 28 fighters died";
        String open = "Another 45 died later";
        long articleId = ApiClient.createArticle("Review marks " + UUID.randomUUID(), waiting + ". " + open + ".");
        long waitingClaim = ApiClient.claimFrom(articleId, 0, waiting.length(), waiting);
        ApiClient.claimFrom(articleId, waiting.length() + 2, waiting.length() + 2 + open.length(), open);
        ApiClient.setVerdict("analyst", waitingClaim, "mixed", "Two figures.").then().statusCode(200);
        ApiClient.sendForReview(waitingClaim);

        Page page = browser.newPage();
        browser.signIn(page, analyst, ApiClient.PASSWORD);
        page.navigate("/articles/" + articleId);
        Locator items = page.getByTestId("claim-list-item");
        assertThat(items).hasCount(2);
        assertThat(items.filter(new Locator.FilterOptions().setHasText(waiting)).getByTestId("claim-in-review")).hasText("In review");
        assertThat(items.filter(new Locator.FilterOptions().setHasText(open)).getByTestId("claim-in-review")).hasCount(0);
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void anArabicTitleReadsRightToLeftAndALatinOneLeftToRight() {
        long arabic = ApiClient.createArticle("قوات سوريا الديمقراطية: 28 قتيلاً " + UUID.randomUUID(),
                "قالت القائدة إن 28 عنصراً قتلوا.\nThe SDF later said 45.");
        long latin = ApiClient.createArticle("SDF: 28 dead, قوات " + UUID.randomUUID(), "The SDF said 28.");
        Page page = browser.newPage();
        browser.signIn(page, analyst, ApiClient.PASSWORD);
        for (long id : new long[] {arabic, latin}) {
            page.navigate("/articles/" + id);
            page.getByTestId("article-body").waitFor();
            Object direction = page.evaluate("() => getComputedStyle(document.getElementById('article-title')).direction");
            assertThat(direction).as("title direction of article " + id).isEqualTo(id == arabic ? "rtl" : "ltr");
        }
        screenshot(page, "04b-latin-title");
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void aColleagueSeesANewHighlightLiveWithoutLosingWhatTheyType() {
        long articleId = ApiClient.createArticle("Live " + UUID.randomUUID(),
                "Twenty-eight SDF members were allegedly killed in the clashes. Some 45 SDF members were reportedly killed.");
        long existingClaim = ApiClient.annotate(articleId, 0, 61, "Twenty-eight SDF members were allegedly killed in the clashes")
                .then().statusCode(201).extract().<Integer>path("claimId").longValue();

        Page mine = browser.newPage();
        browser.signIn(mine, analyst, ApiClient.PASSWORD);
        mine.navigate("/articles/" + articleId);
        Page theirs = browser.newPage();
        browser.signIn(theirs, colleague, ApiClient.PASSWORD);
        theirs.navigate("/articles/" + articleId + "?claim=" + existingClaim);
        theirs.getByTestId("evidence-url").fill("https://example.org/half-typed");
        assertThat(theirs.getByTestId("claim-panel")).isVisible(SOON);

        selectPhrase(mine, "Some 45 SDF members were reportedly killed");
        mine.getByTestId("create-claim").click();
        assertThat(mine.getByTestId("claim-panel")).isVisible(SOON);

        // The colleague's page draws the new highlight: its claim list gains an entry without a reload.
        theirs.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("← All claims")).isVisible();
        theirs.evaluate("() => window.scrollTo(0, 0)");
        assertThat(theirs.getByTestId("evidence-url")).hasValue("https://example.org/half-typed");
        theirs.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("← All claims")).click();
        assertThat(theirs.getByTestId("claim-list-item")).hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(3000));
        assertThat(theirs.getByTestId("claim-list-item").nth(1)).containsText("Some 45 SDF members");
        screenshot(theirs, "05-colleague-sees-live-highlight");
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void markupInEveryFieldShowsAsTextAndRunsNothing() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String script = "<script>window.__pwned='script'</script>";
        String image = "<img src=x onerror=\"window.__pwned='img'\">";
        String link = "<a href=\"javascript:window.__pwned='link'\">click me</a>";
        long articleId = ApiClient.createArticle("Title " + script + " " + marker,
                "Body " + image + " and " + link + " and " + script + " end " + marker);
        Map<String, Object> claim = Map.of("statement", "Statement " + script, "claimant", "Claimant " + image);
        long claimId = as("analyst").body(Map.of("start", 0, "end", 4, "exact", "Body", "claim", claim))
                .post("/api/articles/" + articleId + "/annotations").then().statusCode(201)
                .extract().<Integer>path("claimId").longValue();
        as("analyst").body(Map.of("url", "https://example.org/?q=%3Cscript%3Ealert(1)%3C/script%3E", "title", "Evidence " + link,
                        "stance", "refutes", "note", "Note " + image))
                .post("/api/claims/" + claimId + "/evidence").then().statusCode(201);

        Page page = browser.newPage();
        browser.signIn(page, analyst, ApiClient.PASSWORD);
        page.navigate("/");
        assertThat(page.getByText("Title " + script + " " + marker)).isVisible(SOON);
        page.navigate("/articles/" + articleId + "?claim=" + claimId);
        assertThat(page.getByTestId("claim-panel")).isVisible(SOON);
        assertThat(page.getByTestId("article-body")).containsText(image);
        assertThat(page.getByTestId("article-body")).containsText(link);
        assertThat(page.getByTestId("claim-statement")).hasValue("Statement " + script);
        assertThat(page.getByTestId("claim-claimant")).hasValue("Claimant " + image);
        assertThat(page.getByTestId("evidence-item")).containsText("Evidence " + link);
        assertThat(page.getByTestId("evidence-item")).containsText("Note " + image);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("← All claims")).click();
        assertThat(page.getByTestId("claim-list-item")).containsText("Statement " + script);
        screenshot(page, "06-markup-as-text");
        assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);
        assertThat(page.locator("[data-testid=article-body] img, [data-testid=article-body] script, [data-testid=article-body] a")).hasCount(0);
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void aStaleSaveShowsWhatChangedAndCanReapply() {
        long claimId = ApiClient.newClaim();
        long articleId = as("viewer").get("/api/claims/" + claimId).then().extract().<Integer>path("annotations[0].articleId").longValue();
        Page page = browser.newPage();
        browser.signIn(page, analyst, ApiClient.PASSWORD);
        page.navigate("/articles/" + articleId + "?claim=" + claimId);
        assertThat(page.getByTestId("claim-panel")).isVisible(SOON);
        page.getByTestId("verdict-rating").selectOption("false");
        page.getByTestId("verdict-explanation").fill("Mine: the ministry's own figures say otherwise.");

        // Meanwhile a colleague saves another verdict through the API.
        String etag = ApiClient.etagOf(claimId);
        ApiClient.as("reviewer").header("If-Match", etag).body(Map.of("rating", "mixed", "explanation", "Theirs."))
                .put("/api/claims/" + claimId + "/verdict").then().statusCode(200);

        page.getByTestId("verdict-save").click();
        Locator merge = page.getByTestId("merge-view");
        assertThat(merge).isVisible(SOON);
        assertThat(merge).containsText("Theirs.");
        assertThat(merge).containsText("Mine: the ministry's own figures say otherwise.");
        screenshot(page, "07-merge-view");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Re-apply my changes")).click();
        assertThat(page.locator(".verdict-state")).containsText("False", new LocatorAssertions.ContainsTextOptions().setTimeout(5000));
        String explanation = as("viewer").get("/api/claims/" + claimId).then().extract().path("verdict.explanation");
        assertThat(explanation).isEqualTo("Mine: the ministry's own figures say otherwise.");
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void keysMoveBetweenClaimsAndEscapeCloses() {
        long articleId = ApiClient.createArticle("Keys " + UUID.randomUUID(), "First claim here. Second claim there. Third one.");
        ApiClient.annotate(articleId, 0, 16, "First claim here").then().statusCode(201);
        ApiClient.annotate(articleId, 18, 36, "Second claim there").then().statusCode(201);
        Page page = browser.newPage();
        browser.signIn(page, analyst, ApiClient.PASSWORD);
        page.navigate("/articles/" + articleId);
        page.getByTestId("article-body").waitFor();
        page.getByTestId("claim-list-item").first().waitFor();
        page.keyboard().press("j");
        assertThat(page.getByTestId("claim-statement")).hasValue("First claim here");
        page.keyboard().press("j");
        assertThat(page.getByTestId("claim-statement")).hasValue("Second claim there");
        page.keyboard().press("k");
        assertThat(page.getByTestId("claim-statement")).hasValue("First claim here");
        page.keyboard().press("Escape");
        assertThat(page.getByTestId("claim-panel")).hasCount(0);
        page.keyboard().press("?");
        assertThat(page.getByRole(AriaRole.DIALOG)).containsText("Keyboard shortcuts");
        page.keyboard().press("Escape");
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
        selectPhrase(page, "Third one");
        page.keyboard().press("c");
        assertThat(page.getByTestId("claim-statement")).hasValue("Third one", new LocatorAssertions.HasValueOptions().setTimeout(5000));
        assertThat(browser.problems()).isEmpty();
    }

    /** The claim list of a long article is drawn in steps after the text; every claim arrives, in reading order. */
    @Test
    void aLongArticlesClaimListFillsInAfterTheTextInReadingOrder() {
        int claims = 450;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < claims; i++) {
            body.append(String.format("Claim %03d said 🎉 here. ", i));
        }
        long articleId = ApiClient.createArticle("Long list " + UUID.randomUUID(), body.toString());
        // highlighted last to first: the list's order is the text's, not the claims' age
        for (int i = claims - 1; i >= 0; i--) {
            int start = i * 23;
            ApiClient.claimFrom(articleId, start, start + 9, String.format("Claim %03d", i));
        }
        Page page = browser.newPage();
        browser.signIn(page, analyst, ApiClient.PASSWORD);
        page.navigate("/articles/" + articleId);
        Locator items = page.getByTestId("claim-list-item");
        assertThat(items).hasCount(claims, new LocatorAssertions.HasCountOptions().setTimeout(5000));
        assertThat(items.first()).containsText("Claim 000");
        assertThat(items.nth(200)).containsText("Claim 200");
        assertThat(items.nth(claims - 1)).containsText("Claim 449");
        items.nth(claims - 1).click();
        assertThat(page.getByTestId("claim-statement")).hasValue("Claim 449");
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void anEndedSessionAsksToSignInAgainOverThePage() {
        long claimId = ApiClient.newClaim();
        long articleId = as("viewer").get("/api/claims/" + claimId).then().extract().<Integer>path("annotations[0].articleId").longValue();
        Page page = browser.newPage();
        browser.signIn(page, analyst, ApiClient.PASSWORD);
        page.navigate("/articles/" + articleId + "?claim=" + claimId);
        assertThat(page.getByTestId("claim-panel")).isVisible(SOON);
        page.getByTestId("verdict-explanation").fill("Unsaved thoughts");
        // The session ends on the server (as after a timeout or a sign-out elsewhere).
        page.evaluate("() => fetch('/api/session', { method: 'DELETE', headers: { 'X-XSRF-TOKEN': "
                + "document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).split('=')[1] } })");
        page.getByTestId("verdict-rating").selectOption("unproven");
        // The page's own background requests (presence) may meet the ended session first and open the sign-in dialog
        // over the page before this click; the click is then sent to the button as it is, not refused as covered.
        page.getByTestId("verdict-save").dispatchEvent("click");
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog).containsText("Your session has ended");
        screenshot(page, "08-session-ended");
        dialog.getByLabel("Username").fill(analyst);
        dialog.getByLabel("Password").fill(ApiClient.PASSWORD);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/articles/" + articleId + "\\?claim=" + claimId));
        assertThat(page.getByTestId("verdict-explanation")).hasValue("Unsaved thoughts");
        page.getByTestId("verdict-save").click();
        assertThat(page.locator(".verdict-state")).containsText("Unproven", new LocatorAssertions.ContainsTextOptions().setTimeout(5000));
    }

    private static void addEvidence(Page page, String url, String title, String stance) {
        page.getByTestId("evidence-url").fill(url);
        page.getByTestId("evidence-title").fill(title);
        page.getByTestId("evidence-stance").selectOption(stance);
        page.getByTestId("evidence-add").click();
        assertThat(page.getByTestId("evidence-item").filter(new Locator.FilterOptions().setHasText(title))).isVisible(SOON);
    }

    private static List<JsonPath> annotationsOf(long articleId) {
        List<Map<String, Object>> items = as("viewer").get("/api/articles/" + articleId + "/annotations")
                .then().statusCode(200).extract().path("items");
        return items.stream().map(m -> new JsonPath(toJson(m))).toList();
    }

    private static String toJson(Map<String, Object> map) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(map);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
