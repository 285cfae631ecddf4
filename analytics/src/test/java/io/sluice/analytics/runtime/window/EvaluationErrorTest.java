package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.EvaluationException;
import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.window.Collector.Out;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.analytics.runtime.window.Exprs.ROWTIME;
import static io.sluice.analytics.runtime.window.Exprs.column;
import static io.sluice.analytics.runtime.window.Exprs.step;
import static io.sluice.analytics.runtime.window.Times.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A row that fails evaluation goes to error_stream (the caller's job) and leaves no trace in an operator. */
class EvaluationErrorTest {

    /** Fails on a row whose column 1 is negative, as a division by zero would. */
    private static final Expr CHECKED = (rowtime, row) -> {
        if ((Long) row[1] < 0) {
            throw new EvaluationException("Data Exception", "negative");
        }
        return row[1];
    };

    private final Collector out = new Collector();

    @Test
    void aTumblingRowThatFailsChangesNoGroup() {
        TumblingAggregate tumbling = new TumblingAggregate(step(ROWTIME, 60_000), start -> start + 60_000,
                List.of(column(0)), List.of(AggregateCall.of(TestAggregates.count()),
                AggregateCall.of(TestAggregates.sum(), CHECKED)),
                List.of(GroupColumn.key(0), GroupColumn.aggregate(0), GroupColumn.aggregate(1)), null, out);
        tumbling.row(t("10:00:00"), new Object[] {"A", 1L});

        assertThatThrownBy(() -> tumbling.row(t("10:00:01"), new Object[] {"B", -1L}))
                .isInstanceOf(EvaluationException.class);
        tumbling.bound(t("10:01:00"));

        assertThat(out.take()).containsExactly(Out.of(t("10:01:00"), "A", 1L, 1L));
    }

    @Test
    void aSlidingRowThatFailsEntersNoWindow() {
        SlidingWindow window = new SlidingWindow(List.of(
                new WindowSpec(List.of(), Frame.rows(5), List.of(AggregateCall.of(TestAggregates.count()))),
                new WindowSpec(List.of(), Frame.rows(5), List.of(AggregateCall.of(TestAggregates.sum(), CHECKED)))),
                out);
        window.row(1, new Object[] {"A", 1L});

        assertThatThrownBy(() -> window.row(2, new Object[] {"B", -1L})).isInstanceOf(EvaluationException.class);
        window.row(3, new Object[] {"C", 2L});

        assertThat(out.take()).containsExactly(Out.of(1, "A", 1L, 1L, 1L), Out.of(3, "C", 2L, 2L, 3L));
    }

    @Test
    void aStaggerRowThatFailsOpensNoWindow() {
        StaggerWindow stagger = new StaggerWindow(List.of(column(0)), 60_000,
                List.of(AggregateCall.of(TestAggregates.sum(), CHECKED)),
                List.of(GroupColumn.key(0), GroupColumn.aggregate(0)), null, out);

        assertThatThrownBy(() -> stagger.row(t("10:00:00"), new Object[] {"A", -1L}))
                .isInstanceOf(EvaluationException.class);

        assertThat(stagger.retainedFloor()).isEqualTo(Long.MAX_VALUE);
    }
}
