package org.factcheck.workbench.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Reads the loosely typed columns of native query rows. */
public final class Rows {

    private Rows() {
    }

    public static Long toLong(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }

    public static long toLongValue(Object v) {
        return ((Number) v).longValue();
    }

    public static Integer toInt(Object v) {
        return v == null ? null : ((Number) v).intValue();
    }

    public static Instant toInstant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + v.getClass().getName());
    }

    public static LocalDate toLocalDate(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalArgumentException("not a date: " + v.getClass().getName());
    }
}
