package io.sluice.analytics.plan;

import io.sluice.analytics.program.CompiledProgram;
import io.sluice.analytics.program.ProgramContext;
import io.sluice.analytics.program.ProgramRun;
import io.sluice.analytics.runtime.InAppRun;
import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.runtime.StreamHub;
import io.sluice.analytics.type.RowType;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A compiled application: the streams it creates, the input streams it reads and its pumps. Immutable; each
 * {@link #start} builds fresh streams and operators.
 *
 * <p><b>Threading</b>: thread-safe; a run is confined to the thread that drives it.
 */
final class KdaProgram implements CompiledProgram {

    private final Map<String, RowType> streams;
    private final Map<String, Integer> inputs;
    private final Set<String> referenceTables;
    private final Function<RunClock, List<PumpPlan>> pumps;

    /**
     * @param pumps plans the pumps for a run's clock (CURRENT_TIMESTAMP is the run's start), from code that is
     *              already known to plan
     */
    KdaProgram(Map<String, RowType> streams, Map<String, RowType> inputs, Set<String> referenceTables,
               Function<RunClock, List<PumpPlan>> pumps) {
        this.referenceTables = Set.copyOf(referenceTables);
        this.streams = Collections.unmodifiableMap(new LinkedHashMap<>(streams));
        Map<String, Integer> widths = new HashMap<>();
        inputs.forEach((name, type) -> widths.put(name, type.size()));
        this.inputs = Map.copyOf(widths);
        this.pumps = pumps;
    }

    @Override
    public Map<String, RowType> streams() {
        return streams;
    }

    @Override
    public ProgramRun start(ProgramContext context) {
        Map<String, StreamHub> hubs = new HashMap<>();
        Map<String, RowReceiver> inputWriters = new HashMap<>();
        for (String input : inputs.keySet()) {
            StreamHub hub = new StreamHub(input, null);
            hubs.put(input, hub);
            inputWriters.put(input, hub.writer());
        }
        for (String stream : streams.keySet()) {
            hubs.put(stream, new StreamHub(stream, context.sink()));
        }
        Wiring wiring = new Wiring(hubs, context);
        RunClock clock = new RunClock(context.wallClock().getAsLong(), context.wallClock());
        for (PumpPlan pump : pumps.apply(clock)) {
            pump.build(wiring);
        }
        Map<String, Consumer<List<Object[]>>> tableReaders = new HashMap<>(wiring.referenceTableReaders());
        for (String table : referenceTables) {
            // a table the code never joins still exists: replacing it is allowed and changes nothing
            tableReaders.putIfAbsent(table, rows -> { });
        }
        return new InAppRun(inputWriters, inputs, wiring.statefulOperators(), tableReaders);
    }
}
