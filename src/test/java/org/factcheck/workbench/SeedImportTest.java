package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ProblemAssertions.assertProblem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class SeedImportTest {

    /**
     * Each seed file with a phrase that only it holds, to find it by full-text search, and its title as stored
     * (the manifest's; 001 has none, and gets the start of its first sentence, of which the start is checked).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "000_6e10b7bb2f0b6c5a.txt | Speical Septermber | US-Backed Forces And Syrian Government Trade Blame For Supporting ISIS",
            "001_87504b5c0eae03d5.txt | gorwing factroy supportign | Tensions are rapidly gorwing between the US-backed Syrian Democratic Forces",
            "002_df802c5ffff0434e.txt | pretending Jabha Shaimy | Moscow: “Everyone sees that the US-led coalition is pretending to fight Islamic State”",
            "003_d87acdda70802e4e.txt | Alaeddin Garrie | Syrian Army: ISIS terrorists surrounded in Deir ez-Zor",
            "004_88c38817dd655cd0.txt | truckloads Denounces | Syria Daily: Pro-Assad Forces Close on Deir ez-Zor City"})
    void seedIsStoredExactlyOnceWithTheHashOfItsNormalisedText(String file, String phrase, String title) throws IOException {
        String normalised = normalise(readSeed(file));
        String hash = sha256(normalised);

        List<Map<String, Object>> found = as("viewer").queryParam("q", phrase).queryParam("limit", 500).get("/api/articles")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(found).as("articles holding '%s'", phrase).hasSize(1);
        long id = ((Number) found.get(0).get("id")).longValue();

        JsonPath article = as("viewer").get("/api/articles/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(article.getString("contentHash")).isEqualTo(hash);
        assertThat(article.getString("body")).isEqualTo(normalised);
        assertThat(article.getInt("length")).isEqualTo(normalised.codePointCount(0, normalised.length()));
        assertThat(article.getString("title")).startsWith(title);
        List<Long> byTitle = as("viewer").queryParam("q", title).queryParam("limit", 500).get("/api/articles")
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        assertThat(byTitle).as("articles found by the title '%s'", title).contains(id);

        // Importing the same file again finds the stored article instead of making a second one.
        assertProblem(as("analyst").body(Map.of("title", "Re-import of " + file, "body", readSeed(file))).post("/api/articles"), 409)
                .body("existingId", org.hamcrest.Matchers.equalTo((int) id));
    }

    /** As design.md says: byte-order mark removed, line endings to LF, Unicode NFC. */
    private static String normalise(String raw) {
        String s = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        s = s.replace("\r\n", "\n").replace("\r", "\n");
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private static String readSeed(String file) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("seeds/" + file)) {
            assertThat(in).as("classpath resource seeds/%s", file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
