package io.sluice.analytics.program;

/**
 * Turns KDA SQL application code into a runnable program. Thread-safe; compiling has no side effects.
 */
public interface SqlCompiler {

    /**
     * Checks code on its own, as CreateApplication and UpdateApplication do before inputs may exist: it parses, and
     * every function and construct it uses is supported.
     */
    void check(String code) throws CodeValidationException;

    /** Resolves the code against what it reads and plans it: every stream, table, column and type checked. */
    CompiledProgram compile(String code, Catalog catalog) throws CodeValidationException;
}
