package org.factcheck.workbench.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Back up a whole desk as an archive, restore it into an empty database through the API, archive again: the same
 * content. Users come back without passwords until an admin sets them.
 */
class DeskArchiveIT {

    private static final String ADMIN_PASSWORD = "test-admin-password";
    private static final List<String> OPTIONS = List.of("-Xmx256m", "-Dworkbench.seeds.import-on-start=false");
    private static final Map<String, String> ENV = Map.of("WORKBENCH_ADMIN_PASSWORD", ADMIN_PASSWORD);

    @Test
    void anArchiveRestoresIntoAnEmptyDeskWithTheSameContent() throws Exception {
        try (EmbeddedPostgres postgres = Drills.postgres(Drills.dataDir("archive-pgdata"), ServiceInstance.freePort(), true)) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE desk_a");
                s.execute("CREATE DATABASE desk_b");
            }
            String base = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/";
            String archiveA;
            try (ServiceInstance a = ServiceInstance.start("archive-a", base + "desk_a?user=postgres", ENV, OPTIONS)) {
                String admin = Api.token(a, "admin", ADMIN_PASSWORD);
                Api.send(a, "POST", "/api/users", admin, Map.of("username", "ana", "displayName", "Ana <b>Analyst</b>",
                        "password", "correct-horse-battery", "role", "analyst"), null, 201);
                Api.send(a, "POST", "/api/users", admin, Map.of("username", "rita", "displayName", "Rita Reviewer",
                        "password", "correct-horse-battery", "role", "reviewer"), null, 201);
                String ana = Api.token(a, "ana", "correct-horse-battery");
                String rita = Api.token(a, "rita", "correct-horse-battery");
                String body = "Twenty-eight SDF members were killed 🎉 in Deir ez-Zor. مرحبا. Second claim here.";
                long article = Api.send(a, "POST", "/api/articles", ana, Map.of("title", "Archive 🎉", "body", body,
                        "outlet", "South Front", "publishedAt", "2017-09-27"), null, 201).get("id").asLong();
                long claim = Api.send(a, "POST", "/api/articles/" + article + "/annotations", ana,
                        Map.of("start", 0, "end", 36, "exact", "Twenty-eight SDF members were killed"), null, 201).get("claimId").asLong();
                Api.send(a, "POST", "/api/articles/" + article + "/annotations", ana,
                        Map.of("start", 62, "end", 74, "exact", "Second claim"), null, 201);
                Api.send(a, "POST", "/api/claims/" + claim + "/evidence", ana, Map.of("url", "https://example.org/a",
                        "stance", "refutes", "note", "two\nlines"), null, 201);
                Api.send(a, "PUT", "/api/claims/" + claim + "/verdict", ana, Map.of("rating", "false", "explanation", "First."),
                        Api.etag(a, "/api/claims/" + claim, ana), 200);
                Api.send(a, "PATCH", "/api/claims/" + claim, ana, Map.of("status", "in_review", "assignee", "ana"),
                        Api.etag(a, "/api/claims/" + claim, ana), 200);
                Api.send(a, "POST", "/api/claims/" + claim + "/verdict/return", rita, Map.of("comment", "@ana cite the source"),
                        Api.etag(a, "/api/claims/" + claim, rita), 200);
                Api.send(a, "PUT", "/api/claims/" + claim + "/verdict", ana, Map.of("rating", "mostly-false", "explanation", "Second."),
                        Api.etag(a, "/api/claims/" + claim, ana), 200);
                Api.send(a, "PATCH", "/api/claims/" + claim, ana, Map.of("status", "in_review"), Api.etag(a, "/api/claims/" + claim, ana), 200);
                Api.send(a, "POST", "/api/claims/" + claim + "/verdict/publish", rita, null, Api.etag(a, "/api/claims/" + claim, rita), 200);
                JsonNode comment = Api.send(a, "POST", "/api/claims/" + claim + "/comments", ana, Map.of("body", "To be removed"), null, 201);
                Api.send(a, "DELETE", "/api/comments/" + comment.get("id").asLong(), ana, null, "\"" + comment.get("version").asInt() + "\"", 204);
                archiveA = Api.text(a, "/api/admin/archive", admin);
            }
            assertThat(archiveA.lines().filter(l -> l.contains("\"kind\":\"claim\"")).count()).isEqualTo(2);
            assertThat(archiveA).doesNotContain("password").doesNotContain("$2a$");

            try (ServiceInstance b = ServiceInstance.start("archive-b", base + "desk_b?user=postgres", ENV, OPTIONS)) {
                String admin = Api.token(b, "admin", ADMIN_PASSWORD);
                HttpResponse<String> restored = Api.HTTP.send(HttpRequest.newBuilder(URI.create(b.baseUrl() + "/api/admin/archive"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(archiveA)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
                JsonNode summary = Api.JSON.readTree(restored.body());
                assertThat(summary.get("claims").asInt()).isEqualTo(2);
                assertThat(summary.get("usersWithoutPassword").asInt()).isEqualTo(2);

                String archiveB = Api.text(b, "/api/admin/archive", admin);
                assertThat(records(archiveB, "user")).isEqualTo(records(archiveA, "user"));
                assertThat(records(archiveB, "article")).isEqualTo(records(archiveA, "article"));
                assertThat(records(archiveB, "claim")).isEqualTo(records(archiveA, "claim"));
                List<String> eventsA = records(archiveA, "event");
                List<String> eventsB = records(archiveB, "event");
                assertThat(eventsB.subList(eventsB.size() - eventsA.size(), eventsB.size())).isEqualTo(eventsA);

                // A second restore into a desk that now has content is refused, and changes nothing.
                HttpResponse<String> again = Api.HTTP.send(HttpRequest.newBuilder(URI.create(b.baseUrl() + "/api/admin/archive"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(archiveA)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(again.statusCode()).isEqualTo(409);

                // Restored users have no password until an admin gives them one.
                HttpResponse<String> signIn = Api.HTTP.send(HttpRequest.newBuilder(URI.create(b.baseUrl() + "/api/session"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ana\",\"password\":\"correct-horse-battery\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(signIn.statusCode()).isEqualTo(401);
                JsonNode users = Api.JSON.readTree(Api.text(b, "/api/users", admin));
                long anaId = 0;
                for (JsonNode u : users.get("items")) {
                    if (u.get("username").asText().equals("ana")) {
                        anaId = u.get("id").asLong();
                    }
                }
                Api.send(b, "PATCH", "/api/users/" + anaId, admin, Map.of("password", "a-new-password-1"), null, 200);
                assertThat(Api.token(b, "ana", "a-new-password-1")).startsWith("wbt_");
                assertThat(Api.text(b, "/api/claims/1/history", admin)).contains("verdict.returned");
            }
        }
    }

    /**
     * The archive's records of one kind, without event ids (events are appended after the desk's own) and without the
     * admin's creation time (the restoring admin's account is the target desk's own).
     */
    private static List<String> records(String archive, String kind) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : archive.split("\n")) {
            JsonNode r = Api.JSON.readTree(line);
            if (kind.equals(r.path("kind").asText())) {
                if (kind.equals("event")) {
                    ((ObjectNode) r).remove("id");
                }
                if (kind.equals("user") && r.get("username").asText().equals("admin")) {
                    ((ObjectNode) r).remove("createdAt"); // the restoring admin keeps their own account
                }
                out.add(Api.JSON.writeValueAsString(r));
            }
        }
        return out;
    }

}
