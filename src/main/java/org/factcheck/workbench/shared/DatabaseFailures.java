package org.factcheck.workbench.shared;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

/**
 * Reads database failures that reach the edge: constraint violations become 400/409 problems naming the rule
 * in words, lost connections become 503. Nothing of the SQL or the schema goes to the client.
 */
public final class DatabaseFailures {

    /** Constraint names (see db/migrations) and what a client is told when one refuses a write. */
    private static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("uq_app_user_username", "a user with this username already exists"),
            Map.entry("uq_article_content_hash", "an article with the same text already exists"),
            Map.entry("uq_verdict_claim_revision", "the verdict was changed by someone else at the same moment; read the claim again"),
            Map.entry("fk_claim_assignee", "the assignee is not a known user"),
            Map.entry("fk_claim_rating", "the rating is not on the desk's scale"),
            Map.entry("fk_verdict_rating", "the rating is not on the desk's scale"),
            Map.entry("fk_annotation_article", "the article does not exist (any more)"),
            Map.entry("fk_annotation_claim", "the claim does not exist (any more)"),
            Map.entry("fk_evidence_claim", "the claim does not exist (any more)"));

    private DatabaseFailures() {
    }

    /** The SQLException of a constraint violation somewhere in the cause chain, or null. */
    public static SQLException unwrapConstraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return sql;
            }
        }
        return null;
    }

    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01") || sql.getSQLState().equals("57P03"))) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                return true; // the pool could open no connection in time
            }
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
        }
        return false;
    }

    public static ProblemException toProblem(SQLException e) {
        String constraint = constraintName(e);
        String rule = constraint == null ? null : RULES.get(constraint);
        boolean unique = "23505".equals(e.getSQLState());
        if (rule == null) {
            rule = unique ? "this would duplicate existing data" : "the request breaks a rule of the data model";
        }
        return unique ? ProblemException.conflict(rule) : ProblemException.badRequest(rule);
    }

    private static String constraintName(SQLException e) {
        if (e instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
            return psql.getServerErrorMessage().getConstraint();
        }
        return null;
    }
}
