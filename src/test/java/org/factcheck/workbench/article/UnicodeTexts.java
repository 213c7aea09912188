package org.factcheck.workbench.article;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of random Unicode text that trips up positions: surrogate pairs (emoji, mathematical letters, CJK
 * extension B), combining marks and decomposed letters, Hebrew and Arabic with bidi controls (RTL override U+202E),
 * zero-width joiners and ZWJ sequences, every kind of line break, byte-order marks. Never NUL or an unpaired surrogate,
 * which the API refuses.
 */
public final class UnicodeTexts {

    private UnicodeTexts() {
    }

    /**
     * Random text of up to {@code maxPieces} pieces, each a character or a short sequence from a family that trips up
     * offsets; one text in five starts with byte-order marks, as files saved by some editors (or a text pasted from
     * one) do.
     */
    public static Arbitrary<String> texts(int maxPieces) {
        Arbitrary<String> marks = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("\uFEFF", "\uFEFF\uFEFF", "\uFEFF\r\n", "\uFEFF \uFEFF")));
        return Combinators.combine(marks, piece().list().ofMaxSize(maxPieces))
                .as((start, pieces) -> start + String.join("", pieces));
    }

    public static Arbitrary<String> piece() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, codePoints(0x20, 0x7E)),                                   // ASCII
                Tuple.of(6, Arbitraries.of(" ", "\n", "\r\n", "\r", "\t", "\u00A0", "\u2028", "\u2029", "\u3000", "  ")),
                Tuple.of(5, codePoints(0x00C0, 0x017F)),                                // precomposed Latin
                Tuple.of(6, codePoints(0x0300, 0x036F)),                                // combining marks
                Tuple.of(3, Arbitraries.of("e\u0301", "a\u0308", "\u1100\u1161\u11A8", "\u0041\u030A", "\u212B", "\uFB01")),
                Tuple.of(4, codePoints(0x05D0, 0x05EA)),                                // Hebrew
                Tuple.of(4, codePoints(0x0621, 0x064A)),                                // Arabic
                Tuple.of(3, Arbitraries.of("\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",
                        "\u2066", "\u2067", "\u2068", "\u2069", "\u061C")),             // bidi controls
                Tuple.of(3, Arbitraries.of("\u200B", "\u200C", "\u200D", "\uFE0F", "\uFEFF", "\u00AD", "\u2060")),
                Tuple.of(6, codePoints(0x1F300, 0x1F6FF)),                              // emoji (surrogate pairs)
                Tuple.of(2, Arbitraries.of("\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83C\uDDFA\uD83C\uDDE6",
                        "\uD83D\uDC4D\uD83C\uDFFD", "\u2764\uFE0F")),                   // ZWJ sequences, flags, skin tones
                Tuple.of(3, codePoints(0x1D400, 0x1D7FF)),                              // mathematical letters
                Tuple.of(2, codePoints(0x20000, 0x2A6DF)),                              // CJK extension B
                Tuple.of(2, codePoints(0x4E00, 0x9FFF)),                                // CJK
                Tuple.of(1, Arbitraries.of("\uFFFD", "\uFFFE", "\uFFFF", new String(Character.toChars(0x10FFFF)),
                        new String(Character.toChars(0x10000)), "\u0001", "\u001F", "\u007F")),
                Tuple.of(4, Arbitraries.integers().between(1, 0x10FFFF)                 // anything storable
                        .filter(cp -> cp < 0xD800 || cp > 0xDFFF).map(UnicodeTexts::string)));
    }

    public static Arbitrary<String> codePoints(int from, int to) {
        return Arbitraries.integers().between(from, to).map(UnicodeTexts::string);
    }

    public static String string(int codePoint) {
        return new String(Character.toChars(codePoint));
    }

    /** The text between two code-point positions, as Java counts them. */
    public static String slice(String text, int start, int end) {
        return text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
    }
}
