package org.factcheck.workbench.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.withToken;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import org.factcheck.workbench.ApiClient;
import org.junit.jupiter.api.Test;

/** A user makes an API token for another system in the browser, sees it used, and revokes it. */
@QuarkusTest
class TokensBrowserTest extends BrowserTest {

    @Test
    void aViewerMakesATokenForAnotherSystemSeesItUsedAndRevokesIt() {
        String viewer = ApiClient.newUser("viewer");
        String name = "CMS <b>export</b> — تصدير 📰 " + viewer;
        Page page = browser.newPage();
        browser.signIn(page, viewer, ApiClient.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Export")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API token").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("API tokens"))).isVisible();
        assertThat(page.getByText("You have no API tokens.")).isVisible();

        // Too long a name is refused by the API with a message; nothing is made.
        page.getByTestId("token-name").evaluate("(e) => e.removeAttribute('maxlength')");
        page.getByTestId("token-name").fill("x".repeat(201));
        page.getByTestId("token-create").click();
        assertThat(page.locator(".field-error")).isVisible();
        assertThat(page.getByTestId("token-row")).hasCount(0);

        page.getByTestId("token-name").fill(name);
        page.getByTestId("token-create").click();
        assertThat(page.getByTestId("token-created")).containsText("it is not shown again");
        String secret = page.getByTestId("token-secret").inputValue();
        assertThat(secret).startsWith("wbt_");
        Locator row = page.getByTestId("token-row");
        assertThat(row).hasCount(1);
        assertThat(row.locator(".token-name")).hasText(name);
        assertThat(row).containsText("never");
        BrowserSupport.screenshot(page, "16-tokens");

        // The other system reads the published verdicts with it; the page then says when it was last used.
        withToken(secret).get("/api/export/verdicts?format=csv").then().statusCode(200);
        page.reload();
        assertThat(page.getByTestId("token-row")).not().containsText("never");
        assertThat(page.getByTestId("token-created")).hasCount(0); // the secret is not shown after a reload

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke…")).click();
        assertThat(page.getByRole(AriaRole.DIALOG)).containsText(name);
        page.getByTestId("token-revoke-confirm").click();
        assertThat(page.getByText("You have no API tokens.")).isVisible();
        withToken(secret).get("/api/export/verdicts?format=csv").then().statusCode(401);

        assertThat(BrowserSupport.unnamedControls(page)).isEmpty();
        assertThat(browser.problems()).isEmpty();
    }
}
