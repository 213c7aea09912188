package org.factcheck.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.factcheck.workbench.ApiClient.as;
import static org.factcheck.workbench.ApiClient.uniqueWord;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Text search newest first looks at the newest 5,000 claims before the whole desk (ClaimQueries.SEARCH_WINDOW): matches
 * on both sides of the window's edge must all be found, in order, page after page, with nothing repeated.
 */
@QuarkusTest
class ClaimSearchTest {

    private static final String CLAIMANT = "search-window-test";

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void removeClaims() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM claim WHERE claimant = ?")) {
            ps.setString(1, CLAIMANT);
            ps.executeUpdate();
        }
    }

    /** Inserts claims straight into the table (5,000 through the API would take minutes); statements made by SQL. */
    private void insertClaims(int count, String statementSql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO claim (statement, claimant) SELECT " + statementSql + ", ? FROM generate_series(1, ?) i ORDER BY i")) {
            ps.setString(1, CLAIMANT);
            ps.setInt(2, count);
            ps.executeUpdate();
        }
    }

    private static List<Long> allPages(String q) {
        return allPages(q, "newest");
    }

    private static List<Long> allPages(String q, String sort) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = as("viewer").queryParam("q", q).queryParam("sort", sort).queryParam("limit", 100);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/claims").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void rareWordsBeyondTheWindowAndFrequentWordsOverIt() throws SQLException {
        String rare = uniqueWord();
        String frequent = uniqueWord();
        String older = uniqueWord();
        String phrase = uniqueWord();
        // oldest: three rare matches and one phrase match; then 5,200 claims with the frequent word every 3rd claim and
        // the phrase's words apart; then 6,000 claims with one match of their own; newest: two rare matches
        insertClaims(3, "'" + rare + " old claim ' || i");
        insertClaims(1, "'the " + phrase + " budget claim'");
        insertClaims(5200, "CASE WHEN i % 3 = 0 THEN '" + frequent + " claim ' || i ELSE '" + phrase + " and then budget ' || i END");
        insertClaims(6_000, "CASE WHEN i = 100 THEN '" + older + " claim' ELSE 'unrelated claim ' || i END");
        insertClaims(2, "'" + rare + " new claim ' || i");

        List<Long> rareIds = allPages(rare);
        assertThat(rareIds).hasSize(5).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        List<Long> frequentIds = allPages(frequent);
        assertThat(frequentIds).hasSize(5200 / 3).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));

        assertThat(allPages(older)).hasSize(1);
        assertThat(allPages(older + " OR " + rare)).hasSize(6).doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));

        List<Long> phraseIds = allPages("\"" + phrase + " budget\"");
        assertThat(phraseIds).hasSize(1);
        assertThat(as("viewer").get("/api/claims/" + phraseIds.get(0)).jsonPath().getString("statement"))
                .isEqualTo("the " + phrase + " budget claim");
    }

    @Test
    void searchByLatestActivityFindsTheWordsMatchesOnly() throws SQLException {
        String word = uniqueWord();
        insertClaims(7, "CASE WHEN i % 2 = 1 THEN '" + word + " claim ' || i ELSE 'other claim ' || i END");
        List<Long> ids = allPages(word, "activity");
        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        for (Long id : ids) {
            assertThat(as("viewer").get("/api/claims/" + id).jsonPath().getString("statement")).startsWith(word + " claim ");
        }
        assertThat(allPages("\"" + word + " other\"", "activity")).isEmpty();
    }
}
