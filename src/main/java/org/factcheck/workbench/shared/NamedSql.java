package org.factcheck.workbench.shared;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hibernate.Session;

/**
 * A statement written with named parameters ({@code :name}) for plain JDBC, for the desk's hottest statements: run
 * through the ORM's native queries, each execution also resolved the parameter and result types again. Parsed once;
 * single-quoted literals, double-quoted names, {@code --} comments and {@code ::} casts are left alone (dollar quotes
 * and block comments are not recognised: the statements given here use neither).
 */
public final class NamedSql {

    private final String sql;
    private final List<String> names;
    private final Map<String, int[]> positions = new HashMap<>();

    private NamedSql(String sql, List<String> names) {
        this.sql = sql;
        this.names = names;
        for (String name : new LinkedHashSet<>(names)) {
            positions.put(name, IntStream.range(0, names.size()).filter(i -> names.get(i).equals(name)).toArray());
        }
    }

    public static NamedSql parse(String named) {
        StringBuilder out = new StringBuilder(named.length());
        List<String> names = new ArrayList<>();
        int n = named.length();
        for (int i = 0; i < n; ) {
            char c = named.charAt(i);
            if (c == '\'' || c == '"') {
                int close = named.indexOf(c, i + 1);
                int end = close < 0 ? n : close + 1;
                out.append(named, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && named.charAt(i + 1) == '-') {
                int eol = named.indexOf('\n', i);
                int end = eol < 0 ? n : eol;
                out.append(named, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && named.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(named.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(named.charAt(end))) {
                    end++;
                }
                names.add(named.substring(i + 1, end));
                out.append('?');
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return new NamedSql(out.toString(), List.copyOf(names));
    }

    /** The statement with JDBC's positional markers. */
    public String sql() {
        return sql;
    }

    /** The parameter names in the order of their markers (a name used twice appears twice). */
    public List<String> names() {
        return names;
    }

    public Bound prepare(Connection connection) throws SQLException {
        return new Bound(connection.prepareStatement(sql));
    }

    /**
     * Runs the statement on the ORM session's connection and reads its answer. Pending changes are flushed first, as a
     * native query would (in a transaction; outside one there is nothing to flush).
     */
    public <T> T query(EntityManager em, Binder binder, Reader<T> reader) {
        return queryEach(em, binder, results -> results.next(reader));
    }

    /**
     * Runs several statements separated by {@code ;} (sharing their named parameters) in one round trip: the driver
     * sends them together, and their answers are read in order, one {@link Results#next} each. Flushes as {@link #query}.
     */
    public <T> T queryEach(EntityManager em, Binder binder, ResultsReader<T> reader) {
        if (em.isJoinedToTransaction()) {
            em.flush();
        }
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (Bound b = prepare(c)) {
                binder.bind(b);
                PreparedStatement statement = b.statement();
                return reader.read(new Results(statement, statement.execute()));
            }
        });
    }

    /** The answers of {@link #queryEach}'s statements, in the order the statements were written. */
    public static final class Results {

        private final PreparedStatement statement;
        private boolean current;
        private boolean started;

        private Results(PreparedStatement statement, boolean firstIsRows) {
            this.statement = statement;
            this.current = firstIsRows;
        }

        /** Reads the next statement's rows; refused when there is no further statement returning rows. */
        public <R> R next(Reader<R> reader) throws SQLException {
            if (started) {
                current = statement.getMoreResults();
            }
            started = true;
            if (!current) {
                throw new IllegalStateException("no further statement returned rows");
            }
            try (ResultSet rs = statement.getResultSet()) {
                return reader.read(rs);
            }
        }
    }

    /** Reads the answers of {@link #queryEach}'s statements. */
    @FunctionalInterface
    public interface ResultsReader<T> {
        T read(Results results) throws SQLException;
    }

    /** Gives the parameters their values. */
    @FunctionalInterface
    public interface Binder {
        void bind(Bound b) throws SQLException;
    }

    /** Reads what the statement answered. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A prepared statement whose parameters are set by name; every marker of a name gets the value. */
    public final class Bound implements AutoCloseable {

        private final PreparedStatement statement;
        private final boolean[] set = new boolean[names.size()];

        private Bound(PreparedStatement statement) {
            this.statement = statement;
        }

        public Bound setLong(String name, long value) throws SQLException {
            return at(name, i -> statement.setLong(i, value));
        }

        public Bound setInt(String name, int value) throws SQLException {
            return at(name, i -> statement.setInt(i, value));
        }

        /** Text; null is sent as a null of type text. */
        public Bound setString(String name, String value) throws SQLException {
            return value == null ? at(name, i -> statement.setNull(i, Types.VARCHAR)) : at(name, i -> statement.setString(i, value));
        }

        /** A date; null is sent as a null of type date. */
        public Bound setDate(String name, LocalDate value) throws SQLException {
            return value == null ? at(name, i -> statement.setNull(i, Types.DATE)) : at(name, i -> statement.setObject(i, value));
        }

        /** A value of a type JDBC maps by itself (number, text, date and time); null is not accepted. */
        public Bound setObject(String name, Object value) throws SQLException {
            if (value == null) {
                throw new IllegalArgumentException("no type for a null value of parameter :" + name);
            }
            return at(name, i -> statement.setObject(i, value));
        }

        /** A bigint[] array (for {@code = ANY(:name)}: one statement whatever the number of values). */
        public Bound setLongs(String name, List<Long> values) throws SQLException {
            java.sql.Array array = statement.getConnection().createArrayOf("bigint", values.toArray());
            return at(name, i -> statement.setArray(i, array));
        }

        /** The statement, once every named parameter has a value. */
        public PreparedStatement statement() {
            for (int i = 0; i < set.length; i++) {
                if (!set[i]) {
                    throw new IllegalStateException("no value for parameter :" + names.get(i));
                }
            }
            return statement;
        }

        /** Sets every marker of the name (JDBC's 1-based index given to the setter). */
        private Bound at(String name, Setter setter) throws SQLException {
            int[] at = positions.get(name);
            if (at == null) {
                throw new IllegalArgumentException("the statement has no parameter :" + name);
            }
            for (int i : at) {
                setter.set(i + 1);
                set[i] = true;
            }
            return this;
        }

        @Override
        public void close() throws SQLException {
            statement.close();
        }
    }

    @FunctionalInterface
    private interface Setter {
        void set(int index) throws SQLException;
    }
}
