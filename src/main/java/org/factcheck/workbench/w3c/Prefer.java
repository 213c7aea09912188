package org.factcheck.workbench.w3c;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Prefer} request header (RFC 7240) as the Web Annotation Protocol uses it:
 * {@code return=representation; include="..."} / {@code omit="..."} with the LDP and OA preference IRIs, and
 * {@code return=minimal} for the answer to a write. Preferences the service does not know are ignored.
 */
public record Prefer(String returnValue, Set<String> include, Set<String> omit) {

    public static final Prefer NONE = new Prefer(null, Set.of(), Set.of());

    /** How the contained annotations of a container are shown. */
    public enum Contained { IRIS, DESCRIPTIONS }

    public static Prefer parse(List<String> headers) {
        if (headers == null || headers.isEmpty()) {
            return NONE;
        }
        String returnValue = null;
        Set<String> include = new LinkedHashSet<>();
        Set<String> omit = new LinkedHashSet<>();
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            for (String preference : split(header, ',')) {
                List<String> parts = split(preference, ';');
                if (parts.isEmpty()) {
                    continue;
                }
                String[] head = nameValue(parts.get(0));
                if (!head[0].equals("return")) {
                    continue;
                }
                if (returnValue == null) {
                    returnValue = head[1].toLowerCase(Locale.ROOT);
                }
                for (String parameter : parts.subList(1, parts.size())) {
                    String[] p = nameValue(parameter);
                    Set<String> target = p[0].equals("include") ? include : p[0].equals("omit") ? omit : null;
                    if (target != null) {
                        for (String iri : p[1].trim().split("\\s+")) {
                            if (!iri.isEmpty()) {
                                target.add(iri);
                            }
                        }
                    }
                }
            }
        }
        return new Prefer(returnValue, Set.copyOf(include), Set.copyOf(omit));
    }

    public boolean representation() {
        return "representation".equals(returnValue);
    }

    public boolean minimal() {
        return "minimal".equals(returnValue);
    }

    /** The container without its contents: only links to the first and last page. */
    public boolean minimalContainer() {
        return representation() && (include.contains(W3c.PREFER_MINIMAL_CONTAINER) || omit.contains(W3c.PREFER_CONTAINMENT)
                || omit.contains(W3c.PREFER_CONTAINED_IRIS) && omit.contains(W3c.PREFER_CONTAINED_DESCRIPTIONS));
    }

    /** IRIs only when asked for them (and not for descriptions too); descriptions otherwise, as the protocol advises. */
    public Contained contained() {
        if (!representation()) {
            return Contained.DESCRIPTIONS;
        }
        boolean iris = include.contains(W3c.PREFER_CONTAINED_IRIS) || omit.contains(W3c.PREFER_CONTAINED_DESCRIPTIONS);
        boolean descriptions = include.contains(W3c.PREFER_CONTAINED_DESCRIPTIONS);
        return iris && !descriptions ? Contained.IRIS : Contained.DESCRIPTIONS;
    }

    /** Whether a container preference of this request was recognised (and is therefore applied). */
    public boolean containerPreferenceGiven() {
        if (!representation()) {
            return false;
        }
        for (String iri : List.of(W3c.PREFER_MINIMAL_CONTAINER, W3c.PREFER_CONTAINED_IRIS, W3c.PREFER_CONTAINED_DESCRIPTIONS)) {
            if (include.contains(iri)) {
                return true;
            }
        }
        return omit.contains(W3c.PREFER_CONTAINMENT) || omit.contains(W3c.PREFER_CONTAINED_IRIS)
                || omit.contains(W3c.PREFER_CONTAINED_DESCRIPTIONS);
    }

    private static String[] nameValue(String token) {
        String t = token.trim();
        int eq = t.indexOf('=');
        if (eq < 0) {
            return new String[] {t.toLowerCase(Locale.ROOT), ""};
        }
        String value = t.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return new String[] {t.substring(0, eq).trim().toLowerCase(Locale.ROOT), value};
    }

    /** Splits at a separator outside double quotes. */
    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted && i + 1 < s.length()) {
                current.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        parts.removeIf(p -> p.isBlank());
        return parts;
    }
}
