package org.factcheck.workbench.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.browser.BrowserSupport.screenshot;
import static org.factcheck.workbench.browser.BrowserSupport.selectPhrase;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.factcheck.workbench.ApiClient;
import org.junit.jupiter.api.Test;

/**
 * Two analysts and a reviewer, each in their own browser, take the seed claim that twenty-eight SDF members were
 * killed from highlight to published verdict, each seeing the others' work arrive without reloading.
 */
@QuarkusTest
class DeskBrowserTest extends BrowserTest {

    private static final String SEED = "US-Backed Forces And Syrian Government Trade Blame For Supporting ISIS";
    private static final String CLAIM = "Twenty-eight SDF members were allegedly killed in the clashes with ISIS";
    /** Live changes must show within a second; the extra half second covers the browsers' own rendering here. */
    private static final double LIVE = 1500;




    @Test
    void twoAnalystsAndAReviewerTakeAClaimFromHighlightToPublishedVerdict() {
        String anaName = ApiClient.newUser("analyst");
        String omarName = ApiClient.newUser("analyst");
        String ritaName = ApiClient.newUser("reviewer");
        Page ana = openSeed(anaName);
        Page omar = openSeed(omarName);
        Page rita = openSeed(ritaName);

        // Presence: each sees the other two reading.
        assertThat(ana.getByTestId("presence")).containsText("Test analyst " + omarName, live());
        assertThat(ana.getByTestId("presence")).containsText("Test reviewer " + ritaName, live());

        // Ana highlights the claim; the others see it appear.
        selectPhrase(ana, CLAIM);
        ana.getByTestId("create-claim").click();
        assertThat(ana.getByTestId("claim-panel")).isVisible();
        for (Page other : List.of(omar, rita)) {
            assertThat(other.getByTestId("claim-list-item").filter(hasText(CLAIM))).isVisible(visible());
        }
        omar.getByTestId("claim-list-item").filter(hasText(CLAIM)).click();
        rita.getByTestId("claim-list-item").filter(hasText(CLAIM)).click();

        // Omar cites a source; Ana and Rita see it arrive in their open panels.
        omar.getByTestId("evidence-url").fill("https://southfront.org/us-backed-forces-and-syrian-government-trade-blame");
        omar.getByTestId("evidence-title").fill("SDF statement of 27 September");
        omar.getByTestId("evidence-stance").selectOption("supports");
        omar.getByTestId("evidence-add").click();
        for (Page other : List.of(ana, rita)) {
            assertThat(other.getByTestId("evidence-item").filter(hasText("SDF statement of 27 September"))).isVisible(visible());
        }

        // Ana drafts a verdict and sends it for review; Rita sees it waiting.
        ana.getByTestId("verdict-rating").selectOption("unproven");
        ana.getByTestId("verdict-explanation").fill("Only the SDF's own figure; no independent count.");
        ana.getByTestId("verdict-save").click();
        assertThat(ana.getByTestId("send-for-review")).isEnabled();
        ana.getByTestId("send-for-review").click();
        assertThat(rita.getByTestId("verdict-publish")).isVisible(visible());
        assertThat(rita.getByTestId("verdict-explanation")).hasValue("Only the SDF's own figure; no independent count.");
        screenshot(rita, "10-desk-review");

        // Rita returns it with a comment that mentions Ana; Ana gets the mention and the draft back.
        rita.getByTestId("verdict-return").click();
        rita.getByTestId("return-comment").fill("@" + anaName + " the same clash is reported with 45 dead; cite both figures.");
        rita.getByTestId("return-confirm").click();
        assertThat(ana.getByTestId("mentions-unread")).hasText("1", new LocatorAssertions.HasTextOptions().setTimeout(LIVE));
        assertThat(ana.getByTestId("send-for-review")).isVisible(visible());

        // Ana corrects the draft and sends it again; Rita publishes; everybody sees the published verdict.
        ana.getByTestId("verdict-rating").selectOption("mixed");
        ana.getByTestId("verdict-explanation").fill("The SDF says 28, South Front reports some 45 in another clash.");
        ana.getByTestId("verdict-save").click();
        assertThat(ana.getByTestId("send-for-review")).isEnabled();
        ana.getByTestId("send-for-review").click();
        assertThat(rita.getByTestId("verdict-explanation")).hasValue("The SDF says 28, South Front reports some 45 in another clash.",
                new LocatorAssertions.HasValueOptions().setTimeout(LIVE));
        rita.getByTestId("verdict-publish").click();
        for (Page page : List.of(ana, omar, rita)) {
            assertThat(page.locator(".verdict-state")).containsText("published", new LocatorAssertions.ContainsTextOptions().setTimeout(LIVE));
        }
        screenshot(omar, "11-desk-published");

        // The history shows every step with its author.
        omar.getByTestId("tab-history").click();
        Locator entries = omar.getByTestId("history-entry");
        assertThat(entries.first()).containsText(anaName + " created the claim");
        List<String> steps = entries.allTextContents();
        assertThat(String.join("\n", steps))
                .contains(anaName + " highlighted a passage")
                .contains(omarName + " added evidence")
                .contains(anaName + " proposed a verdict")
                .contains(ritaName + " returned the verdict for changes")
                .contains(ritaName + " commented")
                .contains(ritaName + " published the verdict");
        assertThat(steps.get(steps.size() - 1)).contains(ritaName + " published the verdict");
        // statuses, ratings and the highlighted article by their names, not their keys; the claim's own id is not repeated
        assertThat(String.join("\n", steps)).contains("In review", "Unproven", "article" + SEED).doesNotContain("in_review")
                .doesNotContain("claimId");
        screenshot(omar, "12-desk-history");
        assertThat(BrowserSupport.unnamedControls(omar)).isEmpty();
        for (String path : List.of("/", "/queue", "/review", "/import", "/export")) {
            rita.navigate(path);
            rita.locator("main h1").first().waitFor();
            assertThat(BrowserSupport.unnamedControls(rita)).as("controls without a name on " + path).isEmpty();
        }
        rita.getByTestId("mentions-button").click();
        assertThat(BrowserSupport.unnamedControls(rita)).isEmpty();
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void readersComingAndGoingDoNotReloadTheHighlights() {
        Page ana = openSeed(ApiClient.newUser("analyst"));
        AtomicInteger reloads = new AtomicInteger();
        ana.onRequest(r -> {
            if (r.url().matches(".*/api/articles/\\d+/annotations$")) {
                reloads.incrementAndGet();
            }
        });
        String omarName = ApiClient.newUser("analyst");
        Page omar = openSeed(omarName);
        assertThat(ana.getByTestId("presence")).containsText("Test analyst " + omarName, live());
        omar.navigate("/"); // leaves the article: its page says so as it goes
        assertThat(ana.getByTestId("presence").filter(hasText(omarName)))
                .isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(LIVE)); // others may still be reading
        ana.waitForTimeout(300); // past the reader's 50 ms grouping of reloads
        assertThat(reloads.get()).as("requests for the article's highlights after it was shown").isZero();

        // A change to the highlights still reloads them.
        String claim = "some 45 SDF members were reportedly killed in the clashes";
        Page omarAgain = openSeed(omarName);
        selectPhrase(omarAgain, claim);
        omarAgain.getByTestId("create-claim").click();
        assertThat(ana.getByTestId("claim-list-item").filter(hasText(claim)).first()).isVisible(visible());
        assertThat(reloads.get()).isPositive();
        assertThat(browser.problems()).isEmpty();
    }

    private Page openSeed(String username) {
        Page page = browser.newPage();
        browser.signIn(page, username, ApiClient.PASSWORD);
        page.getByLabel("Search articles").fill("Trade Blame");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(SEED).setExact(true)).click();
        page.getByTestId("article-body").waitFor();
        return page;
    }

    private static Locator.FilterOptions hasText(String text) {
        return new Locator.FilterOptions().setHasText(text);
    }

    private static LocatorAssertions.IsVisibleOptions visible() {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(LIVE);
    }

    private static LocatorAssertions.ContainsTextOptions live() {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(LIVE);
    }
}
