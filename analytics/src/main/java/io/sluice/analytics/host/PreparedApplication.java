package io.sluice.analytics.host;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.program.CompiledProgram;

import java.util.List;
import java.util.Map;

/**
 * An application configuration checked against the server and compiled: ready to run. Immutable.
 *
 * @param referenceTables the reference tables' rows, by table name
 */
record PreparedApplication(ApplicationConfig config, CompiledProgram program,
                           Map<String, List<Object[]>> referenceTables) {

    PreparedApplication {
        referenceTables = Map.copyOf(referenceTables);
    }
}
