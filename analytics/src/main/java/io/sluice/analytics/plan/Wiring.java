package io.sluice.analytics.plan;

import io.sluice.analytics.program.ProgramContext;
import io.sluice.analytics.runtime.PumpGuard;
import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.runtime.Stateful;
import io.sluice.analytics.runtime.StreamHub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What building one run's operators needs: the run's streams to read from, the pump being built (whose guard
 * catches its failed rows), and the registers of stateful operators and reference-table readers the run keeps.
 *
 * <p><b>Threading</b>: used by the thread that starts the run, once.
 */
final class Wiring {

    private final Map<String, StreamHub> streams;
    private final ProgramContext context;
    private final List<Stateful> stateful = new ArrayList<>();
    private final Map<String, List<Consumer<List<Object[]>>>> tableReaders = new HashMap<>();
    private String pump;

    Wiring(Map<String, StreamHub> streams, ProgramContext context) {
        this.streams = streams;
        this.context = context;
    }

    /** The operators built from now on belong to this pump. */
    void enterPump(String name) {
        this.pump = name;
    }

    /** Makes {@code reader} a reader of {@code stream}, inside the current pump's error guard. */
    void subscribe(String stream, RowReceiver reader) {
        streams.get(stream).subscribe(new PumpGuard(pump, reader, context.errors(), context.wallClock()));
    }

    StreamHub stream(String name) {
        return streams.get(name);
    }

    /** Registers an operator's state for the run's retained floor; returns it. */
    <T extends Stateful> T stateful(T operator) {
        stateful.add(operator);
        return operator;
    }

    /** The reference table's rows at start. */
    List<Object[]> referenceRows(String table) {
        List<Object[]> rows = context.referenceTables().get(table);
        return rows == null ? List.of() : rows;
    }

    /** Registers what takes a reference table's rows when UpdateApplication replaces them. */
    void onReferenceTable(String table, Consumer<List<Object[]>> reader) {
        tableReaders.computeIfAbsent(table, t -> new ArrayList<>()).add(reader);
    }

    List<Stateful> statefulOperators() {
        return stateful;
    }

    Map<String, Consumer<List<Object[]>>> referenceTableReaders() {
        Map<String, Consumer<List<Object[]>>> out = new HashMap<>();
        tableReaders.forEach((table, readers) -> out.put(table, rows -> readers.forEach(r -> r.accept(rows))));
        return out;
    }
}
