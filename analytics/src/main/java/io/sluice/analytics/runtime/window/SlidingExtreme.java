package io.sluice.analytics.runtime.window;

import io.sluice.analytics.function.Accumulator;
import io.sluice.analytics.function.AggregateFunction;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;

/**
 * MIN or MAX over a sliding window in O(1) amortized per row: a deque, in arrival order, of the window's rows that
 * can still become the extreme (none is beaten by a row kept after it), so a row leaving the window costs nothing
 * unless it is the current extreme. NULLs are ignored, as SQL's MIN and MAX do. Which of two values wins is asked
 * of the function's own accumulator (the extreme of the two, which must be one of them), so the deque orders
 * values exactly as the function does, whatever their type.
 *
 * <p><b>Threading</b>: single-threaded, owned by one window partition.
 */
final class SlidingExtreme {

    private final AggregateFunction fn;
    private final Object[] scratch = new Object[1];
    private final ArrayDeque<Object> rows = new ArrayDeque<>();
    private final ArrayDeque<Object> values = new ArrayDeque<>();

    private SlidingExtreme(AggregateFunction fn) {
        this.fn = fn;
    }

    /** The deque for an aggregate named MIN or MAX with one argument, else null (the aggregate is not one). */
    static SlidingExtreme forAggregate(AggregateCall call) {
        String name = call.fn().name().toUpperCase(Locale.ROOT);
        boolean extreme = name.equals("MIN") || name.equals("MAX");
        return extreme && call.args().length == 1 && !call.fn().retractable() ? new SlidingExtreme(call.fn()) : null;
    }

    /** Adds the value of {@code row}, which is newer than every row added before. */
    void add(Object row, Object value) {
        if (value == null) {
            return;
        }
        // an older row the new one beats can never be the extreme again
        while (!values.isEmpty() && beats(value, values.peekLast())) {
            values.pollLast();
            rows.pollLast();
        }
        rows.addLast(row);
        values.addLast(value);
    }

    /** {@code row}, the window's oldest row, leaves it. */
    void remove(Object row) {
        if (rows.peekFirst() == row) {
            rows.pollFirst();
            values.pollFirst();
        }
    }

    Object result() {
        return values.peekFirst();
    }

    private boolean beats(Object newer, Object older) {
        Accumulator pair = fn.factory().get();
        scratch[0] = older;
        pair.add(scratch);
        scratch[0] = newer;
        pair.add(scratch);
        return Objects.equals(pair.result(), newer);
    }
}
