package org.factcheck.workbench.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV in RFC 4180 form (Commons CSV), UTF-8 with a byte-order mark so spreadsheets read it as UTF-8, one row per
 * claim. Every cell that a spreadsheet could take for a formula is neutralised (OWASP's rule for CSV injection).
 */
final class CsvRecordWriter implements RecordWriter {

    static final String[] HEADER = {
        "claim_id", "statement", "claimant", "claim_date", "status", "rating", "rating_label", "rating_value",
        "verdict_state", "explanation", "verdict_author", "published_by", "published_at", "updated_at",
        "appearances", "evidence"};

    private final CSVPrinter csv;
    private final OutputStream out;

    CsvRecordWriter(OutputStream out) throws IOException {
        this.out = out;
        this.csv = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16),
                CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get());
    }

    @Override
    public void start() throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        csv.printRecord((Object[]) HEADER);
    }

    @Override
    public void write(ExportRecord r) throws IOException {
        ExportRecord.Verdict v = r.verdict();
        csv.printRecord(
                Long.toString(r.claimId()),
                cell(r.statement()),
                cell(r.claimant()),
                r.claimDate() == null ? "" : r.claimDate().toString(),
                r.status(),
                v == null ? "" : cell(v.rating()),
                v == null ? "" : cell(v.ratingLabel()),
                v == null || v.ratingValue() == null ? "" : v.ratingValue().toString(),
                v == null ? "" : v.state(),
                v == null ? "" : cell(v.explanation()),
                v == null ? "" : cell(v.author()),
                v == null ? "" : cell(v.publishedBy()),
                v == null ? "" : time(v.publishedAt()),
                time(r.updatedAt()),
                cell(appearances(r.appearances())),
                cell(evidence(r.evidence())));
    }

    @Override
    public void finish() throws IOException {
        csv.flush();
    }

    /** "Title <url> [start–end]: “quote”", one appearance per line of the cell. */
    static String appearances(List<ExportRecord.Appearance> list) {
        return list.stream().map(a -> a.articleTitle() + (a.articleUrl() == null ? "" : " <" + a.articleUrl() + ">")
                + " [" + a.start() + "-" + a.end() + "]: “" + a.exact() + "”").collect(Collectors.joining("\n"));
    }

    /** "stance: title <url> — note", one piece of evidence per line of the cell. */
    static String evidence(List<ExportRecord.Evidence> list) {
        return list.stream().map(e -> e.stance() + ": " + (e.title() == null ? "" : e.title() + " ") + "<" + e.url() + ">"
                + (e.note() == null ? "" : " — " + e.note())).collect(Collectors.joining("\n"));
    }

    /**
     * OWASP: a cell beginning with =, +, -, @, tab or carriage return is prefixed with a single quote, so that a
     * spreadsheet shows it as text instead of evaluating it.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
