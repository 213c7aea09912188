package org.factcheck.workbench.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.browser.BrowserSupport.screenshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.factcheck.workbench.ApiClient;
import org.factcheck.workbench.article.TextNormalizer;
import org.factcheck.workbench.comment.CommentService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stored XSS (the class of Label Studio's CVE-2024-26152): every payload of {@code src/test/resources/xss-corpus.txt}
 * (over 150: script tags, event handlers, javascript:/data: addresses, SVG and MathML, Unicode tricks, template
 * syntax, SQL fragments, CSS injection, frames, meta refresh, base, forms, polyglots) is stored through the API in
 * every text field, then every screen is opened in Chromium: nothing may run and every payload must show as the very
 * text that was stored.
 *
 * <p><b>How the payloads are spread over the fields.</b> Single-line fields (article title, outlet and author; claim
 * statement and claimant; evidence title and URL; user display name) hold one payload per object, so every payload
 * stands alone at the start of its field, where it is most dangerous, and no payload is hidden by another (an unclosed
 * {@code <textarea>} or {@code <!--} would swallow what follows it): 153 articles, 153 claims, 153 pieces of evidence
 * and 153 users. The assignments are rotated (article {@code i}: title {@code P[i]}, outlet {@code P[i+1]}, author
 * {@code P[i+2]}; claim {@code i}: quote {@code P[i]}, statement {@code P[i+1]}, claimant {@code P[i+2]}, explanation
 * {@code P[i+3]}; evidence {@code i}: title and URL {@code P[i]}, note {@code P[i+4]}; user {@code i}: display name
 * {@code P[i]}), so neighbouring payloads meet in one screen row. Multi-line fields get both: one payload per object
 * (article body, annotation quote, verdict explanation, evidence note, comment) and a batch holding the whole corpus
 * one payload per line, in the limits of the API (the corpus article's body, which all 153 quotes are cut from; the
 * batch claim's explanation, 20,000 characters at most). Each batch payload is preceded by its own marker line, so a
 * payload is never glued to its neighbour. Every value is checked as the server stored it (single-line fields are
 * documented to become one NFC line), and compared with what the page shows, exactly, after the app's own truncation.
 * The URL fields (evidence, article) refuse a payload with 400; the payloads then ride in the path and query of a
 * valid https address, percent-encoded only where {@link java.net.URI} insists.
 *
 * <p><b>What counts as running.</b> An init script defines {@code window.__xss(n)}, which reports on the console (so
 * hits survive navigation and come from frames too), and listens for CSP violations; dialogs (alert,
 * confirm, prompt) are reported by {@link BrowserSupport}; any request to another origin is aborted and reported, as is
 * a navigation away from the app, a frame navigation, a popup, or a change of {@code document.title}. The DOM is also
 * searched for anything a payload could have made: elements the app never renders (img, iframe, svg, math, object,
 * base, meta refresh, unknown elements...), scripts other than the app's bundle, {@code on*} attributes,
 * javascript:/data: addresses, {@code srcdoc}, form actions, CSS {@code url()} in style attributes, and
 * {@code target=_blank} links without {@code noopener}. The analyst's pages ignore the Content-Security-Policy
 * ({@code bypassCSP}), so the rendering alone is on trial; the sign-in page, the mentioned colleague's pages and the
 * admin's pages keep it, as deployed, and a CSP violation there is a failure too.
 *
 * <p><b>Text that shows as text, in its place.</b> Besides the exact comparisons, every screen is searched for user text
 * whose explicit bidi controls (payload 98 starts with an unterminated U+202E RIGHT-TO-LEFT OVERRIDE; the colleague
 * who is mentioned, comments and reads along carries it as display name) could reorder text around it: the top bar's
 * role, the username beside a comment's author, the assignee list's "(@username)", the byline's author and date.
 */
@QuarkusTest
class XssCorpusBrowserTest extends BrowserTest {

    static final List<String> PAYLOADS = loadCorpus();
    static final int N = PAYLOADS.size();
    /** Payloads (0-based) looked for with Playwright's visible-text locators on each screen, besides the exact checks. */
    static final int[] SAMPLES = {0, 15, 47, 97, 101, 103, 139, 141};
    private static final String APP_TITLE = "Fact-check workbench";
    private static final LocatorAssertions.IsVisibleOptions SOON = new LocatorAssertions.IsVisibleOptions().setTimeout(10_000);
    private static final LocatorAssertions.HasCountOptions COUNT = new LocatorAssertions.HasCountOptions().setTimeout(15_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Fixture fixture;
    private static ExecutorService pool;

    /** What the running pages reported: detector calls, CSP violations, foreign requests, navigations. */
    private final List<String> hits = Collections.synchronizedList(new ArrayList<>());
    private final List<BrowserContext> contexts = new ArrayList<>();
    private String origin;

    @BeforeEach
    void prepare() {
        origin = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        hits.clear();
        if (fixture == null) {
            long started = System.nanoTime();
            fixture = Fixture.create(origin);
            System.out.printf("XssCorpusBrowserTest: %d payloads stored in every field in %d ms%n", N,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    @AfterEach
    void closePages() {
        contexts.forEach(BrowserContext::close); // the corpus pages are heavy: free them before the next test
        contexts.clear();
    }

    @AfterAll
    static void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
        fixture = null;
    }

    @Test
    void theCorpusHasOverAHundredDistinctPayloadsTheApiCanStoreInEveryField() {
        assertThat(N).isGreaterThanOrEqualTo(100);
        assertThat(new HashSet<>(PAYLOADS)).hasSize(N);
        for (String p : PAYLOADS) {
            // The shortest limit of a field the payloads go into: a display name, 200 characters.
            assertThat(p.codePointCount(0, p.length())).as(p).isLessThanOrEqualTo(200);
            assertThat(p).as("NUL is refused by the API").doesNotContain("\u0000");
        }
        for (String kind : List.of("<script", "onerror=", "onload=", "ontoggle=", "javascript:", "data:text/html", "<svg",
                "<math", "\u202E", "\u200B", "＜script＞", "{{constructor", "${", "<%=", "' OR 1=1--", "DROP TABLE claim",
                "</style>", "srcdoc=", "http-equiv=\"refresh\"", "<base href", "<form action", "jaVasCript:/*")) {
            assertThat(PAYLOADS).as("a payload with " + kind).anyMatch(p -> p.contains(kind));
        }
    }

    @Test
    void addressFieldsRefuseEveryPayloadAndKeepThemOnlyInsideHttpsAddresses() {
        for (int i = 0; i < N; i++) {
            assertThat(fixture.refusedEvidenceUrls.get(i)).as("evidence url " + P(i)).isEqualTo(400);
            assertThat(fixture.refusedArticleUrls.get(i)).as("article url " + P(i)).isEqualTo(400);
        }
        for (int i = 0; i < N; i++) {
            assertThat(fixture.evidence.get(i).url()).isEqualTo(httpsAddress("evidence", i));
            assertThat(fixture.articles.get(i).url()).isEqualTo(httpsAddress("article", i));
        }
    }

    @Test
    void theSignInPageShowsPayloadUsernamesAsText() {
        Page page = open(false);
        page.navigate("/");
        assertThat(page.getByLabel("Username")).isVisible();
        assertClean(page, "sign-in page");
        for (int i : new int[] {4, 15, 133, 139}) {
            String attempt = P(i);
            page.getByLabel("Username").fill(attempt);
            page.getByLabel("Password").fill("not-the-password-" + i);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).isVisible(SOON);
            assertThat(page.getByLabel("Username")).hasValue(attempt);
            assertClean(page, "sign-in page after signing in as " + attempt);
        }
        screenshot(page, "xss-01-sign-in");
    }

    @Test
    void theArticleListAndItsSearchShowEveryTitleAndOutletAsText() {
        Page page = signedIn(fixture.mainUsername, true);
        assertCurrentUser(page, fixture.mainDisplayName, "reviewer");
        assertClean(page, "article list");

        for (int i : new int[] {0, 127}) {
            String q = P(i) + " " + ApiClient.uniqueWord();
            search(page, q);
            assertThat(page.locator("p.empty")).hasText("No article matches “" + q.strip() + "”.");
            assertThat(page.getByLabel("Search articles")).hasValue(q);
            assertClean(page, "article list searched for " + q);
        }

        search(page, fixture.word);
        Locator rows = page.getByTestId("article-row");
        assertThat(rows.first()).isVisible(SOON);
        loadAll(page, rows, N + 1);
        List<String> titles = texts(page, "[data-testid=article-row] td:first-child a");
        List<String> outlets = texts(page, "[data-testid=article-row] td:nth-child(2)");
        assertShown("article titles in the list", titles, fixture.articles.stream().map(Article::title).toList());
        assertShown("article outlets in the list", outlets, fixture.articles.stream().map(Article::outlet).toList());
        assertShown("the corpus article in the list", titles, List.of(fixture.corpus.title()));
        for (int i : SAMPLES) {
            assertVisibleText(page, fixture.articles.get(i).title());
            assertVisibleText(page, fixture.articles.get(i).outlet());
        }
        screenshot(page, "xss-02-article-list");
        assertClean(page, "article list of the corpus");
    }

    @Test
    void theReaderShowsTheBodyClaimsHighlightsPanelTabsEvidenceAndVerdictsAsText() {
        Page page = signedIn(fixture.mainUsername, true);
        page.navigate("/articles/" + fixture.corpus.id());
        assertThat(page.getByTestId("claim-list-item")).hasCount(N + 1, COUNT);

        // The article: title, byline, and the body exactly as stored (one text node, never rewritten).
        assertThat(text(page, "#article-title")).isEqualTo(fixture.corpus.title());
        assertThat(text(page, ".byline")).contains(fixture.corpus.outlet()).contains(fixture.corpus.author());
        assertThat(text(page, "[data-testid=article-body]")).isEqualTo(fixture.corpus.body());
        assertThat(page.evaluate("() => document.querySelector('[data-testid=article-body]').childNodes.length")).isEqualTo(1);

        // The claim list: every statement and every quote.
        assertShown("claim statements in the claim list", texts(page, "[data-testid=claim-list-item] .claim-statement"),
                fixture.claims.stream().map(c -> truncate(c.statement(), 160)).toList());
        assertShown("quotes in the claim list", texts(page, "[data-testid=claim-list-item] .claim-quote"),
                fixture.claims.stream().map(c -> "“" + truncate(c.quote(), 120) + "”").toList());

        // The highlights: one range per annotation, over exactly its quote.
        page.waitForCondition(() -> highlightedTexts(page).size() == N + 1);
        List<String> expectedQuotes = new ArrayList<>(fixture.claims.stream().map(Claim::quote).toList());
        expectedQuotes.add(fixture.batch.quote());
        assertThat(sorted(highlightedTexts(page))).isEqualTo(sorted(expectedQuotes));
        for (int i : SAMPLES) {
            assertVisibleText(page.getByTestId("article-body"), fixture.claims.get(i).quote());
            assertVisibleText(page.getByTestId("claim-list-item"), fixture.claims.get(i).statement());
        }

        // Presence: a colleague whose display name is a payload opens the article (with the CSP, as deployed).
        Page colleague = signedIn(fixture.mentionedUsername, false);
        colleague.navigate("/articles/" + fixture.corpus.id());
        assertThat(page.getByTestId("presence")).containsText(fixture.mentionedDisplayName,
                new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        assertThat(colleague.getByTestId("presence")).containsText(fixture.mainDisplayName,
                new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        assertThat(texts(page, "[data-testid=presence] .reader-chip")).anyMatch(t -> t.endsWith(fixture.mentionedDisplayName));
        screenshot(page, "xss-03-reader");
        assertClean(page, "reader with its claim list");
        assertClean(colleague, "reader of the colleague");

        // The batch claim's panel: every display name in the assignee list, 153 pieces of evidence, the whole corpus as
        // the explanation; then its discussion (153 comments) and its history.
        page.navigate("/articles/" + fixture.corpus.id() + "?claim=" + fixture.batch.id());
        assertThat(page.getByTestId("claim-panel")).isVisible(SOON);
        assertThat(page.getByTestId("evidence-item")).hasCount(N, COUNT);
        assertThat(page.getByTestId("claim-statement")).hasValue(fixture.batch.statement());
        assertThat(page.getByTestId("claim-claimant")).hasValue(fixture.batch.claimant());
        assertThat(page.getByTestId("verdict-explanation").inputValue()).isEqualTo(fixture.batch.explanation());
        List<String> members = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            // An option's label is plain text: the name sits between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE.
            members.add("\u2068" + fixture.displayNames.get(i) + "\u2069 (@" + fixture.usernames.get(i) + ")");
        }
        page.waitForCondition(() -> page.locator("[data-testid=claim-assignee] option").count() > N); // the directory is fetched
        assertShown("display names in the assignee list", texts(page, "[data-testid=claim-assignee] option"), members);
        assertShown("evidence titles", texts(page, "[data-testid=evidence-item] .evidence-link"),
                fixture.evidence.stream().map(Evidence::title).toList());
        assertShown("evidence addresses", texts(page, "[data-testid=evidence-item] .evidence-url"),
                fixture.evidence.stream().map(Evidence::url).toList());
        assertShown("evidence notes", texts(page, "[data-testid=evidence-item] .evidence-note"),
                fixture.evidence.stream().map(Evidence::note).toList());
        for (int i : SAMPLES) {
            assertVisibleText(page.getByTestId("evidence-item"), fixture.evidence.get(i).title());
            assertVisibleText(page.getByTestId("evidence-item"), fixture.evidence.get(i).note());
        }
        screenshot(page, "xss-04-claim-tab");
        assertClean(page, "claim tab of the batch claim");

        page.getByTestId("tab-discussion").click();
        assertThat(page.getByTestId("comment")).hasCount(N + 1, COUNT);
        assertShown("comments", texts(page, "[data-testid=comment] .comment-body"), fixture.comments);
        assertShown("the colleague's comment", texts(page, "[data-testid=comment] .comment-body"), List.of(fixture.colleagueComment));
        assertThat(new HashSet<>(texts(page, "[data-testid=comment] .comment-meta strong")))
                .containsExactlyInAnyOrder(fixture.mainDisplayName, fixture.mentionedDisplayName);
        for (int i : SAMPLES) {
            assertVisibleText(page.getByTestId("comment"), fixture.comments.get(i));
        }
        screenshot(page, "xss-05-discussion");
        assertClean(page, "discussion tab");

        page.getByTestId("tab-history").click();
        assertThat(page.getByTestId("history-entry").first()).isVisible(SOON);
        page.waitForCondition(() -> page.getByTestId("history-entry").count() >= 2 * N + 3);
        List<String> changes = texts(page, "[data-testid=history-entry] ins");
        assertShown("comments in the history", changes, fixture.comments);
        assertShown("evidence titles in the history", changes, fixture.evidence.stream().map(Evidence::title).toList());
        assertShown("evidence notes in the history", changes, fixture.evidence.stream().map(Evidence::note).toList());
        assertShown("evidence addresses in the history", changes, fixture.evidence.stream().map(Evidence::url).toList());
        assertShown("the batch explanation in the history", changes, List.of(fixture.batch.explanation()));
        for (int i : SAMPLES) {
            assertVisibleText(page.getByTestId("history"), fixture.comments.get(i));
        }
        screenshot(page, "xss-06-history");
        assertClean(page, "history tab");

        // One-payload claims: statement, claimant, explanation and the highlighted passage.
        for (int i : SAMPLES) {
            Claim claim = fixture.claims.get(i);
            page.navigate("/articles/" + fixture.corpus.id() + "?claim=" + claim.id());
            assertThat(page.getByTestId("claim-panel")).isVisible(SOON);
            assertThat(page.getByTestId("claim-statement")).hasValue(claim.statement());
            assertThat(page.getByTestId("claim-claimant")).hasValue(claim.claimant());
            assertThat(page.getByTestId("verdict-explanation").inputValue()).isEqualTo(claim.explanation());
            assertThat(texts(page, ".appearances q")).containsExactly(truncate(claim.quote(), 140));
            assertVisibleText(page.locator(".appearances"), truncate(claim.quote(), 140));
            assertClean(page, "claim panel of claim " + i);
        }

        // One-payload articles: title, outlet and author in the byline, the source link an https address.
        for (int i : IntStream.concat(IntStream.of(SAMPLES), IntStream.of(95, 96)).toArray()) {
            Article article = fixture.articles.get(i);
            page.navigate("/articles/" + article.id());
            assertThat(page.getByTestId("article-body")).isVisible(SOON);
            assertThat(text(page, "#article-title")).isEqualTo(article.title());
            assertThat(text(page, ".byline")).contains(article.outlet() + " · " + article.author());
            assertThat(text(page, "[data-testid=article-body]")).isEqualTo(article.body());
            assertThat(page.locator(".byline a").getAttribute("href")).isEqualTo(article.url());
            assertVisibleText(page.locator(".byline"), article.author());
            assertVisibleText(page.locator("#article-title"), article.title());
            assertClean(page, "reader of article " + i);
        }
    }

    @Test
    void theQueuesAndTheMentionsMenuShowStatementsCommentsAndNamesAsText() {
        Page page = signedIn(fixture.mainUsername, true);
        List<String> statements = new ArrayList<>(fixture.claims.stream().map(c -> truncate(c.statement(), 200)).toList());
        statements.add(truncate(fixture.batch.statement(), 200));
        List<String> claimants = new ArrayList<>();
        for (Claim c : fixture.claims) {
            if (c.claimant() != null && !c.claimant().isEmpty()) {
                claimants.add(truncate(c.claimant(), 120));
            }
        }
        claimants.add(truncate(fixture.batch.claimant(), 120));
        for (String path : List.of("/queue", "/review")) {
            page.navigate(path);
            Locator items = page.getByTestId("queue-item");
            assertThat(items.first()).isVisible(SOON);
            loadAll(page, items, N + 1);
            assertShown("statements in " + path, texts(page, "[data-testid=queue-item] .claim-statement"), statements);
            assertShown("claimants in " + path, texts(page, "[data-testid=queue-item] .queue-claimant"), claimants);
            assertShown("articles in " + path, texts(page, "[data-testid=queue-item] .queue-article"),
                    Collections.nCopies(N + 1, truncate(fixture.corpus.title(), 160)));
            for (int i : SAMPLES) {
                assertVisibleText(items, fixture.claims.get(i).statement());
            }
            screenshot(page, "xss-07-queue" + path.replace('/', '-'));
            assertClean(page, path);
        }

        // The colleague whose display name is a payload, mentioned in comments that are payloads.
        Page colleague = signedIn(fixture.mentionedUsername, false);
        assertCurrentUser(colleague, fixture.mentionedDisplayName, "analyst");
        assertThat(colleague.getByTestId("mentions-unread")).hasText(Integer.toString(fixture.mentions.size()));
        colleague.getByTestId("mentions-button").click();
        Locator mentions = colleague.locator(".mentions-panel .mention");
        assertThat(mentions).hasCount(fixture.mentions.size());
        List<String> heads = texts(colleague, ".mentions-panel .mention > span:first-child");
        List<String> excerpts = texts(colleague, ".mentions-panel .mention > span:nth-child(2)");
        for (Mention m : fixture.mentions) {
            assertShown("mention", heads, List.of("@" + m.author() + " on “" + truncate(m.claimStatement(), 60) + "”"));
            assertShown("mention excerpt", excerpts, List.of(truncate(m.excerpt(), 120)));
        }
        assertVisibleText(mentions, truncate(fixture.mentions.get(0).excerpt(), 120));
        screenshot(colleague, "xss-08-mentions");
        assertClean(colleague, "mentions menu");
    }

    @Test
    void importAndExportKeepPayloadsAsText() throws IOException {
        Page page = signedIn(fixture.mainUsername, true);
        page.navigate("/import");
        String word = ApiClient.uniqueWord();
        String txtName = P(15) + ".txt";
        String htmlName = P(20) + ".html";
        String refusedName = P(23) + ".pdf";
        String txt = P(0) + "\n\n" + P(5) + "\n" + P(101) + "\n" + word;
        String html = "<!doctype html><html lang=\"" + attr(P(126)) + "\"><head><title>" + escape(P(105)) + "</title>"
                + "<meta property=\"og:title\" content=\"" + attr(P(140)) + "\">"
                + "<meta property=\"og:site_name\" content=\"" + attr(P(106)) + "\">"
                + "<meta name=\"author\" content=\"" + attr(P(103)) + "\">"
                + "<meta property=\"article:published_time\" content=\"" + attr(P(127)) + "\">"
                + "<link rel=\"canonical\" href=\"" + attr(P(47)) + "\">"
                + "<script>__xss(9001)</script></head><body><article><p>" + escape(P(0)) + "</p>"
                + "<p><img src=x onerror=__xss(9002)>" + escape(P(138)) + " " + word + "</p></article></body></html>";
        page.getByTestId("import-files").setInputFiles(new FilePayload[] {
            new FilePayload(txtName, "text/plain", txt.getBytes(StandardCharsets.UTF_8)),
            new FilePayload(htmlName, "text/html", html.getBytes(StandardCharsets.UTF_8)),
            new FilePayload(refusedName, "application/pdf", new byte[] {'%', 'P', 'D', 'F'})});
        assertThat(page.locator(".file-list li span:first-child")).hasText(new String[] {txtName, htmlName, refusedName});
        assertClean(page, "import with files chosen");
        page.getByTestId("import-send").click();
        Locator results = page.getByTestId("import-result");
        assertThat(results).hasCount(3, COUNT);
        assertThat(texts(page, "[data-testid=import-result] strong")).containsExactly(txtName, htmlName, refusedName);
        assertThat(results.nth(2)).containsText("refused");
        long txtId = articleIdOf(results.nth(0).locator("a"));
        long htmlId = articleIdOf(results.nth(1).locator("a"));
        Map<String, Object> txtArticle = ApiClient.as("viewer").get("/api/articles/" + txtId).then().statusCode(200).extract().path("");
        Map<String, Object> htmlArticle = ApiClient.as("viewer").get("/api/articles/" + htmlId).then().statusCode(200).extract().path("");
        assertThat(txtArticle.get("title")).isEqualTo(TextNormalizer.normalizeLine(P(0)));
        assertThat(htmlArticle.get("title")).isEqualTo(TextNormalizer.normalizeLine(P(140)));
        assertThat(text(page, "[data-testid=import-result]:nth-child(1) a")).isEqualTo(txtArticle.get("title"));
        assertThat(text(page, "[data-testid=import-result]:nth-child(2) a")).isEqualTo(htmlArticle.get("title"));
        List<String> warnings = texts(page, "[data-testid=import-result] .warnings li");
        for (int i : new int[] {47, 126, 127}) {
            assertThat(warnings).as("a warning naming " + P(i)).anyMatch(w -> w.contains("(" + P(i) + ")"));
        }
        assertVisibleText(page.getByTestId("import-results"), txtName);
        assertVisibleText(page.getByTestId("import-results"), P(140));
        screenshot(page, "xss-09-import");
        assertClean(page, "import results");

        results.nth(1).locator("a").click();
        assertThat(page.getByTestId("article-body")).isVisible(SOON);
        assertThat(text(page, "#article-title")).isEqualTo(htmlArticle.get("title"));
        assertThat(text(page, ".byline")).contains(TextNormalizer.normalizeLine(P(106))).contains(TextNormalizer.normalizeLine(P(103)));
        assertThat(text(page, "[data-testid=article-body]")).isEqualTo(htmlArticle.get("body"))
                .contains(P(0)).contains(P(138)).doesNotContain("__xss(900");
        assertClean(page, "reader of the imported page");

        // Export: the page, and what it downloads (drafts waiting for review: the corpus claims), byte for byte.
        page.navigate("/export");
        page.getByTestId("export-format").selectOption("ndjson");
        page.getByTestId("export-state").selectOption("all");
        page.getByLabel("Status").selectOption("in_review");
        assertClean(page, "export page");
        Download download = page.waitForDownload(() -> page.getByTestId("export-download").click());
        Map<Long, JsonNode> exported = new HashMap<>();
        for (String line : Files.readAllLines(download.path(), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode record = JSON.readTree(line);
                exported.put(record.get("claimId").asLong(), record);
            }
        }
        for (Claim c : fixture.claims) {
            JsonNode record = exported.get(c.id());
            assertThat(record).as("claim " + c.id() + " exported").isNotNull();
            assertThat(record.get("statement").asText()).isEqualTo(c.statement());
            assertThat(record.get("claimant").asText()).isEqualTo(c.claimant());
            assertThat(record.at("/verdict/explanation").asText()).isEqualTo(c.explanation());
            assertThat(record.at("/appearances/0/exact").asText()).isEqualTo(c.quote());
        }
        JsonNode batch = exported.get(fixture.batch.id());
        assertThat(batch.at("/verdict/explanation").asText()).isEqualTo(fixture.batch.explanation());
        List<String> exportedTitles = new ArrayList<>();
        batch.get("evidence").forEach(e -> exportedTitles.add(e.get("title").asText()));
        assertShown("evidence titles in the export", exportedTitles, fixture.evidence.stream().map(Evidence::title).toList());
        screenshot(page, "xss-10-export");
        assertClean(page, "export page after the download");
    }

    @Test
    void theUsersPageShowsEveryDisplayNameAsText() {
        Page page = signedIn("admin", false);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users")).click();
        Locator rows = page.getByTestId("user-row");
        assertThat(rows.first()).isVisible(SOON);
        page.waitForCondition(() -> rows.count() >= N + 1);
        List<String> names = texts(page, "[data-testid=user-row] td:first-child");
        assertShown("display names on the users page", names, fixture.displayNames);
        assertShown("the analyst's display name on the users page", names, List.of(fixture.mainDisplayName));
        for (int i : SAMPLES) {
            assertVisibleText(rows, fixture.displayNames.get(i));
        }
        screenshot(page, "xss-11-users");
        assertClean(page, "users page");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The browser side: pages that report what runs, and the checks made on every screen.

    /** What the detector writes to the console: a console message needs no answer, so it survives any navigation. */
    private static final String HIT = "xss-detector-hit: ";

    private static final String DETECTOR = """
            (() => {
              const log = console.info.bind(console);
              const report = (what) => log('%s' + String(what));
              window.__xss = (n) => { report('__xss(' + n + ')'); return n; };
              document.addEventListener('securitypolicyviolation', (e) =>
                report('CSP violation: ' + e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')), true);
            })();
            """.formatted(HIT);

    private Page open(boolean bypassCsp) {
        Page page = browser.newPage(bypassCsp);
        BrowserContext context = page.context();
        contexts.add(context);
        context.addInitScript(DETECTOR);
        context.route(url -> !sameOrigin(url), route -> {
            hits.add("request to another origin: " + route.request().url());
            route.abort();
        });
        page.onConsoleMessage(m -> {
            if (m.text().startsWith(HIT)) {
                hits.add(m.text().substring(HIT.length()) + " at " + m.location());
            }
        });
        page.onFrameNavigated(frame -> {
            if (frame != page.mainFrame()) {
                hits.add("a frame navigated to " + frame.url());
            } else if (!sameOrigin(frame.url())) {
                hits.add("the page navigated to " + frame.url());
            }
        });
        page.onPopup(popup -> hits.add("a popup opened: " + popup.url()));
        return page;
    }

    private Page signedIn(String username, boolean bypassCsp) {
        Page page = open(bypassCsp);
        browser.signIn(page, username, username.equals("admin") ? ApiClient.ADMIN_PASSWORD : ApiClient.PASSWORD);
        return page;
    }

    private boolean sameOrigin(String url) {
        return url.equals("about:blank") || url.startsWith(origin + "/") || url.equals(origin);
    }

    private static final String INJECTED = """
            () => {
              const bad = [];
              const show = (el) => el.outerHTML.slice(0, 200);
              const never = 'iframe, frame, frameset, object, embed, applet, img, image, picture, video, audio, source, track,'
                + ' svg, math, canvas, marquee, details, template, noscript, xmp, plaintext, noembed, portal, base,'
                + ' meta[http-equiv], input[type=image], form[action], [formaction], [srcdoc],'
                + ' body script, body style, body link, body meta, body title';
              document.querySelectorAll(never).forEach((el) => bad.push('element ' + show(el)));
              document.querySelectorAll('script').forEach((s) => {
                const src = s.src ? new URL(s.src) : null;
                if (!src || src.origin !== location.origin || !src.pathname.startsWith('/assets/') || s.textContent.trim()) {
                  bad.push('script ' + show(s));
                }
              });
              for (const el of document.querySelectorAll('*')) {
                if (el instanceof HTMLUnknownElement) bad.push('unknown element ' + show(el));
                for (const a of el.attributes) {
                  const name = a.name.toLowerCase();
                  const value = a.value.replace(/[\\u0000-\\u0020\\u00a0\\u200b-\\u200f\\u2028\\u2029\\ufeff]/g, '').toLowerCase();
                  if (name.startsWith('on')) bad.push('handler ' + name + ' on ' + show(el));
                  if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'ping', 'srcset'].includes(name)
                      && /^(javascript|vbscript|data):/.test(value) && !(el.tagName === 'LINK' && el.rel === 'icon' && value === 'data:,')) {
                    bad.push('address ' + show(el));
                  }
                  if (name === 'style' && /url\\(|expression\\(|@import|javascript:/.test(value)) bad.push('style ' + show(el));
                }
              }
              document.querySelectorAll('a[href]').forEach((a) => {
                if (!['http:', 'https:'].includes(new URL(a.href, location.href).protocol)) bad.push('link ' + show(a));
                if (a.target && !/\\bnoopener\\b/.test(a.rel)) bad.push('opener ' + show(a));
              });
              return bad;
            }
            """;

    /**
     * Explicit bidi controls in user text (U+202A-U+202E, U+2066-U+2068, as in payload 98, an unterminated right-to-left
     * override) must not reorder anything but that text: a text node where such a control is still open at its end
     * must hold only user text from the control on, and nothing visible may follow it before the end of its
     * isolating box (a bdi, {@code unicode-bidi: isolate}, a block, a flex item, an option...). Otherwise one person's
     * name could, for example, show the username printed beside it reversed.
     */
    private static final String BIDI = """
            (userTexts) => {
              const bad = [];
              const openAt = (s, breaks) => {
                const stack = [];
                for (let i = 0; i < s.length; i++) {
                  const c = s.charCodeAt(i);
                  if (c === 0x202C) { if (stack.length && stack[stack.length - 1].isolate === false) stack.pop(); }
                  else if (c >= 0x202A && c <= 0x202E) stack.push({ isolate: false, i });
                  else if (c >= 0x2066 && c <= 0x2068) stack.push({ isolate: true, i });
                  else if (c === 0x2069) { const k = stack.map((x) => x.isolate).lastIndexOf(true); if (k >= 0) stack.length = k; }
                  else if (c === 0x2029 || c === 0x1C || c === 0x1D || c === 0x1E || c === 0x85 || (breaks && (c === 0x0A || c === 0x0D))) stack.length = 0;
                }
                return stack.length ? stack[0].i : -1;
              };
              const isolating = (el) => el.tagName === 'BDI' || el.tagName === 'OPTION'
                || ['isolate', 'isolate-override', 'plaintext'].includes(getComputedStyle(el).unicodeBidi)
                || !['inline', 'contents'].includes(getComputedStyle(el).display);
              const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let t = texts.nextNode(); t; t = texts.nextNode()) {
                const parent = t.parentElement;
                if (!/[\\u202A-\\u202E\\u2066-\\u2068]/.test(t.data) || parent.closest('textarea, script, style')) continue;
                const option = parent.closest('option');
                if (!option && !parent.checkVisibility()) continue;
                const at = openAt(t.data, /pre|break-spaces/.test(getComputedStyle(parent).whiteSpace));
                if (at < 0) continue;
                const tail = t.data.slice(at).replace(/…$/, '');
                const where = (parent.closest('[data-testid]')?.dataset.testid || parent.tagName) + ': ' + JSON.stringify(t.data.slice(0, 100));
                if (!userTexts.some((u) => u.includes(tail))) bad.push('text of the app follows an open bidi control in ' + where);
                let scope = parent;
                while (scope !== document.body && !isolating(scope)) scope = scope.parentElement;
                const after = document.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, { acceptNode: (n) =>
                  n.nodeType === 1 && getComputedStyle(n).display === 'none' ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
                after.currentNode = t;
                for (let n = after.nextNode(); n; n = after.nextNode()) {
                  const shown = n.nodeType === 3 ? n.data.trim() !== '' : !['inline', 'contents'].includes(getComputedStyle(n).display);
                  if (shown) {
                    bad.push('the open bidi control of ' + where + ' reorders what follows it: '
                      + JSON.stringify((n.nodeType === 3 ? n.data : n.outerHTML).slice(0, 100)));
                    break;
                  }
                }
              }
              return bad;
            }
            """;

    /** Nothing ran, nothing was made from a payload, nothing left the app, no user text reorders other text. */
    private void assertClean(Page page, String screen) {
        page.waitForTimeout(150); // time for an onerror, an autofocus or an animation to fire, had any been made
        assertThat(hits).as("scripts that ran, CSP violations, foreign requests or navigations on " + screen).isEmpty();
        assertThat(browser.problems()).as("script errors and dialogs on " + screen).isEmpty();
        assertThat(page.title()).as("document.title on " + screen).isEqualTo(APP_TITLE);
        assertThat(sameOrigin(page.url())).as("still in the app on " + screen + ": " + page.url()).isTrue();
        @SuppressWarnings("unchecked")
        List<String> injected = (List<String>) evaluate(page, INJECTED, null);
        assertThat(injected).as("elements or attributes made from payloads on " + screen).isEmpty();
        @SuppressWarnings("unchecked")
        List<String> reordered = (List<String>) evaluate(page, BIDI, fixture.userTexts());
        assertThat(reordered).as("bidi controls in user text reordering other text on " + screen).isEmpty();
    }

    private void assertCurrentUser(Page page, String displayName, String role) {
        assertThat(text(page, "[data-testid=current-user]")).isEqualTo(displayName + " " + role);
        assertVisibleText(page.getByTestId("current-user"), displayName);
    }

    /** Every expected text is the whole text of one of the elements shown (each as often as expected). */
    private void assertShown(String what, List<String> shown, Collection<String> expected) {
        assertThat(hits).as("scripts that ran, CSP violations, foreign requests or navigations, seen before checking " + what).isEmpty();
        Map<String, Integer> left = new HashMap<>();
        shown.forEach(s -> left.merge(s, 1, Integer::sum));
        List<String> missing = new ArrayList<>();
        for (String e : expected) {
            Integer n = left.get(e);
            if (n == null || n == 0) {
                missing.add(e);
            } else {
                left.put(e, n - 1);
            }
        }
        assertThat(missing).as(what + ": not shown as text (of " + expected.size() + ")").isEmpty();
    }

    /** Playwright's own text matching (white space normalised) finds the text in one of these elements, visible. */
    private static void assertVisibleText(Locator scope, String text) {
        assertThat(scope.filter(new Locator.FilterOptions().setHasText(text).setVisible(true)).first()).isVisible(SOON);
    }

    private static void assertVisibleText(Page page, String text) {
        assertThat(page.getByText(text).filter(new Locator.FilterOptions().setVisible(true)).first()).isVisible(SOON);
    }

    private String text(Page page, String selector) {
        return (String) evaluate(page, "(s) => document.querySelector(s).textContent", selector);
    }

    @SuppressWarnings("unchecked")
    private List<String> texts(Page page, String selector) {
        return (List<String>) evaluate(page, "(s) => Array.from(document.querySelectorAll(s), (e) => e.textContent)", selector);
    }

    /** The text under each range of the claim highlights the annotation engine registered. */
    @SuppressWarnings("unchecked")
    private List<String> highlightedTexts(Page page) {
        return (List<String>) evaluate(page, "() => { const out = [];"
                + " for (const [name, h] of CSS.highlights) if (name.startsWith('wb-r-')) for (const r of h) out.push(r.toString());"
                + " return out; }", null);
    }

    /** Evaluates in the page; a page that a payload navigated away or replaced fails with what the detectors saw. */
    private Object evaluate(Page page, String script, Object arg) {
        try {
            return page.evaluate(script, arg);
        } catch (PlaywrightException e) {
            throw new AssertionError("the page changed under the test (" + e.getMessage().lines().filter(l -> l.contains("message="))
                    .findFirst().orElse(e.getMessage()) + "); scripts, requests and navigations seen: " + hits
                    + "; problems: " + browser.problems(), e);
        }
    }

    private static void search(Page page, String q) {
        page.getByLabel("Search articles").fill(q);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true)).click();
        page.waitForCondition(() -> (Boolean) page.evaluate("() => document.querySelector('p.empty') !== null"
                + " || document.querySelectorAll('[data-testid=article-row]').length > 0"));
    }

    /** Presses "Load more" until it is gone, or at least {@code atLeast} items are shown and all pages are in. */
    private static void loadAll(Page page, Locator items, int atLeast) {
        Locator more = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load more"));
        for (int round = 0; round < 40 && more.count() > 0; round++) {
            int before = items.count();
            more.click();
            page.waitForCondition(() -> items.count() > before || more.count() == 0);
        }
        assertThat(items.count()).isGreaterThanOrEqualTo(atLeast);
    }

    private static long articleIdOf(Locator link) {
        return Long.parseLong(link.getAttribute("href").replaceAll(".*/articles/(\\d+).*", "$1"));
    }

    private static List<String> sorted(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.sort(copy);
        return copy;
    }

    /** As the app shortens text: to n code points, the last one an ellipsis. */
    static String truncate(String text, int n) {
        return text.codePointCount(0, text.length()) <= n ? text : text.substring(0, text.offsetByCodePoints(0, n - 1)) + "…";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attr(String s) {
        return escape(s).replace("\"", "&quot;").replace("'", "&#39;");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The corpus and the data made from it through the API.

    static String P(int i) {
        return PAYLOADS.get(Math.floorMod(i, N));
    }

    static List<String> loadCorpus() {
        try (InputStream in = XssCorpusBrowserTest.class.getResourceAsStream("/xss-corpus.txt")) {
            if (in == null) {
                throw new IllegalStateException("xss-corpus.txt is not on the test class path");
            }
            List<String> payloads = new ArrayList<>();
            int lineNumber = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                lineNumber++;
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (!line.isEmpty() && !line.startsWith("#")) {
                    payloads.add(unescape(line, lineNumber));
                }
            }
            return List.copyOf(payloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unescape(String line, int lineNumber) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = i + 1 < line.length() ? line.charAt(i + 1) : ' ';
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    if (i + 2 < line.length() && line.charAt(i + 2) == '{') {
                        int close = line.indexOf('}', i);
                        out.appendCodePoint(Integer.parseInt(line.substring(i + 3, close), 16));
                        i = close - 1;
                    } else {
                        out.append((char) Integer.parseInt(line.substring(i + 2, i + 6), 16));
                        i += 4;
                    }
                }
                default -> throw new IllegalStateException("xss-corpus.txt line " + lineNumber + ": unknown escape \\" + next);
            }
            i++;
        }
        return out.toString();
    }

    /** A valid https address carrying payload i in its query, percent-encoded only where java.net.URI insists. */
    static String httpsAddress(String kind, int i) {
        StringBuilder query = new StringBuilder();
        P(i).codePoints().forEach(cp -> {
            boolean plain = cp < 128 ? (Character.isLetterOrDigit(cp) || "-_.~!$&'()*+,;=:@/?".indexOf(cp) >= 0)
                    : !Character.isISOControl(cp) && !Character.isSpaceChar(cp);
            if (plain) {
                query.appendCodePoint(cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    query.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        });
        return "https://example.org/xss/" + kind + "/" + (i + 1) + "?q=" + query;
    }

    record Article(long id, String title, String outlet, String author, String url, String body) {

        static Article of(JsonNode a) {
            return new Article(a.get("id").asLong(), text(a, "title"), text(a, "outlet"), text(a, "author"), text(a, "url"),
                    text(a, "body"));
        }
    }

    record Claim(long id, String quote, String statement, String claimant, String explanation) {
    }

    record Evidence(String title, String url, String note) {
    }

    record Mention(String author, String claimStatement, String excerpt) {
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * A plain HTTP client for the 1,500 calls that store the corpus: lighter than RestAssured, so the data is in
     * place in seconds. Every call is made with a bearer token.
     */
    record Http(HttpClient client, String base) {

        record Answer(int status, JsonNode body, String etag) {

            Answer expect(int expected) {
                assertThat(status).as("HTTP status; answer: " + body).isEqualTo(expected);
                return this;
            }
        }

        Answer send(String method, String path, String token, Object body, String ifMatch) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token).header("Accept", "application/json");
                if (ifMatch != null) {
                    request.header("If-Match", ifMatch);
                }
                if (body == null) {
                    request.method(method, HttpRequest.BodyPublishers.noBody());
                } else {
                    request.header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
                }
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                String text = response.body();
                return new Answer(response.statusCode(), text == null || text.isEmpty() ? null : JSON.readTree(text),
                        response.headers().firstValue("ETag").orElse(null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Everything stored for the run, as the server answered it. */
    static final class Fixture {
        String word;
        String mainUsername;
        String mainDisplayName;
        String mentionedUsername;
        String mentionedDisplayName;
        final List<String> usernames = new ArrayList<>();
        final List<String> displayNames = new ArrayList<>();
        Article corpus;
        final List<Article> articles = new ArrayList<>();
        Claim batch;
        final List<Claim> claims = new ArrayList<>();
        final List<Evidence> evidence = new ArrayList<>();
        final List<String> comments = new ArrayList<>();
        final List<Mention> mentions = new ArrayList<>();
        final List<Integer> refusedEvidenceUrls = new ArrayList<>();
        final List<Integer> refusedArticleUrls = new ArrayList<>();
        String colleagueComment;

        private Http http;

        /** Every text a user stored (payloads as sent and as single-line and multi-line fields keep them, addresses). */
        List<String> userTexts() {
            List<String> texts = new ArrayList<>();
            for (String p : PAYLOADS) {
                texts.add(p);
                texts.add(TextNormalizer.normalizeLine(p));
                texts.add(CommentService.validBody(p, "body"));
            }
            evidence.forEach(e -> texts.add(e.url()));
            articles.forEach(a -> texts.add(a.url()));
            return texts;
        }
        private String mainToken;

        private Http.Answer main(String method, String path, Object body) {
            return http.send(method, path, mainToken, body, null);
        }

        static Fixture create(String origin) {
            pool = Executors.newFixedThreadPool(4);
            Fixture f = new Fixture();
            f.http = new Http(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), origin);
            String admin = ApiClient.tokenOf("admin");
            f.word = ApiClient.uniqueWord();
            String run = f.word.substring(2, 10);
            List<Integer> all = IntStream.range(0, N).boxed().toList();

            // Users: one per payload as its display name, and the analyst (a reviewer) who browses.
            List<JsonNode> users = inParallel(all, i -> f.http.send("POST", "/api/users", admin,
                    Map.of("username", "xss" + run + "-" + (i + 1), "displayName", P(i), "password", ApiClient.PASSWORD,
                            "role", "analyst"), null).expect(201).body());
            for (int i = 0; i < N; i++) {
                f.usernames.add(text(users.get(i), "username"));
                f.displayNames.add(text(users.get(i), "displayName"));
                assertThat(f.displayNames.get(i)).isEqualTo(TextNormalizer.normalizeLine(P(i)));
            }
            f.mainUsername = "xss" + run + "-main";
            f.mainDisplayName = text(f.http.send("POST", "/api/users", admin, Map.of("username", f.mainUsername,
                    "displayName", P(15), "password", ApiClient.PASSWORD, "role", "reviewer"), null).expect(201).body(), "displayName");
            f.mainToken = ApiClient.createToken(f.mainUsername, ApiClient.PASSWORD);
            int mentioned = 97; // U+202E, an unterminated right-to-left override
            f.mentionedUsername = f.usernames.get(mentioned);
            f.mentionedDisplayName = f.displayNames.get(mentioned);

            // The corpus article: every payload on a line of its own, after its marker.
            StringBuilder body = new StringBuilder("XSS corpus " + f.word + ": every line below is a payload, shown as text.");
            for (int i = 0; i < N; i++) {
                body.append("\n[xss ").append(i + 1).append("] ").append(P(i));
            }
            Map<String, Object> corpusRequest = new LinkedHashMap<>();
            corpusRequest.put("title", "XSS corpus " + f.word + " " + P(0));
            corpusRequest.put("outlet", P(1));
            corpusRequest.put("author", P(2));
            corpusRequest.put("url", httpsAddress("corpus", 0));
            corpusRequest.put("body", body.toString());
            long corpusId = f.main("POST", "/api/articles", corpusRequest).expect(201).body().get("id").asLong();
            f.corpus = Article.of(f.main("GET", "/api/articles/" + corpusId, null).expect(200).body());

            // One article per payload (title, outlet, author rotated), and every payload refused as an article's URL.
            f.articles.addAll(inParallel(all, i -> {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("title", P(i));
                request.put("outlet", P(i + 1));
                request.put("author", P(i + 2));
                request.put("url", httpsAddress("article", i));
                request.put("body", "XSS corpus " + f.word + " article " + (i + 1) + "\n" + P(i));
                Article a = Article.of(f.main("POST", "/api/articles", request).expect(201).body());
                assertThat(a.title()).isEqualTo(TextNormalizer.normalizeLine(P(i)));
                assertThat(a.outlet()).isEqualTo(TextNormalizer.normalizeLine(P(i + 1)));
                assertThat(a.author()).isEqualTo(TextNormalizer.normalizeLine(P(i + 2)));
                return a;
            }));
            f.refusedArticleUrls.addAll(inParallel(all, i -> f.main("POST", "/api/articles",
                    Map.of("title", "Refused " + f.word, "body", "Refused " + f.word + " " + i, "url", P(i))).status()));

            // A claim per payload, highlighted over the payload in the corpus body: statement, claimant, verdict, sent
            // for review and assigned to the analyst.
            List<String> ratings = new ArrayList<>();
            f.main("GET", "/api/ratings", null).expect(200).body().get("items").forEach(r -> ratings.add(r.get("key").asText()));
            String stored = f.corpus.body();
            String head = stored.substring(0, stored.indexOf('\n'));
            f.batch = f.claimOver(stored, 0, head, "Every payload below is text " + f.word, P(3),
                    String.join("\n", IntStream.range(0, N).mapToObj(i -> "[xss " + (i + 1) + "]\n" + P(i)).toList()),
                    ratings.get(0));
            f.claims.addAll(inParallel(all, i -> {
                String marker = "\n[xss " + (i + 1) + "] ";
                int from = stored.indexOf(marker) + marker.length();
                int to = stored.indexOf("\n[xss " + (i + 2) + "] ", from);
                String quote = stored.substring(from, to < 0 ? stored.length() : to);
                return f.claimOver(stored, from, quote, P(i + 1), P(i + 2), P(i + 3), ratings.get(i % ratings.size()));
            }));

            // The batch claim: a piece of evidence and a comment per payload; each payload refused as a URL.
            List<String> stances = List.of("supports", "refutes", "context");
            String evidencePath = "/api/claims/" + f.batch.id() + "/evidence";
            f.evidence.addAll(inParallel(all, i -> {
                JsonNode e = f.main("POST", evidencePath, Map.of("url", httpsAddress("evidence", i), "title", P(i),
                        "note", P(i + 4), "stance", stances.get(i % 3))).expect(201).body();
                assertThat(text(e, "title")).isEqualTo(TextNormalizer.normalizeLine(P(i)));
                return new Evidence(text(e, "title"), text(e, "url"), text(e, "note"));
            }));
            f.refusedEvidenceUrls.addAll(inParallel(all, i -> {
                Http.Answer r = f.main("POST", evidencePath, Map.of("url", P(i), "stance", "supports"));
                if (r.status() == 400) {
                    assertThat(r.body().at("/errors/0/field").asText()).isEqualTo("url");
                    assertThat(r.body().get("errors")).hasSize(1);
                }
                return r.status();
            }));
            f.comments.addAll(inParallel(all, i -> {
                String c = text(f.main("POST", "/api/claims/" + f.batch.id() + "/comments", Map.of("body", P(i))).expect(201).body(), "body");
                assertThat(c).isEqualTo(CommentService.validBody(P(i), "body"));
                return c;
            }));

            // A colleague whose display name is a payload is mentioned in comments that carry payloads, and comments too.
            String colleague = ApiClient.createToken(f.mentionedUsername, ApiClient.PASSWORD);
            f.colleagueComment = text(f.http.send("POST", "/api/claims/" + f.batch.id() + "/comments", colleague,
                    Map.of("body", P(96)), null).expect(201).body(), "body");
            inParallel(IntStream.range(0, 8).boxed().toList(), j -> f.main("POST", "/api/claims/" + f.claims.get(j).id() + "/comments",
                    Map.of("body", "@" + f.mentionedUsername + " " + P(j * 19 + 7))).expect(201));
            f.http.send("GET", "/api/mentions", colleague, null, null).expect(200).body().get("items").forEach(m ->
                    f.mentions.add(new Mention(text(m, "author"), text(m, "claimStatement"), text(m, "excerpt"))));
            assertThat(f.mentions).hasSize(8);
            return f;
        }

        /** Highlights the quote at {@code from} (a UTF-16 index) as a new claim with these fields and a verdict. */
        private Claim claimOver(String body, int from, String quote, String statement, String claimant, String explanation,
                                String rating) {
            int start = body.codePointCount(0, from);
            int end = start + quote.codePointCount(0, quote.length());
            long id = main("POST", "/api/articles/" + corpus.id() + "/annotations", Map.of("start", start, "end", end,
                    "exact", quote, "claim", Map.of("statement", statement, "claimant", claimant))).expect(201).body().get("claimId").asLong();
            String etag = main("GET", "/api/claims/" + id, null).expect(200).etag();
            String next = http.send("PUT", "/api/claims/" + id + "/verdict", mainToken,
                    Map.of("rating", rating, "explanation", explanation), etag).expect(200).etag();
            JsonNode claim = http.send("PATCH", "/api/claims/" + id, mainToken,
                    Map.of("status", "in_review", "assignee", mainUsername), next).expect(200).body();
            Claim c = new Claim(id, claim.at("/annotations/0/exact").asText(), text(claim, "statement"), text(claim, "claimant"),
                    claim.at("/verdict/explanation").asText());
            assertThat(c.quote()).isEqualTo(quote);
            assertThat(c.statement()).isEqualTo(TextNormalizer.normalizeLine(statement));
            assertThat(c.claimant()).isEqualTo(TextNormalizer.normalizeLine(claimant));
            assertThat(c.explanation()).isEqualTo(explanation.replace("\r\n", "\n").replace('\r', '\n').strip());
            return c;
        }

        private static <T, R> List<R> inParallel(List<T> items, Function<T, R> task) {
            List<CompletableFuture<R>> futures = items.stream().map(i -> CompletableFuture.supplyAsync(() -> task.apply(i), pool)).toList();
            List<R> results = new ArrayList<>();
            for (CompletableFuture<R> f : futures) {
                try {
                    results.add(f.join());
                } catch (CompletionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw e;
                }
            }
            return results;
        }
    }
}
