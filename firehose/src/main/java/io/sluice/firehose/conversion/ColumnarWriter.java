package io.sluice.firehose.conversion;

import org.apache.orc.TypeDescription;

import java.io.IOException;

/** Opens columnar files that rows of {@link ValueReader}'s values are written to one by one. Thread-safe. */
interface ColumnarWriter {

    /** A file being written; used by one thread, and closed (by {@link #finish} or {@link #close}) once. */
    interface File extends AutoCloseable {

        void write(Object[] row) throws IOException;

        /** Ends the file and gives its bytes. */
        byte[] finish() throws IOException;

        /** Drops an unfinished file. */
        @Override
        void close() throws IOException;
    }

    /** A new file of {@code table}'s columns; {@code inputBytes} (the JSON's size) sizes its buffers. */
    File open(TypeDescription table, long inputBytes) throws IOException;
}
