package io.sluice.analytics.runtime.window;

import java.util.ArrayDeque;

/**
 * MIN or MAX over a sliding window in O(1) amortized per row: a deque, in arrival order, of the window's rows that
 * can still become the extreme (each strictly better than every row kept after it), so a row leaving the window
 * costs nothing unless it is the current extreme. NULLs are ignored, as SQL's MIN and MAX do; values compare by their
 * natural order.
 *
 * <p><b>Threading</b>: single-threaded, owned by one window partition.
 */
final class SlidingExtreme {

    private final int sign;
    private final ArrayDeque<Object> rows = new ArrayDeque<>();
    private final ArrayDeque<Comparable<Object>> values = new ArrayDeque<>();

    private SlidingExtreme(int sign) {
        this.sign = sign;
    }

    /** The deque for an aggregate named MIN or MAX with one argument, else null (the aggregate is not one). */
    static SlidingExtreme forAggregate(AggregateCall call) {
        if (call.args().length != 1 || call.fn().retractable()) {
            return null;
        }
        return switch (call.fn().name().toUpperCase(java.util.Locale.ROOT)) {
            case "MIN" -> new SlidingExtreme(1);
            case "MAX" -> new SlidingExtreme(-1);
            default -> null;
        };
    }

    /** Adds the value of {@code row}, which is newer than every row added before. */
    @SuppressWarnings("unchecked")
    void add(Object row, Object value) {
        if (value == null) {
            return;
        }
        Comparable<Object> comparable = (Comparable<Object>) value;
        // an older row that is no better than the new one can never be the extreme again
        while (!values.isEmpty() && sign * values.peekLast().compareTo(value) >= 0) {
            values.pollLast();
            rows.pollLast();
        }
        rows.addLast(row);
        values.addLast(comparable);
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
}
