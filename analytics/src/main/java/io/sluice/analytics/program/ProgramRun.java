package io.sluice.analytics.program;

import java.util.List;

/**
 * A running application: in-application streams, pumps and their state. Push-based and synchronous: a call
 * returns after every row it caused has reached the {@link RowSink}.
 *
 * <p><b>Threading</b>: single-threaded; one caller thread for every method (the application's task).
 */
public interface ProgramRun extends AutoCloseable {

    /**
     * Inserts a row into an input stream. The row's ROWTIME is {@code max(rowtime, the last ROWTIME or bound of
     * this run)}, so ROWTIME never goes back.
     */
    void push(String inputStream, long rowtime, Object[] values);

    /**
     * A rowtime bound: no row will arrive with a ROWTIME below {@code rowtime}. Closes tumbling groups, stagger
     * windows and ordering buffers that end at or before it, and emits what they hold.
     */
    void advance(long rowtime);

    /** Replaces a reference table's rows (UpdateApplication of a reference data source). */
    void replaceReferenceTable(String table, List<Object[]> rows);

    /**
     * The lowest ROWTIME of any input row whose effect is still held in state (open groups, windows, join and
     * ordering buffers), or {@link Long#MAX_VALUE} when none: a restart that replays every input row from this
     * ROWTIME on rebuilds the same state.
     */
    long retainedFloor();

    @Override
    void close();
}
