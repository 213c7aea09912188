package org.factcheck.workbench.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NamedSql#queryEach} on PostgreSQL: several statements sent together, answers read in order. */
@QuarkusTest
class NamedSqlStatementsTest {

    @Inject
    EntityManager em;

    private static List<String> column(ResultSet rs) throws SQLException {
        List<String> values = new ArrayList<>();
        while (rs.next()) {
            values.add(rs.getString(1));
        }
        return values;
    }

    @Test
    @TestTransaction
    void eachStatementsAnswerIsReadInOrderEvenAfterAnEmptyOne() {
        NamedSql sql = NamedSql.parse("""
                SELECT :n::int + 1;
                SELECT 'never' WHERE :n::int < 0;
                SELECT x::text FROM generate_series(1, :n::int) x ORDER BY x""");
        List<List<String>> answers = sql.queryEach(em, b -> b.setInt("n", 3),
                r -> List.of(r.next(NamedSqlStatementsTest::column), r.next(NamedSqlStatementsTest::column),
                        r.next(NamedSqlStatementsTest::column)));
        assertEquals(List.of(List.of("4"), List.of(), List.of("1", "2", "3")), answers);
    }

    @Test
    @TestTransaction
    void semicolonsInLiteralsAndValuesDoNotSplitStatements() {
        String hostile = "x'); DROP TABLE claim; -- ؟ 👍🏽";
        NamedSql sql = NamedSql.parse("SELECT 'a;b', :t::text; SELECT char_length(:t::text)::text");
        List<String> answers = sql.queryEach(em, b -> b.setString("t", hostile), r -> {
            List<String> first = r.next(rs -> {
                rs.next();
                return List.of(rs.getString(1), rs.getString(2));
            });
            List<String> all = new ArrayList<>(first);
            all.addAll(r.next(NamedSqlStatementsTest::column));
            return all;
        });
        assertEquals(List.of("a;b", hostile, Integer.toString(hostile.codePointCount(0, hostile.length()))), answers);
    }

    @Test
    @TestTransaction
    void askingForMoreAnswersThanStatementsIsRefused() {
        NamedSql sql = NamedSql.parse("SELECT :n::int; SELECT :n::int * 2");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sql.queryEach(em, b -> b.setInt("n", 1), r -> {
            r.next(NamedSqlStatementsTest::column);
            r.next(NamedSqlStatementsTest::column);
            return r.next(NamedSqlStatementsTest::column);
        }));
        assertEquals("no further statement returned rows", e.getMessage());
    }
}
