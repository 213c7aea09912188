package org.factcheck.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.tokenOf;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ArticleImportApiTest {

    private static final String IMPORT = "/api/articles/import";

    private static RequestSpecification asAnalyst() {
        return given().header("Authorization", "Bearer " + tokenOf("analyst"));
    }

    private static String page(String marker) {
        return """
                <!doctype html>
                <html lang="en"><head>
                  <title>Site title | Example News</title>
                  <meta property="og:title" content="Syrian Army: ISIS terrorists surrounded in Deir ez-Zor %1$s">
                  <meta property="og:site_name" content="RT">
                  <meta name="author" content="Mikhail Alaeddin">
                  <meta property="article:published_time" content="2017-09-27T10:15:00+03:00">
                  <link rel="canonical" href="https://www.rt.com/news/404825-syria-army-isis-deir-ez-zor/">
                  <style>p { color: red }</style>
                  <script>window.tracker = 1;</script>
                </head><body>
                  <nav><a href="/">Home</a> <a href="/news">News</a></nav>
                  <header>Site header</header>
                  <article>
                    <h1>Syrian Army: ISIS terrorists surrounded</h1>
                    <p>A furious assault on <b>Islamic State</b> positions continues. 🎉</p>
                    <p>“Every day there is combat,”   an officer   said.<br>Second line.</p>
                    <p>مرحبا بالعالم %1$s</p>
                    <script>document.write('not text')</script>
                    <aside>Related: other stories</aside>
                  </article>
                  <footer>© Example</footer>
                </body></html>""".formatted(marker);
    }

    @Test
    void importsASavedNewsPageWithItsMetadata() {
        String marker = UUID.randomUUID().toString();
        JsonPath report = asAnalyst().multiPart("file", "rt-page.html", page(marker).getBytes(StandardCharsets.UTF_8), "text/html")
                .post(IMPORT).then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("created")).isEqualTo(1);
        assertThat(report.getInt("items[0].status")).isEqualTo(201);
        long id = report.getLong("items[0].article.id");

        JsonPath article = as("viewer").get("/api/articles/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(article.getString("title")).isEqualTo("Syrian Army: ISIS terrorists surrounded in Deir ez-Zor " + marker);
        assertThat(article.getString("outlet")).isEqualTo("RT");
        assertThat(article.getString("author")).isEqualTo("Mikhail Alaeddin");
        assertThat(article.getString("publishedAt")).isEqualTo("2017-09-27T07:15:00Z");
        assertThat(article.getString("url")).isEqualTo("https://www.rt.com/news/404825-syria-army-isis-deir-ez-zor/");
        assertThat(article.getString("language")).isEqualTo("en");
        assertThat(article.getString("body")).isEqualTo("Syrian Army: ISIS terrorists surrounded\n\n"
                + "A furious assault on Islamic State positions continues. 🎉\n\n"
                + "“Every day there is combat,” an officer said.\nSecond line.\n\n"
                + "مرحبا بالعالم " + marker);
    }

    @Test
    void reportsEachFileOfABatchSeparately() {
        String marker = UUID.randomUUID().toString();
        byte[] text = ("Headline of the text " + marker + "\r\n\r\nTwenty-eight SDF members were killed.").getBytes(StandardCharsets.UTF_8);
        byte[] markdown = ("# Markdown headline " + marker + "\n\nSome **45** members.").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = ("Caf\u00e9 " + marker).getBytes(StandardCharsets.ISO_8859_1);
        JsonPath report = asAnalyst()
                .multiPart("file", "report.txt", text, "text/plain")
                .multiPart("file", "notes.md", markdown, "text/markdown")
                .multiPart("file", "page.html", page(marker).getBytes(StandardCharsets.UTF_8), "text/html")
                .multiPart("file", "scan.pdf", new byte[] {'%', 'P', 'D', 'F'}, "application/pdf")
                .multiPart("file", "legacy.txt", latin1, "text/plain")
                .multiPart("file", "again.txt", text, "text/plain")
                .post(IMPORT).then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("items.file")).containsExactly("report.txt", "notes.md", "page.html", "scan.pdf", "legacy.txt", "again.txt");
        assertThat(report.getList("items.status")).containsExactly(201, 201, 201, 415, 400, 409);
        assertThat(report.getInt("created")).isEqualTo(3);
        assertThat(report.getInt("duplicates")).isEqualTo(1);
        assertThat(report.getInt("refused")).isEqualTo(2);
        assertThat(report.getString("items[0].article.title")).isEqualTo("Headline of the text " + marker);
        assertThat(report.getString("items[0].article.body")).contains("\n\nTwenty-eight").doesNotContain("\r");
        assertThat(report.getString("items[1].article.title")).isEqualTo("Markdown headline " + marker);
        assertThat(report.getLong("items[5].existingId")).isEqualTo(report.getLong("items[0].article.id"));
        assertThat(report.getString("items[5].detail")).contains("/api/articles/" + report.getLong("items[0].article.id"));
    }

    @Test
    void keepsTheTextWhenMetadataIsInvalid() {
        String html = "<html><head><meta property=\"article:published_time\" content=\"last Tuesday\">"
                + "<link rel=canonical href=\"javascript:alert(1)\"><title>Bad meta " + UUID.randomUUID() + "</title></head>"
                + "<body><p>Text that matters.</p></body></html>";
        JsonPath report = asAnalyst().multiPart("file", "bad-meta.html", html.getBytes(StandardCharsets.UTF_8), "text/html")
                .post(IMPORT).then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("items[0].status")).isEqualTo(201);
        assertThat(report.getList("items[0].warnings", String.class)).hasSize(2);
        assertThat(report.getString("items[0].article.url")).isNull();
        assertThat(report.getString("items[0].article.body")).isEqualTo("Text that matters.");
    }

    @Test
    void refusesAFileOverTheSizeLimitAndAnOversizedRequest() {
        byte[] big = new byte[5 * 1024 * 1024 + 10];
        Arrays.fill(big, (byte) 'a');
        JsonPath report = asAnalyst().multiPart("file", "big.txt", big, "text/plain")
                .multiPart("file", "small.txt", ("Small " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), "text/plain")
                .post(IMPORT).then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("items.status")).containsExactly(413, 201);

        // A browser sends the length of a form upload up front; over the request limit, nothing is read.
        byte[] huge = new byte[9 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'b');
        String boundary = "wb" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] form = new byte[head.length + huge.length + tail.length];
        System.arraycopy(head, 0, form, 0, head.length);
        System.arraycopy(huge, 0, form, head.length, huge.length);
        System.arraycopy(tail, 0, form, head.length + huge.length, tail.length);
        assertProblem(asAnalyst().contentType("multipart/form-data; boundary=" + boundary).body(form).post(IMPORT), 413);
        // The same for any JSON body.
        assertProblem(as("analyst").body("{\"title\":\"x\",\"body\":\"" + "y".repeat(9 * 1024 * 1024) + "\"}")
                .post("/api/articles"), 413);
    }

    @Test
    void needsAnAnalystAndAtLeastOneFile() {
        assertProblem(given().header("Authorization", "Bearer " + tokenOf("viewer"))
                .multiPart("file", "x.txt", "x".getBytes(StandardCharsets.UTF_8), "text/plain").post(IMPORT), 403);
        assertProblem(given().multiPart("file", "x.txt", "x".getBytes(StandardCharsets.UTF_8), "text/plain").post(IMPORT), 401);
        assertProblem(asAnalyst().multiPart("note", "just a field").post(IMPORT), 400).body("errors[0].field", equalTo("file"));
        List<Object> none = List.of();
        assertThat(none).isEmpty();
        assertThat(Map.of()).isEmpty();
    }
}
