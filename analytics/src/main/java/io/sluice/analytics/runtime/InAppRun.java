package io.sluice.analytics.runtime;

import io.sluice.analytics.program.ProgramRun;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A running application: its input streams' writers, the stateful operators whose floors make up
 * {@link #retainedFloor()}, and the reference tables a join reads. Everything else hangs off the input streams.
 * ROWTIME is clamped here once per run, so every operator downstream sees monotonic rows and bounds.
 *
 * <p><b>Threading</b>: single-threaded, one caller thread for every method.
 */
public final class InAppRun implements ProgramRun {

    private final Map<String, RowReceiver> inputs;
    private final Map<String, Integer> widths;
    private final RowReceiver[] allInputs;
    private final List<Stateful> stateful;
    private final Map<String, Consumer<List<Object[]>>> referenceTables;
    private long last = Long.MIN_VALUE;
    private boolean closed;

    /**
     * @param inputs          each input stream's writer, by the stream's exact name
     * @param widths          each input stream's number of columns (hidden ones included)
     * @param stateful        the operators that hold rows or partial results
     * @param referenceTables what takes a reference table's new rows, by table name
     */
    public InAppRun(Map<String, RowReceiver> inputs, Map<String, Integer> widths, List<Stateful> stateful,
                    Map<String, Consumer<List<Object[]>>> referenceTables) {
        this.inputs = Map.copyOf(inputs);
        this.widths = Map.copyOf(widths);
        this.allInputs = this.inputs.values().toArray(RowReceiver[]::new);
        this.stateful = List.copyOf(stateful);
        this.referenceTables = Map.copyOf(referenceTables);
    }

    @Override
    public void push(String inputStream, long rowtime, Object[] values) {
        RowReceiver input = inputs.get(inputStream);
        if (input == null) {
            throw new IllegalArgumentException("no input stream " + inputStream + " in this application");
        }
        if (values.length != widths.get(inputStream)) {
            throw new IllegalArgumentException("input stream " + inputStream + " has " + widths.get(inputStream)
                    + " columns, not " + values.length);
        }
        ensureOpen();
        long t = Math.max(rowtime, last);
        last = t;
        input.row(t, values);
    }

    @Override
    public void advance(long rowtime) {
        ensureOpen();
        long t = Math.max(rowtime, last);
        last = t;
        for (RowReceiver input : allInputs) {
            input.bound(t);
        }
    }

    @Override
    public void replaceReferenceTable(String table, List<Object[]> rows) {
        Consumer<List<Object[]>> target = referenceTables.get(table);
        if (target == null) {
            throw new IllegalArgumentException("no reference table " + table + " in this application");
        }
        ensureOpen();
        target.accept(List.copyOf(rows));
    }

    @Override
    public long retainedFloor() {
        long floor = Long.MAX_VALUE;
        for (Stateful s : stateful) {
            floor = Math.min(floor, s.retainedFloor());
        }
        return floor;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the run is closed");
        }
    }
}
