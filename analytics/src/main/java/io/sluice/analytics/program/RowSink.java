package io.sluice.analytics.program;

/**
 * Receives every row inserted into an in-application stream the code creates, in ROWTIME order per stream, on
 * the run's thread. The values array belongs to the receiver.
 */
@FunctionalInterface
public interface RowSink {

    void accept(String stream, long rowtime, Object[] values);
}
