package org.factcheck.workbench.shared;

/** Checks that apply to every piece of text the service stores. */
public final class TextRules {

    private TextRules() {
    }

    /** Why the text cannot be stored, or null when it can. */
    public static String unstorableReason(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate (not valid Unicode)";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate (not valid Unicode)";
            }
        }
        return null;
    }

    /** Trims a value and turns a blank one into null. */
    public static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    public static int codePointLength(String s) {
        return s.codePointCount(0, s.length());
    }
}
