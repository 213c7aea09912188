package org.factcheck.workbench.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

/**
 * The export streams: 200,000 claims leave a service limited to a 128 MB heap, as CSV, without running out of memory.
 */
class ExportMemoryIT {

    private static final int CLAIMS = 200_000;
    private static final String ADMIN_PASSWORD = "test-admin-password";

    @Test
    void exports200000ClaimsAsCsvWithA128MegabyteHeap() throws Exception {
        Path dir = Path.of(System.getProperty("workbench.target", "target"), "export-memory-pgdata");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
            try (ServiceInstance service = ServiceInstance.start("export-memory", url, Map.of("WORKBENCH_ADMIN_PASSWORD", ADMIN_PASSWORD),
                    List.of("-Xmx128m", "-Dworkbench.seeds.import-on-start=false"))) {
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO article (title, body, body_length, content_hash) "
                            + "VALUES ('Memory test', repeat('Deir ez-Zor 🎉 ', 1000), 14000, md5(random()::text))");
                    s.execute("INSERT INTO claim (statement, claimant, status, updated_at) SELECT 'Claim ' || g || ': =1+1, \"quoted\", مرحبا',"
                            + " 'Claimant ' || g, 'in_progress', now() FROM generate_series(1, " + CLAIMS + ") g");
                    s.execute("INSERT INTO verdict (claim_id, revision, rating, explanation) SELECT id, 1, 'false', 'Explanation of ' || id FROM claim");
                    s.execute("UPDATE claim c SET current_verdict_id = v.id, rating = v.rating FROM verdict v WHERE v.claim_id = c.id");
                    s.execute("INSERT INTO annotation (article_id, claim_id, start_pos, end_pos, exact) "
                            + "SELECT a.id, c.id, 0, 11, 'Deir ez-Zor' FROM claim c CROSS JOIN article a");
                    s.execute("INSERT INTO evidence (claim_id, url, stance, title) SELECT id, 'https://example.org/' || id, 'refutes', 'Source ' || id FROM claim");
                }
                String token = Api.token(service, "admin", ADMIN_PASSWORD);
                long started = System.nanoTime();
                HttpResponse<InputStream> r = Api.HTTP.send(HttpRequest.newBuilder(
                                URI.create(service.baseUrl() + "/api/export/verdicts?format=csv&state=all"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(r.statusCode()).isEqualTo(200);
                long rows;
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
                     CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    rows = csv.stream().count();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("exported %d claims as CSV in %.1f s (%.0f rows/s) with -Xmx128m%n", rows, seconds, rows / seconds);
                assertThat(rows).isEqualTo(CLAIMS);
                assertThat(service.isAlive()).isTrue();
                assertThat(Files.readString(service.log())).doesNotContain("OutOfMemoryError");
            }
        }
    }
}
