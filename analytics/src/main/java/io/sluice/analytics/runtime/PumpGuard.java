package io.sluice.analytics.runtime;

import io.sluice.analytics.program.ErrorRow;
import io.sluice.analytics.program.ErrorSink;

import java.util.function.LongSupplier;

/**
 * Where a pump reads its source: a row whose evaluation anywhere in the pump throws {@link EvaluationException}
 * becomes an {@code error_stream} row naming the pump, and the pump goes on with the next row. Exceptions
 * cost nothing on rows that evaluate.
 *
 * <p><b>Threading</b>: single-threaded, the run's thread.
 */
public final class PumpGuard implements RowReceiver {

    static final String LEVEL = "ERROR";

    private final String pump;
    private final RowReceiver downstream;
    private final ErrorSink errors;
    private final LongSupplier wallClock;

    public PumpGuard(String pump, RowReceiver downstream, ErrorSink errors, LongSupplier wallClock) {
        this.pump = pump;
        this.downstream = downstream;
        this.errors = errors;
        this.wallClock = wallClock;
    }

    @Override
    public void row(long rowtime, Object[] values) {
        try {
            downstream.row(rowtime, values);
        } catch (EvaluationException e) {
            errors.accept(new ErrorRow(wallClock.getAsLong(), LEVEL, e.errorName(), e.getMessage(), rowtime,
                    DataRowText.hex(values), pump));
        }
    }

    @Override
    public void bound(long rowtime) {
        try {
            downstream.bound(rowtime);
        } catch (EvaluationException e) {
            errors.accept(new ErrorRow(wallClock.getAsLong(), LEVEL, e.errorName(), e.getMessage(), null, null,
                    pump));
        }
    }
}
