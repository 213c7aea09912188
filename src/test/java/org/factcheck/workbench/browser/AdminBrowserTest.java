package org.factcheck.workbench.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.anonymous;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.factcheck.workbench.ApiClient;
import org.junit.jupiter.api.Test;

/** An admin manages the desk's accounts in the browser. */
@QuarkusTest
class AdminBrowserTest extends BrowserTest {

    @Test
    void anAdminAddsAUserChangesTheRoleAndDisablesTheAccount() {
        String username = "new-" + UUID.randomUUID().toString().substring(0, 8);
        Page page = browser.newPage();
        browser.signIn(page, "admin", ApiClient.ADMIN_PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Username").fill(username);
        dialog.getByLabel("Display name").fill("New <i>Analyst</i>");
        dialog.getByLabel("Password").fill("short");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add user")).click();
        assertThat(dialog).containsText("at least 10 characters");
        dialog.getByLabel("Password").fill("a-long-enough-password");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add user")).click();
        Locator row = page.getByTestId("user-row").filter(new Locator.FilterOptions().setHasText("@" + username));
        assertThat(row).containsText("New <i>Analyst</i>");

        row.getByLabel("Role of " + username).selectOption("reviewer");
        assertThat(row.getByLabel("Role of " + username)).hasValue("reviewer");
        BrowserSupport.screenshot(page, "15-users");
        anonymous().body(Map.of("username", username, "password", "a-long-enough-password")).post("/api/session")
                .then().statusCode(200).body("role", org.hamcrest.Matchers.equalTo("reviewer"));

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable")).click();
        assertThat(row).containsText("disabled");
        anonymous().body(Map.of("username", username, "password", "a-long-enough-password")).post("/api/session")
                .then().statusCode(401);
        assertThat(BrowserSupport.unnamedControls(page)).isEmpty();
        assertThat(browser.problems()).isEmpty();
    }
}
