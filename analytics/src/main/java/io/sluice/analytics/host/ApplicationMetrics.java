package io.sluice.analytics.host;

/**
 * What a running application reports for {@code /metrics}, by application name. Implemented in the server over
 * Micrometer.
 *
 * <p><b>Threading</b>: implementations are thread-safe; applications report from their own task threads.
 */
public interface ApplicationMetrics {

    ApplicationMetrics NONE = new ApplicationMetrics() {
    };

    /** Records (and their bytes) read from an input's source. */
    default void input(String application, String inputId, int records, long bytes) {
    }

    /** How far behind the newest record of its source an input is, after its last read. */
    default void millisBehindLatest(String application, String inputId, long millis) {
    }

    /** Records durably written to an output's destination. */
    default void output(String application, String outputName, String destinationKind, int records) {
    }

    /** Rows that went to error_stream. */
    default void errors(String application, int rows) {
    }
}
