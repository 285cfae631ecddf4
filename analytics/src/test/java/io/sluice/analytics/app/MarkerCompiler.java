package io.sluice.analytics.app;

import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.program.CompiledProgram;
import io.sluice.analytics.program.SqlCompiler;

/** Accepts any code but code containing {@link #MARKER}, which it refuses at line 1. Test double; cannot compile. */
final class MarkerCompiler implements SqlCompiler {

    static final String MARKER = "BROKEN";

    @Override
    public void check(String code) throws CodeValidationException {
        int at = code.indexOf(MARKER);
        if (at >= 0) {
            throw new CodeValidationException("unexpected " + MARKER, 1, at + 1);
        }
    }

    @Override
    public CompiledProgram compile(String code, Catalog catalog) {
        throw new UnsupportedOperationException("the registry only checks code");
    }
}
