package io.sluice.analytics.program;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What a run talks to: where rows of the streams the code creates go, where failed rows go, the reference tables
 * loaded at start (rows in the columns of the catalog's table), and the wall clock that CURRENT_TIMESTAMP and
 * friends read (milliseconds since the epoch).
 */
public record ProgramContext(RowSink sink, ErrorSink errors, Map<String, List<Object[]>> referenceTables,
                             LongSupplier wallClock) {

    public ProgramContext {
        referenceTables = Map.copyOf(referenceTables);
    }
}
