package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.uniqueWord;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.factcheck.workbench.article.UnicodeTexts;
import org.factcheck.workbench.shared.TextRules;
import org.junit.jupiter.api.Test;

/**
 * Random highlights on random Unicode articles, through the API: a highlight is accepted exactly when {@code exact}
 * is the stored text between the code points {@code start} and {@code end} (and that text is not only white space),
 * and the stored quote, prefix and suffix are always the text there. jqwik's arbitraries generate the texts and
 * positions from a fixed seed ({@code -Dfuzz.seed=} to change it), so a failure can be replayed.
 */
@QuarkusTest
class AnnotationPositionFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 0x5EED_2026_0001L);
    static final int ARTICLES = 25;
    static final int HIGHLIGHTS_PER_ARTICLE = 14;
    /** Every character outside ASCII as a JSON escape: a lone surrogate (a client's slip) then reaches the service as one. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());

    @Test
    void aHighlightIsAcceptedExactlyWhenItsQuoteIsTheTextBetweenItsCodePoints() throws Exception {
        System.out.printf("AnnotationPositionFuzzTest seed %d (-Dfuzz.seed=%d to replay)%n", SEED, SEED);
        // jqwik's generators outside a property need a session; it is seeded too, and the generators draw from our Random.
        JqwikSession.start(Long.toString(SEED));
        try {
            run(new Random(SEED));
        } finally {
            JqwikSession.finish();
        }
    }

    private void run(Random random) throws Exception {
        Arbitrary<String> texts = UnicodeTexts.texts(120).filter(t -> !t.isBlank());
        Arbitrary<String> junk = UnicodeTexts.texts(6);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int accepted = 0;
        int sent = 0;

        for (int a = 0; a < ARTICLES; a++) {
            String raw = texts.generator(100).next(random).value() + " " + uniqueWord(); // a new text each time
            long articleId = createArticle(raw);
            String body = as("viewer").get("/api/articles/" + articleId).then().statusCode(200).extract().path("body");
            int length = body.codePointCount(0, body.length());

            for (int h = 0; h < HIGHLIGHTS_PER_ARTICLE; h++) {
                int start = position(random, length);
                int end = random.nextInt(4) == 0 ? position(random, length) : Math.min(length + 1, start + 1 + random.nextInt(12));
                String exact = quote(random, body, length, start, end, junk);
                boolean inRange = start >= 0 && end > start && end <= length;
                String there = inRange ? UnicodeTexts.slice(body, start, end) : null;
                boolean expectAccepted = inRange && !exact.isEmpty() && exact.equals(there) && !there.isBlank();
                int expected = expectAccepted ? 201
                        : TextRules.unstorableReason(exact) != null ? 400 // half a surrogate pair is not text
                        : !(start >= 0 && end > start && !exact.isEmpty() && end <= length) ? 400
                        : !exact.equals(there) ? 422
                        : 400; // the quote is right but only white space

                Response response = as("analyst").contentType("application/json; charset=UTF-8")
                        .body(JSON.writeValueAsString(Map.of("start", start, "end", end, "exact", exact)).getBytes(StandardCharsets.UTF_8))
                        .post("/api/articles/" + articleId + "/annotations");
                sent++;
                statuses.merge(response.statusCode(), 1, Integer::sum);
                String where = String.format("article %d (%d code points) [%d, %d) exact %s: ", articleId, length, start, end,
                        escape(exact));
                if (response.statusCode() != expected) {
                    failures.add(where + "expected " + expected + " but was " + response.statusCode() + " " + response.asString());
                    continue;
                }
                if (expected != 201) {
                    ProblemAssertions.assertNoLeak(response.asString());
                    continue;
                }
                accepted++;
                JsonPath created = response.jsonPath();
                long id = created.getLong("id");
                JsonPath stored = as("viewer").get("/api/annotations/" + id).then().statusCode(200).extract().jsonPath();
                for (JsonPath doc : List.of(created, stored)) {
                    if (!there.equals(doc.getString("exact"))) {
                        failures.add(where + "stored quote " + escape(doc.getString("exact")) + " is not the text " + escape(there));
                    }
                    String prefix = UnicodeTexts.slice(body, Math.max(0, start - 32), start);
                    String suffix = UnicodeTexts.slice(body, end, Math.min(length, end + 32));
                    if (!prefix.equals(doc.getString("prefix")) || !suffix.equals(doc.getString("suffix"))) {
                        failures.add(where + "context " + escape(doc.getString("prefix")) + " / " + escape(doc.getString("suffix"))
                                + " is not " + escape(prefix) + " / " + escape(suffix));
                    }
                    if (doc.getInt("start") != start || doc.getInt("end") != end) {
                        failures.add(where + "positions came back as " + doc.getInt("start") + ", " + doc.getInt("end"));
                    }
                }
            }
        }
        System.out.printf("AnnotationPositionFuzzTest: %d highlights sent on %d random articles, %d accepted; statuses %s%n",
                sent, ARTICLES, accepted, statuses);
        assertThat(failures).as("seed %d", SEED).isEmpty();
        assertThat(accepted).as("enough highlights were right to test the stored quotes").isGreaterThan(sent / 5);
        assertThat(statuses).containsKeys(400, 422);
    }

    /** Mostly inside the text, sometimes at or past its ends. */
    private static int position(Random random, int length) {
        return switch (random.nextInt(10)) {
            case 0 -> -1 - random.nextInt(3);
            case 1 -> length + random.nextInt(3);
            default -> random.nextInt(Math.max(1, length));
        };
    }

    /**
     * The right quote half of the time; otherwise the slips a client makes: UTF-16 offsets where code points were
     * meant, one position off, another Unicode normal form, trimmed, or something else entirely.
     */
    private static String quote(Random random, String body, int length, int start, int end, Arbitrary<String> junk) {
        int s = Math.max(0, Math.min(start, length));
        int e = Math.max(s, Math.min(end, length));
        String right = UnicodeTexts.slice(body, s, e);
        return switch (random.nextInt(14)) {
            case 0 -> body.substring(Math.min(s, body.length()), Math.min(e, body.length()));
            case 1 -> UnicodeTexts.slice(body, s, Math.max(s, e - 1));
            case 2 -> UnicodeTexts.slice(body, s, Math.min(length, e + 1));
            case 3 -> s > 0 ? UnicodeTexts.slice(body, s - 1, Math.max(s - 1, e - 1)) : right + "x";
            case 4 -> Normalizer.normalize(right, Normalizer.Form.NFD);
            case 5 -> right.strip();
            case 6 -> junk.generator(10).next(random).value();
            default -> right;
        };
    }

    private static long createArticle(String body) throws Exception {
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("title", "Random text " + uniqueWord());
        article.put("body", body);
        return as("analyst").contentType("application/json; charset=UTF-8")
                .body(JSON.writeValueAsString(article).getBytes(StandardCharsets.UTF_8)).post("/api/articles")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7F) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u{%X}", cp));
            }
        });
        return out.append('"').toString();
    }
}
