package org.factcheck.workbench.shared;

import jakarta.ws.rs.core.EntityTag;

/** Entity tags from version counters, and the If-Match rules: missing is 428, stale is 412. */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The version the client last read, from its If-Match header; {@code null} for {@code *} (any version).
     *
     * @throws ProblemException 428 when the header is missing, 412 when it names no version of ours
     */
    public static Long requiredVersion(String ifMatch, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired();
        }
        String value = ifMatch.trim();
        if (value.equals("*")) {
            return null;
        }
        if (value.startsWith("W/")) {
            throw ProblemException.stale(what); // If-Match compares strongly: a weak tag never matches
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.stale(what);
        }
    }

    /** Checks a client's If-Match version against the current one. */
    public static void check(Long expected, long actual, String what) {
        if (expected != null && expected != actual) {
            throw ProblemException.stale(what);
        }
    }
}
