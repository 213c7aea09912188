package org.factcheck.workbench.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright for Java. The browser is the machine's /usr/bin/chromium (Playwright's
 * own download is switched off); pages collect script errors and dialogs so tests can assert that nothing ran.
 */
public final class BrowserSupport implements AutoCloseable {

    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final String CHROMIUM = System.getProperty("workbench.chromium", "/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;
    private final String baseUrl;
    private final List<String> problems = new ArrayList<>();

    public BrowserSupport(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(CHROMIUM))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    /** A fresh browser profile (its own cookies), as a second person at another desk would have. */
    public Page newPage() {
        return newPage(false);
    }

    /**
     * A fresh browser profile; with {@code bypassCsp} the browser ignores the pages' Content-Security-Policy, so a
     * test sees what the app's rendering alone would let run.
     */
    public Page newPage(boolean bypassCsp) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl).setViewportSize(1440, 900).setLocale("en-GB").setBypassCSP(bypassCsp));
        Page page = context.newPage();
        page.onPageError(error -> problems.add("page error: " + error));
        page.onConsoleMessage(m -> {
            String text = m.text();
            // Answers the app handles (sign-in needed, stale version, duplicate) are logged by Chromium as errors.
            boolean handledStatus = text.matches("Failed to load resource: the server responded with a status of (400|401|409|412|422|429) .*");
            if (("error".equals(m.type()) && !handledStatus) || text.contains("Content Security Policy")) {
                problems.add("console " + m.type() + ": " + text);
            }
        });
        page.onDialog(dialog -> {
            String message = dialog.message();
            // Confirmations of the app's own removals are answered; anything else is a script that should not run.
            if ("confirm".equals(dialog.type()) && message.startsWith("Remove")) {
                dialog.accept();
            } else {
                problems.add("unexpected " + dialog.type() + " dialog: " + message);
                dialog.dismiss();
            }
        });
        return page;
    }

    public void signIn(Page page, String username, String password) {
        page.navigate("/");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        page.getByTestId("current-user").waitFor();
    }

    /** Selects [start, end) of the article body, given in code points, as a reader's mouse would. */
    public static void selectCodePoints(Page page, int start, int end) {
        page.evaluate("([start, end]) => {"
                + " const el = document.querySelector('[data-testid=article-body]');"
                + " const text = el.firstChild.data;"
                + " const cps = Array.from(text);"
                + " const from = cps.slice(0, start).join('').length, to = cps.slice(0, end).join('').length;"
                + " const range = document.createRange(); range.setStart(el.firstChild, from); range.setEnd(el.firstChild, to);"
                + " const box = range.getBoundingClientRect(); window.scrollBy(0, box.top - innerHeight / 3);"
                + " const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);"
                + " el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));"
                + "}", List.of(start, end));
    }

    /** Selects the first occurrence of a phrase in the article body. */
    public static void selectPhrase(Page page, String phrase) {
        Object found = page.evaluate("(phrase) => {"
                + " const el = document.querySelector('[data-testid=article-body]');"
                + " const i = el.firstChild.data.indexOf(phrase);"
                + " if (i < 0) return false;"
                + " const range = document.createRange(); range.setStart(el.firstChild, i); range.setEnd(el.firstChild, i + phrase.length);"
                + " const box = range.getBoundingClientRect(); window.scrollBy(0, box.top - innerHeight / 3);"
                + " const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);"
                + " el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));"
                + " return true; }", phrase);
        assertThat(found).as("phrase in the article: " + phrase).isEqualTo(true);
    }

    public static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(false));
    }

    /**
     * Controls on the page without an accessible name: buttons and links without text or aria-label, fields without
     * a label. Hidden controls are skipped.
     */
    @SuppressWarnings("unchecked")
    public static List<String> unnamedControls(Page page) {
        return (List<String>) page.evaluate("() => {"
                + " const named = (el) => {"
                + "   if ((el.getAttribute('aria-label') || '').trim()) return true;"
                + "   const by = el.getAttribute('aria-labelledby');"
                + "   if (by && by.split(/\\s+/).some(id => (document.getElementById(id)?.textContent || '').trim())) return true;"
                + "   if (['BUTTON', 'A'].includes(el.tagName)) return (el.textContent || '').trim().length > 0;"
                + "   if (el.labels && Array.from(el.labels).some(l => (l.textContent || '').trim())) return true;"
                + "   return !!(el.getAttribute('title') || '').trim();"
                + " };"
                + " const visible = (el) => el.type !== 'hidden' && !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)"
                + "   || el.classList.contains('visually-hidden');"
                + " return Array.from(document.querySelectorAll('button, a[href], input, select, textarea'))"
                + "   .filter(visible).filter(el => !named(el)).map(el => el.outerHTML.slice(0, 120));"
                + "}");
    }

    /** Script errors, CSP violations and unexpected dialogs seen so far. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
