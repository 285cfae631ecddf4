package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.RowReceiver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A downstream that records what reaches it, and checks that output ROWTIME never decreases. */
final class Collector implements RowReceiver {

    final List<Out> rows = new ArrayList<>();
    final List<Long> bounds = new ArrayList<>();
    private long last = Long.MIN_VALUE;

    @Override
    public void row(long rowtime, Object[] values) {
        if (rowtime < last) {
            throw new AssertionError("ROWTIME went back from " + last + " to " + rowtime);
        }
        last = rowtime;
        rows.add(new Out(rowtime, Arrays.asList(values)));
    }

    @Override
    public void bound(long rowtime) {
        if (rowtime < last) {
            throw new AssertionError("bound " + rowtime + " below the last output ROWTIME " + last);
        }
        last = rowtime;
        bounds.add(rowtime);
    }

    List<Out> take() {
        List<Out> taken = List.copyOf(rows);
        rows.clear();
        return taken;
    }

    /** One output row. */
    record Out(long rowtime, List<Object> values) {

        static Out of(long rowtime, Object... values) {
            return new Out(rowtime, Arrays.asList(values));
        }

        @Override
        public String toString() {
            return Times.format(rowtime) + " " + values;
        }
    }
}
