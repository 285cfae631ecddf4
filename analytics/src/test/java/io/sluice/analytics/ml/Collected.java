package io.sluice.analytics.ml;

import io.sluice.analytics.runtime.RowReceiver;

import java.util.ArrayList;
import java.util.List;

/** A receiver that keeps what it is given, in order. */
final class Collected implements RowReceiver {

    record Row(long rowtime, Object[] values) {
        Object get(int i) {
            return values[i];
        }
    }

    final List<Row> rows = new ArrayList<>();
    final List<Long> bounds = new ArrayList<>();
    final List<String> events = new ArrayList<>();

    @Override
    public void row(long rowtime, Object[] values) {
        rows.add(new Row(rowtime, values));
        events.add("row@" + rowtime);
    }

    @Override
    public void bound(long rowtime) {
        bounds.add(rowtime);
        events.add("bound@" + rowtime);
    }

    Row last() {
        return rows.get(rows.size() - 1);
    }
}
