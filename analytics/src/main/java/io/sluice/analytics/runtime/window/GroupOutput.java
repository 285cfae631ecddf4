package io.sluice.analytics.runtime.window;

import io.sluice.analytics.function.Accumulator;
import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.RowReceiver;

import java.util.List;

/**
 * Builds a closed group's output row by its layout, applies HAVING and sends the row on. Shared by the tumbling
 * and stagger windows.
 *
 * <p><b>Threading</b>: single-threaded, owned by one operator.
 */
final class GroupOutput {

    private final GroupColumn[] layout;
    private final Expr having;
    private final RowReceiver downstream;

    GroupOutput(List<GroupColumn> layout, Expr having, RowReceiver downstream) {
        this.layout = layout.toArray(GroupColumn[]::new);
        this.having = having;
        this.downstream = downstream;
    }

    void emit(long rowtime, Object windowKey, Object key, Accumulator[] accumulators) {
        Object[] out = new Object[layout.length];
        for (int i = 0; i < layout.length; i++) {
            out[i] = switch (layout[i]) {
                case GroupColumn.Key k -> Keys.value(key, k.index());
                case GroupColumn.Aggregate a -> accumulators[a.index()].result();
                case GroupColumn.WindowKey w -> windowKey;
            };
        }
        if (having == null || Boolean.TRUE.equals(having.eval(rowtime, out))) {
            downstream.row(rowtime, out);
        }
    }

    void bound(long rowtime) {
        downstream.bound(rowtime);
    }
}
