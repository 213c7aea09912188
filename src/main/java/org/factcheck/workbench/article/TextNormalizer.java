package org.factcheck.workbench.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

/**
 * The one normalisation an article body gets, at import: byte-order marks at the start removed, line endings to
 * LF, Unicode NFC. The result is the reference text every position counts in, and is never changed afterwards.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String normalizeBody(String raw) {
        String s = raw;
        // Every leading mark, not just one: otherwise the stored text of "\uFEFF\uFEFFx" would normalise again to
        // another text (and another content hash), so posting an article's own text would store it a second time.
        int marks = 0;
        while (marks < s.length() && s.charAt(marks) == '\uFEFF') {
            marks++;
        }
        s = s.substring(marks);
        s = s.replace("\r\n", "\n").replace('\r', '\n');
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Single-line metadata (titles, names): NFC, line breaks and tabs as spaces, trimmed; blank becomes null. */
    public static String normalizeLine(String raw) {
        if (raw == null) {
            return null;
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC).replaceAll("[\\r\\n\\t\\u2028\\u2029]+", " ").strip();
        return s.isEmpty() ? null : s;
    }

    public static String contentHash(String normalizedBody) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalizedBody.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
