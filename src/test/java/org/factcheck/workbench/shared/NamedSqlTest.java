package org.factcheck.workbench.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void namesBecomePositionalMarkersInOrderRepeatsIncluded() {
        NamedSql s = NamedSql.parse("SELECT substr(a.body, :start + 1, :end - :start) FROM article a WHERE a.id = :articleId");
        assertEquals("SELECT substr(a.body, ? + 1, ? - ?) FROM article a WHERE a.id = ?", s.sql());
        assertEquals(List.of("start", "end", "start", "articleId"), s.names());
    }

    @Test
    void literalsQuotedNamesCommentsAndCastsAreLeftAlone() {
        NamedSql s = NamedSql.parse("""
                SELECT ':not' AS "x:y", CAST(:a AS bigint), :b::text, 'it''s :c'
                  -- the claim's :d comment
                  FROM t WHERE k = :e""");
        assertEquals("""
                SELECT ':not' AS "x:y", CAST(? AS bigint), ?::text, 'it''s :c'
                  -- the claim's :d comment
                  FROM t WHERE k = ?""", s.sql());
        assertEquals(List.of("a", "b", "e"), s.names());
    }

    @Test
    void everyMarkerOfANameGetsTheValueAndNullsKeepTheirType() throws Exception {
        List<String> calls = new ArrayList<>();
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + (args == null ? "" : Arrays.toString(args)));
                    return null;
                });
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> statement);
        NamedSql s = NamedSql.parse("SELECT :a, :b, :a, :c, :d");
        try (NamedSql.Bound b = s.prepare(connection)) {
            b.setLong("a", 7).setString("b", null).setDate("c", LocalDate.of(2026, 2, 28)).setInt("d", 3);
            b.statement();
        }
        assertEquals(List.of("setLong[1, 7]", "setLong[3, 7]", "setNull[2, " + Types.VARCHAR + "]",
                "setObject[4, 2026-02-28]", "setInt[5, 3]", "close"), calls);
    }

    @Test
    void aMissingOrUnknownParameterIsRefusedBeforeTheStatementRuns() throws Exception {
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> null);
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> statement);
        try (NamedSql.Bound b = NamedSql.parse("SELECT :a, :b").prepare(connection)) {
            b.setLong("a", 1);
            IllegalStateException missing = assertThrows(IllegalStateException.class, b::statement);
            assertEquals("no value for parameter :b", missing.getMessage());
            assertThrows(IllegalArgumentException.class, () -> b.setLong("c", 1));
            IllegalArgumentException untyped = assertThrows(IllegalArgumentException.class, () -> b.setObject("b", null));
            assertEquals("no type for a null value of parameter :b", untyped.getMessage());
        }
    }
}
