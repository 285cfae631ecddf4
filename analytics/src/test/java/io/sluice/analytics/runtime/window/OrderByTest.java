package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.window.Collector.Out;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.analytics.runtime.window.Exprs.ROWTIME;
import static io.sluice.analytics.runtime.window.Exprs.column;
import static io.sluice.analytics.runtime.window.Exprs.step;
import static io.sluice.analytics.runtime.window.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ORDER BY FLOOR(ROWTIME TO SECOND), ANOMALY_SCORE DESC} over rows (name, score). */
class OrderByTest {

    private static final long SECOND = 1_000;
    private static final Expr FLOOR_TO_SECOND = step(ROWTIME, SECOND);

    private final Collector out = new Collector();
    private final OrderBy orderBy = new OrderBy(FLOOR_TO_SECOND, start -> start + SECOND,
            List.of(SortKey.desc(column(1)), SortKey.asc(column(0))), out);

    @Test
    void rowsOfOneSecondAreEmittedSortedWhenTheNextSecondBegins() {
        orderBy.row(t("10:00:00.100"), new Object[] {"a", 0.5});
        orderBy.row(t("10:00:00.200"), new Object[] {"b", 2.5});
        orderBy.row(t("10:00:00.300"), new Object[] {"c", null});
        orderBy.row(t("10:00:00.400"), new Object[] {"d", 2.5});
        assertThat(out.rows).isEmpty();

        orderBy.row(t("10:00:01.000"), new Object[] {"e", 9.0});

        // descending puts NULL first; ties keep the next key's order; ROWTIME never goes back
        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:00.300"), "c", null),
                Out.of(t("10:00:00.300"), "b", 2.5),
                Out.of(t("10:00:00.400"), "d", 2.5),
                Out.of(t("10:00:00.400"), "a", 0.5));
        assertThat(orderBy.retainedFloor()).isEqualTo(t("10:00:01.000"));
    }

    @Test
    void aBoundAtTheSecondsEndFlushesAnIdleSecond() {
        orderBy.row(t("10:00:00.100"), new Object[] {"a", 1.0});
        orderBy.row(t("10:00:00.200"), new Object[] {"b", 2.0});

        orderBy.bound(t("10:00:00.900"));
        assertThat(out.rows).isEmpty();
        // the bound passed on stays at the oldest held row
        assertThat(out.bounds).containsExactly(t("10:00:00.100"));

        orderBy.bound(t("10:00:01.000"));
        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:00.200"), "b", 2.0),
                Out.of(t("10:00:00.200"), "a", 1.0));
        assertThat(out.bounds).containsExactly(t("10:00:00.100"), t("10:00:01.000"));
        assertThat(orderBy.retainedFloor()).isEqualTo(Long.MAX_VALUE);
    }
}
