package org.factcheck.workbench.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.factcheck.workbench.annotation.AnnotationService;
import org.factcheck.workbench.annotation.AnnotationService.Fields;
import org.factcheck.workbench.annotation.AnnotationService.Span;
import org.factcheck.workbench.shared.NamedSql;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.TextRules;

/**
 * Properties of the position logic, on random Unicode text (surrogate pairs, combining marks, RTL and bidi controls,
 * zero-width joiners, line breaks of every kind): the service's one normalisation of a body, and the code-point
 * slicing that highlights rely on. The service cuts the text with PostgreSQL's {@code substr}; the browser app cuts it
 * with {@code frontend/src/engine/code-points.ts}; Java counts with {@code offsetByCodePoints}. The three must agree
 * on every text and every pair of positions, or a highlight made in the browser would be refused (or land elsewhere).
 * A real PostgreSQL 17 (the service's own binaries) is started for the class.
 */
class TextPositionPropertiesTest {

    private static EmbeddedPostgres postgres;
    private static Connection db;
    private static PreparedStatement store;

    /** The service's own statement, on a one-row article table. */
    private static final NamedSql CUT = NamedSql.parse(AnnotationService.SPAN_SQL);

    @BeforeContainer
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setLocaleConfig("locale", "C.UTF-8").start();
        db = postgres.getPostgresDatabase().getConnection();
        try (var ddl = db.createStatement()) {
            ddl.execute("CREATE TABLE article (id bigint PRIMARY KEY, body_length int NOT NULL, body text NOT NULL)");
        }
        store = db.prepareStatement("""
                INSERT INTO article (id, body_length, body) VALUES (1, char_length(?), ?)
                ON CONFLICT (id) DO UPDATE SET body_length = excluded.body_length, body = excluded.body""");
    }

    @AfterContainer
    static void stopPostgres() throws Exception {
        if (db != null) {
            db.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    // ---- normalisation ---------------------------------------------------------------------------------------

    @Property(tries = 3000)
    void normalisingABodyTwiceChangesNothing(@ForAll("texts") String raw) {
        String once = TextNormalizer.normalizeBody(raw);
        assertThat(TextNormalizer.normalizeBody(once)).isEqualTo(once);
    }

    @Property(tries = 1000)
    void aNormalisedBodyIsNfcWithLineFeedsOnly(@ForAll("texts") String raw) {
        String body = TextNormalizer.normalizeBody(raw);
        assertThat(body).doesNotContain("\r");
        assertThat(Normalizer.isNormalized(body, Normalizer.Form.NFC)).isTrue();
        assertThat(body).doesNotStartWith("\uFEFF");
        assertThat(TextRules.unstorableReason(body)).isNull();
    }

    @Property(tries = 1000)
    void aNormalisedLineHasNoLineBreakAndNoOuterSpace(@ForAll("texts") String raw) {
        String line = TextNormalizer.normalizeLine(raw);
        if (line == null) {
            return; // nothing but white space
        }
        assertThat(line).doesNotContain("\r", "\n", "\t", "\u2028", "\u2029").isEqualTo(line.strip()).isNotEmpty();
        assertThat(TextNormalizer.normalizeLine(line)).isEqualTo(line);
    }

    // ---- code-point slicing: PostgreSQL, Java and the browser app agree --------------------------------------

    @Property(tries = 1500)
    void postgresJavaAndTheBrowserCutTheSameText(@ForAll("textsWithSpans") Tuple.Tuple3<String, Integer, Integer> c)
            throws SQLException {
        String body = c.get1();
        int start = c.get2();
        int end = c.get3();
        Cut pg = cutInPostgres(body, start, end);
        FrontendCodePoints browser = new FrontendCodePoints(body);

        assertThat(pg.stored).as("PostgreSQL stores the text as sent").isEqualTo(body);
        assertThat(pg.length).isEqualTo(body.codePointCount(0, body.length())).isEqualTo(browser.length)
                .isEqualTo(FrontendCodePoints.codePointLength(body));
        assertThat(pg.exact).isEqualTo(javaSlice(body, start, end)).isEqualTo(browser.slice(start, end));
        assertThat(pg.prefix).isEqualTo(javaSlice(body, Math.max(0, start - 32), start));
        assertThat(pg.suffix).isEqualTo(javaSlice(body, end, Math.min(pg.length, end + 32)));
        assertThat(TextRules.unstorableReason(pg.exact)).as("a cut never splits a surrogate pair").isNull();
    }

    @Property(tries = 1000)
    void theBrowsersOffsetTablesRoundTrip(@ForAll("texts") String raw) {
        String body = TextNormalizer.normalizeBody(raw);
        FrontendCodePoints index = new FrontendCodePoints(body);
        for (int cp = 0; cp <= index.length; cp++) {
            int unit = index.toUtf16(cp);
            assertThat(unit).isEqualTo(body.offsetByCodePoints(0, cp));
            assertThat(index.toCodePoint(unit, false)).isEqualTo(cp);
        }
        for (int unit = 0; unit <= body.length(); unit++) {
            boolean insidePair = unit > 0 && unit < body.length() && Character.isLowSurrogate(body.charAt(unit))
                    && Character.isHighSurrogate(body.charAt(unit - 1));
            int down = index.toCodePoint(unit, false);
            int up = index.toCodePoint(unit, true);
            assertThat(down).isEqualTo(body.codePointCount(0, insidePair ? unit - 1 : unit));
            assertThat(up).isEqualTo(insidePair ? down + 1 : down);
        }
    }

    // ---- the service's rule: accepted exactly when the quote is the text there ---------------------------------

    @Property(tries = 1500)
    void aQuoteIsAcceptedExactlyWhenItIsTheTextBetweenTheCodePoints(
            @ForAll("textsWithSpans") Tuple.Tuple3<String, Integer, Integer> c, @ForAll("quoteMistakes") int mistake)
            throws SQLException {
        String body = c.get1();
        int start = c.get2();
        int end = c.get3();
        Cut pg = cutInPostgres(body, start, end);
        String exact = quote(body, start, end, mistake);
        Span span = new Span(start, end, pg.exact, pg.prefix, pg.suffix);
        boolean matches = exact.equals(javaSlice(body, start, end));

        if (matches) {
            Span accepted = AnnotationService.checkQuote(span, exact, Fields.JSON);
            assertThat(accepted.exact()).as("the stored quote is the text").isEqualTo(javaSlice(body, start, end))
                    .isEqualTo(exact);
        } else {
            assertThatThrownBy(() -> AnnotationService.checkQuote(span, exact, Fields.JSON))
                    .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(422));
        }
    }

    /**
     * How a client's quote can be wrong: 0 is the right quote; the others are the slips a client makes (UTF-16
     * offsets for code points, one position off, another normal form, a trimmed quote).
     */
    private static String quote(String body, int start, int end, int mistake) {
        String right = javaSlice(body, start, end);
        return switch (mistake) {
            case 1 -> body.substring(Math.min(start, body.length()), Math.min(end, body.length())); // UTF-16 offsets
            case 2 -> javaSlice(body, start, Math.max(start, end - 1));
            case 3 -> javaSlice(body, start, Math.min(body.codePointCount(0, body.length()), end + 1));
            case 4 -> start > 0 ? javaSlice(body, start - 1, end - 1) : right + " ";
            case 5 -> Normalizer.normalize(right, Normalizer.Form.NFD);
            case 6 -> right.strip();
            case 7 -> right.toUpperCase(java.util.Locale.ROOT);
            default -> right;
        };
    }

    // ---- generators ----------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Integer> quoteMistakes() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(0)),
                Tuple.of(8, Arbitraries.integers().between(1, 7)));
    }

    @Provide
    Arbitrary<String> texts() {
        return UnicodeTexts.texts(80);
    }

    /** A normalised body (as the service stores it) and two code-point positions 0 <= start <= end <= length. */
    @Provide
    Arbitrary<Tuple.Tuple3<String, Integer, Integer>> textsWithSpans() {
        // a quarter of the bodies repeated past 2 kB, which PostgreSQL stores compressed and cuts from a slice
        Arbitrary<Integer> copies = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(1)),
                Tuple.of(1, Arbitraries.integers().between(30, 300)));
        return Combinators.combine(texts(), copies).as((text, n) -> TextNormalizer.normalizeBody(text.repeat(n))).flatMap(body -> {
            int length = body.codePointCount(0, body.length());
            Arbitrary<Integer> a = Arbitraries.integers().between(0, length);
            Arbitrary<Integer> b = Arbitraries.integers().between(0, length);
            return Combinators.combine(a, b).as((x, y) -> Tuple.of(body, Math.min(x, y), Math.max(x, y)));
        });
    }

    // ---- the three implementations -------------------------------------------------------------------------------

    static String javaSlice(String text, int start, int end) {
        return text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
    }

    private record Cut(String exact, String prefix, String suffix, int length, String stored) {
    }

    private static Cut cutInPostgres(String body, int start, int end) throws SQLException {
        store.setString(1, body);
        store.setString(2, body);
        store.executeUpdate();
        try (NamedSql.Bound b = CUT.prepare(db)) {
            b.setInt("start", start).setInt("end", end).setLong("articleId", 1);
            try (ResultSet rs = b.statement().executeQuery(); var stored = db.createStatement().executeQuery("SELECT body FROM article")) {
                rs.next();
                stored.next();
                return new Cut(rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(1), stored.getString(1));
            }
        }
    }

    /**
     * {@code frontend/src/engine/code-points.ts} line by line ({@code CodePointIndex}, {@code codePointLength}): a
     * JavaScript string and a Java string are the same UTF-16 units, so the arithmetic carries over unchanged.
     */
    static final class FrontendCodePoints {
        final String text;
        final int length;
        private final int[] utf16Of;
        private final int[] cpOf;

        FrontendCodePoints(String text) {
            this.text = text;
            int[] cpOfUnit = new int[text.length() + 1];
            int[] utf16 = new int[text.length() + 1];
            int cp = 0;
            for (int u = 0; u < text.length(); u++) {
                char unit = text.charAt(u);
                if (isLowSurrogate(unit) && u > 0 && isHighSurrogate(text.charAt(u - 1))) {
                    cpOfUnit[u] = cp - 1;
                    continue;
                }
                utf16[cp] = u;
                cpOfUnit[u] = cp;
                cp++;
            }
            utf16[cp] = text.length();
            cpOfUnit[text.length()] = cp;
            this.length = cp;
            this.utf16Of = java.util.Arrays.copyOf(utf16, cp + 1);
            this.cpOf = cpOfUnit;
        }

        static boolean isHighSurrogate(int unit) {
            return unit >= 0xd800 && unit <= 0xdbff;
        }

        static boolean isLowSurrogate(int unit) {
            return unit >= 0xdc00 && unit <= 0xdfff;
        }

        static int codePointLength(String text) {
            int n = 0;
            for (int i = 0; i < text.length(); i++) {
                if (!(isLowSurrogate(text.charAt(i)) && i > 0 && isHighSurrogate(text.charAt(i - 1)))) {
                    n++;
                }
            }
            return n;
        }

        int toUtf16(int codePoint) {
            if (codePoint < 0 || codePoint > length) {
                throw new IndexOutOfBoundsException(codePoint);
            }
            return utf16Of[codePoint];
        }

        /** {@code round === 'end'} is {@code roundUp}. */
        int toCodePoint(int utf16, boolean roundUp) {
            if (utf16 < 0 || utf16 > text.length()) {
                throw new IndexOutOfBoundsException(utf16);
            }
            int cp = cpOf[utf16];
            boolean splitsPair = utf16 > 0 && utf16 < text.length() && isLowSurrogate(text.charAt(utf16))
                    && isHighSurrogate(text.charAt(utf16 - 1));
            return splitsPair && roundUp ? cp + 1 : cp;
        }

        String slice(int start, int end) {
            return text.substring(toUtf16(start), toUtf16(end));
        }
    }
}
