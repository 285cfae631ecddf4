package io.sluice.agent.tail;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The records of one flow's files in order, through rotations, resuming from the flow's durable checkpoint.
 * Called by one thread at a time (the flow's reader), except {@link #acknowledged}, which the sender calls.
 */
public interface FlowSource extends AutoCloseable {

    /**
     * Up to {@code maxRecords} records that follow the previous call's, in file order (older rotated files first);
     * empty when nothing new has been written. Never blocks on the files growing.
     */
    List<TailedRecord> poll(int maxRecords) throws IOException;

    /**
     * Every record up to {@code position} was acknowledged by the destination: a later start resumes after it.
     * Positions are given in the order {@link #poll} returned them; the checkpoint is durable when this returns.
     */
    void acknowledged(TailPosition position) throws IOException;

    /** Bytes of the flow's files not yet read ("Tailer is X MB behind"). */
    long bytesBehind();

    /**
     * Bytes not yet read per file (by path): the file being read, even when read to its end, and the others with
     * bytes not read, at most a few dozen; a file read to its end and left, or gone from the pattern, is not there.
     */
    default Map<String, Long> bytesBehindByFile() {
        return Map.of();
    }

    /** Records skipped because a processing option could not convert them (RecordConversionException). */
    long recordsSkipped();

    /** Whether the tailer is still working; false after an error it could not get past (the health check). */
    boolean healthy();

    @Override
    void close() throws IOException;
}
