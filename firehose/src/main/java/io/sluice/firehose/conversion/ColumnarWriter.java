package io.sluice.firehose.conversion;

import org.apache.orc.TypeDescription;

import java.io.IOException;
import java.util.List;

/** Writes rows of {@link ValueReader}'s values as one columnar file. Stateless or thread-safe. */
interface ColumnarWriter {

    /** The file's bytes; {@code inputBytes} (the JSON's size) sizes the buffers. */
    byte[] write(TypeDescription table, List<Object[]> rows, long inputBytes) throws IOException;
}
