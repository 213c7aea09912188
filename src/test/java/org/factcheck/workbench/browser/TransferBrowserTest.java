package org.factcheck.workbench.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.etagOf;
import static org.factcheck.workbench.ApiClient.sendForReview;
import static org.factcheck.workbench.ApiClient.setVerdict;
import static org.factcheck.workbench.browser.BrowserSupport.screenshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.junit.QuarkusTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.factcheck.workbench.ApiClient;
import org.junit.jupiter.api.Test;

/** Articles in from files, verdicts out as files, as a person does it in the browser. */
@QuarkusTest
class TransferBrowserTest extends BrowserTest {




    @Test
    void importsASavedNewsPageAndReportsEachFile() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String html = "<html lang=en><head><meta property='og:title' content='Pro-Assad Forces Close on Deir ez-Zor " + marker + "'>"
                + "<meta property='og:site_name' content='EA WorldView'><meta property='article:published_time' content='2017-09-05T17:00:00Z'>"
                + "<script>window.__pwned = 1</script></head><body><nav>Menu</nav><article><p>Troops are 3 km away.</p>"
                + "<p>State TV said so. " + marker + "</p></article></body></html>";
        ApiClient.tokenOf("analyst");
        Page page = browser.newPage();
        browser.signIn(page, ApiClient.usernameFor("analyst"), ApiClient.PASSWORD);
        page.navigate("/import");
        page.getByTestId("import-files").setInputFiles(new FilePayload[] {
            new FilePayload("ea-worldview.html", "text/html", html.getBytes(StandardCharsets.UTF_8)),
            new FilePayload("scan.pdf", "application/pdf", new byte[] {'%', 'P', 'D', 'F'})});
        // A third file arrives by drag and drop onto the drop zone.
        page.getByTestId("dropzone").evaluate("(zone, text) => { const dt = new DataTransfer();"
                + " dt.items.add(new File([text], 'notes.txt', { type: 'text/plain' }));"
                + " zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })); }",
                "Desk notes " + marker + "\nThe SDF says 28.");
        assertThat(page.getByTestId("import-send")).hasText("Import 3 files");
        page.getByTestId("import-send").click();
        assertThat(page.getByTestId("import-result")).hasCount(3, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        assertThat(page.getByTestId("import-result").nth(0)).containsText("created");
        assertThat(page.getByTestId("import-result").nth(1)).containsText("refused");
        assertThat(page.getByTestId("import-result").nth(2)).containsText("created");
        screenshot(page, "13-import-results");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pro-Assad Forces Close on Deir ez-Zor " + marker)).click();
        assertThat(page.locator("#article-title")).hasText("Pro-Assad Forces Close on Deir ez-Zor " + marker);
        assertThat(page.locator(".byline")).containsText("EA WorldView");
        assertThat(page.locator(".byline")).containsText("5 Sept 2017");
        assertThat(page.getByTestId("article-body")).hasText("Troops are 3 km away.\n\nState TV said so. " + marker);
        assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.problems()).isEmpty();
    }

    @Test
    void downloadsPublishedVerdictsAsCsvAndClaimReview() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String phrase = "=HYPERLINK(\"http://evil.example\") says 28 died";
        long article = ApiClient.createArticle("Export from the browser " + marker, phrase + ". " + marker);
        long claim = ApiClient.claimFrom(article, 0, phrase.length(), phrase);
        setVerdict("analyst", claim, "false", "@SUM(1+1) is not a source").then().statusCode(200);
        sendForReview(claim);
        as("reviewer").header("If-Match", etagOf(claim)).post("/api/claims/" + claim + "/verdict/publish").then().statusCode(200);

        ApiClient.tokenOf("viewer");
        Page page = browser.newPage();
        browser.signIn(page, ApiClient.usernameFor("viewer"), ApiClient.PASSWORD);
        page.navigate("/export");
        page.getByTestId("export-format").selectOption("csv");
        screenshot(page, "14-export");
        Download csvDownload = page.waitForDownload(() -> page.getByTestId("export-download").click());
        assertThat(csvDownload.suggestedFilename()).startsWith("verdicts-published-").endsWith(".csv");
        String csv = Files.readString(csvDownload.path(), StandardCharsets.UTF_8).replace("\uFEFF", "");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
        CSVRecord row = rows.stream().filter(r -> r.get("claim_id").equals(Long.toString(claim))).findFirst().orElseThrow();
        assertThat(row.get("statement")).isEqualTo("'" + phrase);
        assertThat(row.get("explanation")).isEqualTo("'@SUM(1+1) is not a source");
        assertThat(row.get("rating")).isEqualTo("false");

        page.getByTestId("export-format").selectOption("claimreview");
        Download reviewDownload = page.waitForDownload(() -> page.getByTestId("export-download").click());
        JsonNode reviews = new ObjectMapper().readTree(Files.readString(reviewDownload.path(), StandardCharsets.UTF_8));
        JsonNode review = null;
        for (JsonNode r : reviews) {
            if (r.get("url").asText().endsWith("/claims/" + claim)) {
                review = r;
            }
        }
        assertThat(review).isNotNull();
        assertThat(review.get("@type").asText()).isEqualTo("ClaimReview");
        assertThat(review.at("/reviewRating/alternateName").asText()).isEqualTo("False");
        assertThat(browser.problems()).isEmpty();
        assertThat(Map.of()).isEmpty();
    }
}
