package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.window.Collector.Out;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.analytics.runtime.window.Exprs.column;
import static io.sluice.analytics.runtime.window.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL reference's stream-to-stream join examples (JOIN clause): ORDERS_STREAM and SHIPMENTS_STREAM, one
 * {@code orderid} column each, joined ON o.orderid = s.orderid with one-minute windows.
 */
class StreamJoinTest {

    private static final long MINUTE = 60_000;

    private final Collector out = new Collector();

    private static JoinSide orders(boolean windowed, boolean preserved) {
        return windowed ? JoinSide.windowed(1, List.of(column(0)), MINUTE, preserved)
                : JoinSide.current(1, List.of(column(0)), preserved);
    }

    private static JoinSide shipments(boolean windowed, boolean preserved) {
        return orders(windowed, preserved);
    }

    /** The examples' input, in ROWTIME order, then bounds that end every window. */
    private void feedExampleData(StreamJoin join) {
        join.left().row(t("10:00:00"), new Object[] {101});
        join.right().row(t("10:00:00"), new Object[] {100});
        join.left().row(t("10:00:20"), new Object[] {102});
        join.left().row(t("10:00:30"), new Object[] {103});
        join.left().row(t("10:00:40"), new Object[] {104});
        join.right().row(t("10:00:45"), new Object[] {104});
        join.left().row(t("10:00:45"), new Object[] {100});
        join.right().row(t("10:00:50"), new Object[] {105});
        join.left().bound(t("10:03:00"));
        join.right().bound(t("10:03:00"));
    }

    @Test
    void innerJoinWithAWindowOnTheOrdersOnlyMatchesShipmentsToOrdersOfTheLastMinute() {
        feedExampleData(new StreamJoin(orders(true, false), shipments(false, false), null, out));

        // the late order 100 finds no shipment: the shipments side has no window
        assertThat(out.take()).containsExactly(Out.of(t("10:00:45"), 104, 104));
    }

    @Test
    void innerJoinWithWindowsOnBothSidesAlsoMatchesTheLateOrder() {
        feedExampleData(new StreamJoin(orders(true, false), shipments(true, false), null, out));

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:45"), 104, 104),
                Out.of(t("10:00:45"), 100, 100));
    }

    @Test
    void rightJoinWithoutAWindowOnTheShipmentsEmitsUnmatchedShipmentsAtOnce() {
        feedExampleData(new StreamJoin(orders(true, false), shipments(false, true), null, out));

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:00"), null, 100),
                Out.of(t("10:00:45"), 104, 104),
                Out.of(t("10:00:50"), null, 105));
    }

    @Test
    void rightJoinWithWindowsOnBothSidesEmitsAnUnmatchedShipmentAtTheEndOfItsWindow() {
        feedExampleData(new StreamJoin(orders(true, false), shipments(true, true), null, out));

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:45"), 104, 104),
                Out.of(t("10:00:45"), 100, 100),
                Out.of(t("10:01:50"), null, 105));
    }

    @Test
    void leftJoinEmitsOrdersWithoutShipmentsWithNullsWhenTheirWindowEnds() {
        feedExampleData(new StreamJoin(orders(true, true), shipments(false, false), null, out));

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:45"), 104, 104),
                Out.of(t("10:01:00"), 101, null),
                Out.of(t("10:01:20"), 102, null),
                Out.of(t("10:01:30"), 103, null),
                Out.of(t("10:01:45"), 100, null));
    }

    @Test
    void leftJoinWithWindowsOnBothSidesEmitsOnlyTheUnmatchedOrdersWithNulls() {
        feedExampleData(new StreamJoin(orders(true, true), shipments(true, false), null, out));

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:45"), 104, 104),
                Out.of(t("10:00:45"), 100, 100),
                Out.of(t("10:01:00"), 101, null),
                Out.of(t("10:01:20"), 102, null),
                Out.of(t("10:01:30"), 103, null));
    }

    @Test
    void fullJoinEmitsUnmatchedRowsOfBothSides() {
        feedExampleData(new StreamJoin(orders(true, true), shipments(true, true), null, out));

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:45"), 104, 104),
                Out.of(t("10:00:45"), 100, 100),
                Out.of(t("10:01:00"), 101, null),
                Out.of(t("10:01:20"), 102, null),
                Out.of(t("10:01:30"), 103, null),
                Out.of(t("10:01:50"), null, 105));
    }

    @Test
    void anUnmatchedLeftRowWaitsUntilTheOtherSideHasPassedItsWindow() {
        StreamJoin join = new StreamJoin(orders(true, true), shipments(false, false), null, out);
        join.left().row(t("10:00:00"), new Object[] {1});
        join.right().bound(t("10:00:59.999"));
        join.left().bound(t("10:05:00"));
        assertThat(out.rows).isEmpty();
        assertThat(join.retainedFloor()).isEqualTo(t("10:00:00"));

        // a shipment exactly one minute later is outside the window, and closes it
        join.right().row(t("10:01:00"), new Object[] {1});

        assertThat(out.take()).containsExactly(Out.of(t("10:01:00"), 1, null));
        assertThat(join.retainedFloor()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theJoinPassesOnTheBoundBothSidesHaveReached() {
        StreamJoin join = new StreamJoin(orders(true, false), shipments(true, false), null, out);
        join.left().bound(t("10:00:10"));
        assertThat(out.bounds).isEmpty();

        join.right().bound(t("10:00:05"));
        join.right().row(t("10:00:20"), new Object[] {7});

        assertThat(out.bounds).containsExactly(t("10:00:05"), t("10:00:10"));
    }

    @Test
    void nullKeysNeverMatchAndTheResidualConditionMustHold() {
        // ON o.k = s.k AND o.v < s.v; rows (k, v)
        JoinSide left = JoinSide.windowed(2, List.of(column(0)), MINUTE, true);
        JoinSide right = JoinSide.current(2, List.of(column(0)), false);
        StreamJoin join = new StreamJoin(left, right,
                (rowtime, row) -> (Integer) row[1] < (Integer) row[3], out);
        join.left().row(t("10:00:00"), new Object[] {null, 1});
        join.left().row(t("10:00:01"), new Object[] {"a", 5});
        join.right().row(t("10:00:02"), new Object[] {null, 9});
        join.right().row(t("10:00:03"), new Object[] {"a", 4});
        join.right().row(t("10:00:04"), new Object[] {"a", 6});
        join.right().bound(t("10:02:00"));
        // the unmatched row waits for the left side too: a left row before 10:01 could still join something
        assertThat(out.rows).hasSize(1);
        assertThat(join.retainedFloor()).isEqualTo(t("10:00:00"));
        join.left().bound(t("10:02:00"));

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:04"), "a", 5, "a", 6),
                Out.of(t("10:01:00"), null, 1, null, null));
    }

    @Test
    void skewedInputsStillGiveNonDecreasingRowtimes() {
        // the right side's upstream lags (a tumbling window upstream, say)
        StreamJoin join = new StreamJoin(orders(true, false), shipments(true, false), null, out);
        join.left().row(t("10:00:50"), new Object[] {1});
        join.left().row(t("10:01:10"), new Object[] {2});
        join.right().row(t("10:01:00"), new Object[] {1});
        join.right().row(t("10:01:05"), new Object[] {2});

        assertThat(out.take()).containsExactly(
                Out.of(t("10:01:00"), 1, 1),
                Out.of(t("10:01:10"), 2, 2));
    }
}
