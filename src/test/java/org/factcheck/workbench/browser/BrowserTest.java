package org.factcheck.workbench.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/** A browser test class: one Chromium for the class, fresh pages per person, problems cleared before each test. */
@Tag("browser")
abstract class BrowserTest {

    protected static BrowserSupport browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void startBrowser() {
        if (browser == null) {
            browser = new BrowserSupport(base.toString());
        }
        browser.problems().clear();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
