package io.sluice.agent.parse;

import java.util.List;

/**
 * Cuts one file's bytes into records: lines, or multi-line records (multiLineStartPattern), after the header lines
 * and before the footer, truncated at the record size limit. One per open file; not thread-safe.
 */
public interface RecordSplitter {

    /**
     * Takes bytes read from the file at {@code fileOffset} (contiguous with the previous call) and returns the
     * records they complete. Bytes of a record not yet complete are held until more arrive or {@link #finish}.
     */
    List<SplitRecord> feed(byte[] buffer, int offset, int length, long fileOffset);

    /**
     * The file will not grow any more (rotated away and read to its end): returns the record still held, if any.
     * A last line without its terminator is a record here, and only here.
     */
    List<SplitRecord> finish();
}
