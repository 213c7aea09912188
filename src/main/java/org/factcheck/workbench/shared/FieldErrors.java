package org.factcheck.workbench.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects every invalid field of a request, so the client learns all of them in one 400 answer. */
public final class FieldErrors {

    /**
     * The first and last day a date or timestamp may fall on: ISO 8601's four-digit years. java.time reads years up to
     * ±999,999,999 ({@code +300000-01-01}), PostgreSQL stores timestamps only from 4713 BC to 294276 AD (dates to
     * 5874897 AD), and its JDBC driver writes {@code LocalDate.MAX} as {@code infinity}: a value outside this range
     * is refused here rather than failing in the database as a 500.
     */
    public static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    private static final Instant EARLIEST_INSTANT = EARLIEST.atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant END_INSTANT = LATEST.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final String RANGE = " between the years 1 and 9999";

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** Whether an instant falls within the years 1 to 9999 (UTC). */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST_INSTANT) && instant.isBefore(END_INSTANT);
    }

    public FieldErrors add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
    }

    /** Checks a length in code points; null passes (required-ness is checked separately). */
    public String maxLength(String field, String value, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            add(field, "must be at most " + max + " characters");
        }
        return value;
    }

    /**
     * Refuses text that PostgreSQL cannot take (NUL, unpaired surrogates) where it does not come through the JSON
     * reader, which checks bodies: query parameters. Null passes.
     */
    public String storable(String field, String value) {
        String reason = value == null ? null : TextRules.unstorableReason(value);
        if (reason != null) {
            add(field, reason);
        }
        return value;
    }

    public String required(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "is required and must not be blank");
        }
        return value;
    }

    /**
     * An absolute http or https URL with a host, or null when the value is null. The characters a browser leaves as
     * they are in an address it copies but RFC 3986 does not allow ({@code [ ] | ^ { } \ `}, a space, a {@code %}
     * that starts no escape) are percent-encoded after the host, as {@link #encodeLaxCharacters} says; quotes and
     * angle brackets are still refused.
     */
    public String httpUrl(String field, String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        String v = encodeLaxCharacters(stripped);
        if (v.length() > 2048) {
            add(field, "must be at most 2048 characters" + (v.length() > stripped.length() ? " once percent-encoded" : ""));
            return null;
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                add(field, "must be an absolute http or https URL with a host, such as https://example.org/page");
                return null;
            }
            return v;
        } catch (URISyntaxException e) {
            add(field, "is not a valid URL (" + e.getReason() + ")");
            return null;
        }
    }

    /**
     * The address with {@code [ ] | ^ { } \ `}, spaces, a {@code %} not followed by two hex digits and a second
     * {@code #} percent-encoded in what follows {@code scheme://host}; the rest unchanged. Browsers keep these
     * characters in a query as typed (Chromium copies {@code ?filter[tag]=a|b} so); {@link URI} refuses them.
     */
    static String encodeLaxCharacters(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int tail = scheme + 3;
        while (tail < url.length() && "/?#".indexOf(url.charAt(tail)) < 0) {
            tail++;
        }
        StringBuilder out = null;
        int fragment = url.indexOf('#', tail);
        for (int i = tail; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean lax = "[]|^{}\\` ".indexOf(c) >= 0 || (c == '%' && !startsEscape(url, i))
                    || (c == '#' && fragment >= 0 && i > fragment);
            if (lax) {
                if (out == null) {
                    out = new StringBuilder(url.length() + 16).append(url, 0, i);
                }
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? url : out.toString();
    }

    private static boolean startsEscape(String s, int i) {
        return i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0;
    }

    /** An ISO-8601 instant, offset date-time or date (midnight UTC); null when the value is null. */
    public Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        Instant instant;
        try {
            instant = v.length() == 10 ? LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC) : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            add(field, "must be an ISO-8601 date (2017-09-27) or timestamp (2017-09-27T10:00:00Z)");
            return null;
        }
        if (!inRange(instant)) {
            add(field, "must be a date or timestamp" + RANGE);
            return null;
        }
        return instant;
    }

    public LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            add(field, "must be an ISO-8601 date such as 2017-09-27");
            return null;
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            add(field, "must be a date" + RANGE);
            return null;
        }
        return date;
    }

    /** A BCP 47 language tag such as en, ar or pt-BR, returned in canonical form. */
    public String languageTag(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        Locale locale = Locale.forLanguageTag(v);
        String canonical = locale.toLanguageTag();
        if (v.length() > 35 || canonical.equals("und") || !canonical.equalsIgnoreCase(v)) {
            add(field, "must be a BCP 47 language tag such as en, ar or pt-BR");
            return null;
        }
        return canonical;
    }
}
