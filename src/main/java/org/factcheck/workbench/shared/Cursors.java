package org.factcheck.workbench.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Keyset paging cursors: the id of the last row of a page, sent to clients as an opaque token. Lists run
 * newest first, so the next page holds ids below the cursor.
 */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursors() {
    }

    public static String encode(long lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + lastId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id below which the next page starts, or {@link Long#MAX_VALUE} for the first page. */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (raw.startsWith("v1:")) {
                long id = Long.parseLong(raw.substring(3));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        throw ProblemException.invalidField("cursor", "is not a cursor this service issued; use nextCursor from the previous page");
    }

    /** A cursor for lists ordered by a timestamp, newest first: the last row's time and id. */
    public record TimeKey(java.time.Instant at, long id) {
    }

    public static String encode(TimeKey key) {
        long micros = java.util.concurrent.TimeUnit.SECONDS.toMicros(key.at().getEpochSecond()) + key.at().getNano() / 1000;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("t1:" + micros + ":" + key.id()).getBytes(StandardCharsets.US_ASCII));
    }

    /** The time key after which the next page starts, or null for the first page. */
    public static TimeKey decodeTime(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":");
            if (parts.length == 3 && parts[0].equals("t1")) {
                long micros = Long.parseLong(parts[1]);
                java.time.Instant at = java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
                // a time no row can have (and PostgreSQL cannot compare with): not a cursor of ours
                if (FieldErrors.inRange(at)) {
                    return new TimeKey(at, Long.parseLong(parts[2]));
                }
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            // falls through to the problem below
        }
        throw ProblemException.invalidField("cursor", "is not a cursor this service issued; use nextCursor from the previous page");
    }

    public static int limit(String requested) {
        if (requested == null || requested.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(requested);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw ProblemException.invalidField("limit", "must be a whole number between 1 and " + MAX_LIMIT);
    }
}
