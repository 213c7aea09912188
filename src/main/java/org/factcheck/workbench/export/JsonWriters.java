package org.factcheck.workbench.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;

/** The JSON exports: one array, or one object per line (NDJSON). */
final class JsonWriters {

    private JsonWriters() {
    }

    static final class Array implements RecordWriter {
        private final JsonGenerator json;

        Array(ObjectMapper mapper, OutputStream out) throws IOException {
            this.json = mapper.getFactory().createGenerator(out);
            this.json.setCodec(mapper);
        }

        @Override
        public void start() throws IOException {
            json.writeStartArray();
        }

        @Override
        public void write(ExportRecord record) throws IOException {
            json.writeObject(record);
        }

        @Override
        public void finish() throws IOException {
            json.writeEndArray();
            json.flush();
        }
    }

    static final class Lines implements RecordWriter {
        private final ObjectMapper mapper;
        private final OutputStream out;

        Lines(ObjectMapper mapper, OutputStream out) {
            this.mapper = mapper;
            this.out = out;
        }

        @Override
        public void start() {
        }

        @Override
        public void write(ExportRecord record) throws IOException {
            out.write(mapper.writeValueAsBytes(record));
            out.write('\n');
        }

        @Override
        public void finish() throws IOException {
            out.flush();
        }
    }
}
