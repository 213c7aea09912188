package org.factcheck.workbench.annotation;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes the rows of {@link AnnotationService#LIST_SQL} as the JSON of {@link AnnotationViews.AnnotationList}, field
 * for field as the REST layer writes that record, while the rows are read. Text columns are copied from PostgreSQL's
 * UTF-8 into the response with JSON's escaping, without becoming Java strings in between: for a long article's
 * highlights in Arabic or with emoji, decoding each text to UTF-16 and encoding it back was a third of the request's
 * CPU. {@code AnnotationApiTest} holds every item to the record's own JSON, hostile text included.
 */
final class AnnotationListJson {

    private static final SerializedString ITEMS = new SerializedString("items");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString ARTICLE_ID = new SerializedString("articleId");
    private static final SerializedString CLAIM_ID = new SerializedString("claimId");
    private static final SerializedString START = new SerializedString("start");
    private static final SerializedString END = new SerializedString("end");
    private static final SerializedString EXACT = new SerializedString("exact");
    private static final SerializedString PREFIX = new SerializedString("prefix");
    private static final SerializedString SUFFIX = new SerializedString("suffix");
    private static final SerializedString CREATED_BY = new SerializedString("createdBy");
    private static final SerializedString CREATED_AT = new SerializedString("createdAt");
    private static final SerializedString CLAIM = new SerializedString("claim");
    private static final SerializedString STATEMENT = new SerializedString("statement");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString RATING = new SerializedString("rating");
    private static final SerializedString VERDICT_STATE = new SerializedString("verdictState");

    /** The JSON and how many highlights it holds. */
    record Written(byte[] json, int count) {
    }

    private AnnotationListJson() {
    }

    static Written write(ResultSet rs, JsonFactory json) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        int count = 0;
        try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeFieldName(ITEMS);
            g.writeStartArray();
            while (rs.next()) {
                count++;
                g.writeStartObject();
                number(g, ID, rs.getLong(1));
                number(g, ARTICLE_ID, rs.getLong(2));
                number(g, CLAIM_ID, rs.getLong(3));
                number(g, START, rs.getInt(4));
                number(g, END, rs.getInt(5));
                text(g, EXACT, rs, 6);
                text(g, PREFIX, rs, 7);
                text(g, SUFFIX, rs, 8);
                text(g, CREATED_BY, rs, 9);
                g.writeFieldName(CREATED_AT);
                // as Jackson writes an Instant when dates are not written as numbers
                g.writeString(DateTimeFormatter.ISO_INSTANT.format(rs.getObject(10, OffsetDateTime.class)));
                g.writeFieldName(CLAIM);
                g.writeStartObject();
                number(g, ID, rs.getLong(3));
                text(g, STATEMENT, rs, 11);
                text(g, STATUS, rs, 12);
                boolean rated = text(g, RATING, rs, 13);
                g.writeFieldName(VERDICT_STATE);
                if (rated) {
                    g.writeString(rs.getBoolean(14) ? "published" : "draft");
                } else {
                    g.writeNull();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory stream does not fail
        }
        return new Written(out.toByteArray(), count);
    }

    private static void number(JsonGenerator g, SerializedString name, long value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    /**
     * A text column's UTF-8 as it came from PostgreSQL (pgjdbc hands a text column's bytes over as received); false
     * when it is null.
     */
    private static boolean text(JsonGenerator g, SerializedString name, ResultSet rs, int column) throws SQLException, IOException {
        g.writeFieldName(name);
        byte[] utf8 = rs.getBytes(column);
        if (utf8 == null) {
            g.writeNull();
            return false;
        }
        g.writeUTF8String(utf8, 0, utf8.length);
        return true;
    }
}
