package org.factcheck.workbench.export;

import java.io.IOException;

/** Writes export records to an output stream, one at a time, in one format. */
interface RecordWriter {

    void start() throws IOException;

    void write(ExportRecord record) throws IOException;

    void finish() throws IOException;
}
