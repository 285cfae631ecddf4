package io.sluice.analytics.program;

import io.sluice.analytics.type.RowType;

import java.util.Map;

/** A planned application: immutable and reusable; each {@link #start} builds a fresh run with empty state. */
public interface CompiledProgram {

    /** The in-application streams the code creates, by name (exact case), with their visible columns. */
    Map<String, RowType> streams();

    ProgramRun start(ProgramContext context);
}
