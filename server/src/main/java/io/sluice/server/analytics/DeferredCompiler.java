package io.sluice.server.analytics;

import io.sluice.analytics.plan.KdaCompiler;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.program.CompiledProgram;
import io.sluice.analytics.program.SqlCompiler;

/**
 * The KDA compiler, built on first use: loading Calcite's parser and the function catalogue costs a server that
 * runs no application a tenth of its start-up. Thread-safe (the JVM initialises the holder once).
 */
final class DeferredCompiler implements SqlCompiler {

    private static final class Holder {
        static final KdaCompiler COMPILER = new KdaCompiler();
    }

    @Override
    public void check(String code) throws CodeValidationException {
        Holder.COMPILER.check(code);
    }

    @Override
    public CompiledProgram compile(String code, Catalog catalog) throws CodeValidationException {
        return Holder.COMPILER.compile(code, catalog);
    }
}
