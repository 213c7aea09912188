package org.factcheck.workbench.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Export as NDJSON from one desk, import into a fresh desk through the API, export again: the same content
 * (everything but ids, timestamps and who did it, which belong to each desk).
 */
class ExportRoundTripIT {

    private static final String ADMIN_PASSWORD = "test-admin-password";
    private static final List<String> OPTIONS = List.of("-Xmx256m", "-Dworkbench.seeds.import-on-start=true");

    @Test
    void anNdjsonExportImportsIntoAFreshDeskAndExportsTheSame() throws Exception {
        Path dir = Path.of(System.getProperty("workbench.target", "target"), "round-trip-pgdata");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE desk_one");
                s.execute("CREATE DATABASE desk_two");
            }
            String base = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/";
            Map<String, String> env = Map.of("WORKBENCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
            String exported;
            String emojiBody = "Report 🎉 from 𝔘𝔫𝔦: مرحبا بالعالم, and \"=1+1\" <b>markup</b>.";
            try (ServiceInstance one = ServiceInstance.start("desk-one", base + "desk_one?user=postgres", env, OPTIONS)) {
                String admin = Api.token(one, "admin", ADMIN_PASSWORD);
                Api.send(one, "POST", "/api/users", admin, Map.of("username", "rita", "displayName", "Rita", "password",
                        "correct-horse-battery", "role", "reviewer"), null, 201);
                String reviewer = Api.token(one, "rita", "correct-horse-battery");
                long seed = findArticle(one, admin, "Trade Blame");
                long emoji = Api.send(one, "POST", "/api/articles", admin, Map.of("title", "Emoji", "body", emojiBody), null, 201).get("id").asLong();

                long published = highlight(one, admin, seed, "Twenty-eight SDF members were allegedly killed", null);
                highlight(one, admin, emoji, "🎉 from 𝔘𝔫𝔦", published);
                Api.send(one, "PATCH", "/api/claims/" + published, admin, Map.of("claimant", "Rojda Felat", "claimDate", "2017-09-27"),
                        Api.etag(one, "/api/claims/" + published, admin), 200);
                Api.send(one, "POST", "/api/claims/" + published + "/evidence", admin, Map.of("url", "https://example.org/sdf",
                        "title", "SDF statement", "stance", "supports", "note", "line one\nline two"), null, 201);
                Api.send(one, "PUT", "/api/claims/" + published + "/verdict", admin, Map.of("rating", "mixed",
                        "explanation", "Only the SDF's figure."), Api.etag(one, "/api/claims/" + published, admin), 200);
                Api.send(one, "PATCH", "/api/claims/" + published, admin, Map.of("status", "in_review"),
                        Api.etag(one, "/api/claims/" + published, admin), 200);
                Api.send(one, "POST", "/api/claims/" + published + "/verdict/publish", reviewer, null,
                        Api.etag(one, "/api/claims/" + published, reviewer), 200);

                long draft = highlight(one, admin, emoji, "مرحبا بالعالم", null);
                Api.send(one, "PUT", "/api/claims/" + draft + "/verdict", admin, Map.of("rating", "misleading",
                        "explanation", "=cmd"), Api.etag(one, "/api/claims/" + draft, admin), 200);
                highlight(one, admin, emoji, "<b>markup</b>", null);

                exported = Api.text(one, "/api/export/verdicts?format=ndjson&state=all", admin);
            }
            assertThat(exported.lines().count()).isEqualTo(3);

            try (ServiceInstance two = ServiceInstance.start("desk-two", base + "desk_two?user=postgres", env, OPTIONS)) {
                String admin = Api.token(two, "admin", ADMIN_PASSWORD);
                Api.send(two, "POST", "/api/articles", admin, Map.of("title", "Emoji", "body", emojiBody), null, 201);
                HttpResponse<String> imported = Api.HTTP.send(HttpRequest.newBuilder(URI.create(two.baseUrl() + "/api/import/claims"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(exported)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
                JsonNode report = Api.JSON.readTree(imported.body());
                assertThat(report.get("imported").asInt()).as(imported.body()).isEqualTo(3);
                String again = Api.text(two, "/api/export/verdicts?format=ndjson&state=all", admin);
                assertThat(content(again)).isEqualTo(content(exported));
            }
        }
    }

    private static long findArticle(ServiceInstance instance, String token, String words) throws Exception {
        JsonNode page = Api.JSON.readTree(Api.text(instance, "/api/articles?q=" + words.replace(" ", "+"), token));
        return page.get("items").get(0).get("id").asLong();
    }

    /** Highlights a phrase of an article (positions counted in code points); returns the claim id. */
    private static long highlight(ServiceInstance instance, String token, long article, String phrase, Long claimId) throws Exception {
        String body = Api.JSON.readTree(Api.text(instance, "/api/articles/" + article, token)).get("body").asText();
        int start = body.codePointCount(0, body.indexOf(phrase));
        Map<String, Object> request = new java.util.HashMap<>(Map.of("start", start, "end",
                start + phrase.codePointCount(0, phrase.length()), "exact", phrase));
        if (claimId != null) {
            request.put("claimId", claimId);
        }
        return Api.send(instance, "POST", "/api/articles/" + article + "/annotations", token, request, null, 201).get("claimId").asLong();
    }

    /** The records without what belongs to one desk: ids, timestamps and user names. */
    private static List<String> content(String ndjson) throws Exception {
        List<String> records = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode r = (ObjectNode) Api.JSON.readTree(line);
            r.remove(List.of("claimId", "createdAt", "updatedAt"));
            if (r.get("verdict").isObject()) {
                ((ObjectNode) r.get("verdict")).remove(List.of("author", "updatedAt", "publishedBy", "publishedAt"));
            }
            for (JsonNode a : (ArrayNode) r.get("appearances")) {
                ((ObjectNode) a).remove("articleId");
            }
            for (JsonNode e : (ArrayNode) r.get("evidence")) {
                ((ObjectNode) e).remove(List.of("createdBy", "createdAt"));
            }
            records.add(Api.JSON.writeValueAsString(r));
        }
        records.sort(Comparator.naturalOrder());
        return records;
    }
}
