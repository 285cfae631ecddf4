package io.sluice.analytics.program;

/** Receives the rows of {@code error_stream}, on the run's thread. */
@FunctionalInterface
public interface ErrorSink {

    void accept(ErrorRow row);
}
