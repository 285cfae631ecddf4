package io.sluice.cli.analytics;

/**
 * Prints the rows of the streams chosen for output. Rows arrive in the order the run emits them; {@link #finish}
 * is called once after the last.
 *
 * <p><b>Threading</b>: single-threaded, the run's thread.
 */
interface RowPrinter {

    void row(String stream, long rowtime, Object[] values);

    void finish();
}
