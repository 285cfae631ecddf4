package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.window.Collector.Out;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.sluice.analytics.runtime.window.Exprs.column;
import static io.sluice.analytics.runtime.window.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

class SlidingWindowTest {

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60_000;

    private final Collector out = new Collector();

    @Test
    void slidingWindowEmitsOneRowPerInputRowCountingTheLastFiveSeconds() {
        // sliding-window-concepts: a 5-second window, rows at t1, t2, t6, t7 and three at t8
        SlidingWindow window = new SlidingWindow(List.of(new WindowSpec(List.of(), Frame.range(5 * SECOND),
                List.of(AggregateCall.of(TestAggregates.count())))), out);
        for (int second : new int[] {1, 2, 6, 7, 8, 8, 8}) {
            window.row(second * SECOND, new Object[] {"r" + second});
        }
        // a row leaving the window emits nothing by itself
        window.bound(20 * SECOND);

        assertThat(out.take()).containsExactly(
                Out.of(1 * SECOND, "r1", 1L),
                Out.of(2 * SECOND, "r2", 2L),
                Out.of(6 * SECOND, "r6", 2L),
                Out.of(7 * SECOND, "r7", 2L),
                Out.of(8 * SECOND, "r8", 3L),
                Out.of(8 * SECOND, "r8", 4L),
                Out.of(8 * SECOND, "r8", 5L));
        assertThat(out.bounds).containsExactly(20 * SECOND);
    }

    @Test
    void partitionsAreWindowedSeparately() {
        // MIN, MAX, SUM (price) OVER (PARTITION BY ticker RANGE INTERVAL '1' MINUTE PRECEDING)
        SlidingWindow window = new SlidingWindow(List.of(new WindowSpec(List.of(column(0)), Frame.range(MINUTE),
                List.of(AggregateCall.of(TestAggregates.min(), column(1)),
                        AggregateCall.of(TestAggregates.max(), column(1)),
                        AggregateCall.of(TestAggregates.sum(), column(1))))), out);
        window.row(t("10:00:00"), new Object[] {"AMZN", 5L});
        window.row(t("10:00:10"), new Object[] {"AAPL", 100L});
        window.row(t("10:00:30"), new Object[] {"AMZN", 3L});
        window.row(t("10:01:00"), new Object[] {"AMZN", 4L});
        window.row(t("10:01:15"), new Object[] {"AAPL", 50L});

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:00"), "AMZN", 5L, 5L, 5L, 5L),
                Out.of(t("10:00:10"), "AAPL", 100L, 100L, 100L, 100L),
                Out.of(t("10:00:30"), "AMZN", 3L, 3L, 5L, 8L),
                Out.of(t("10:01:00"), "AMZN", 4L, 3L, 4L, 7L),
                Out.of(t("10:01:15"), "AAPL", 50L, 50L, 50L, 50L));
    }

    @Test
    void severalWindowsOfOneSelectAreComputedSideBySide() {
        // avg(price) over last2rows, avg(price) over last10rows, as SUM and COUNT (sliding-window-concepts ex. 3)
        SlidingWindow window = new SlidingWindow(List.of(
                new WindowSpec(List.of(column(0)), Frame.rows(2), List.of(
                        AggregateCall.of(TestAggregates.sum(), column(1)),
                        AggregateCall.of(TestAggregates.count(), column(1)))),
                new WindowSpec(List.of(column(0)), Frame.rows(10), List.of(
                        AggregateCall.of(TestAggregates.sum(), column(1))))), out);
        long[] prices = {1, 2, 3, 4, 5};
        for (int i = 0; i < prices.length; i++) {
            window.row(t("10:00:00") + i, new Object[] {"X", prices[i]});
        }
        window.row(t("10:00:01"), new Object[] {"Y", 100L});

        assertThat(out.take()).extracting(o -> o.values().subList(2, 5)).containsExactly(
                List.of(1L, 1L, 1L),
                List.of(3L, 2L, 3L),
                List.of(6L, 3L, 6L),
                List.of(9L, 3L, 10L),
                List.of(12L, 3L, 15L),
                List.of(100L, 1L, 100L));
    }

    @Test
    void lagIgnoringNullsReturnsEarlierPricesOfTheSameTickerOrTheDefault() {
        // the SQL reference's LAG example: LAG(price, 1, 0) and LAG(price, 2, 0) IGNORE NULLS
        // OVER (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING)
        Expr zero = (rowtime, row) -> 0.0;
        SlidingWindow window = new SlidingWindow(List.of(new WindowSpec(List.of(column(0)), Frame.range(MINUTE),
                List.of(NavigationCall.lag(column(1), 1, zero, true), NavigationCall.lag(column(1), 2, zero, true)))),
                out);
        window.row(t("10:00:00"), new Object[] {"AMZN", 10.0});
        window.row(t("10:00:05"), new Object[] {"AAPL", 50.0});
        window.row(t("10:00:10"), new Object[] {"AMZN", null});
        window.row(t("10:00:20"), new Object[] {"AMZN", 12.0});
        window.row(t("10:00:30"), new Object[] {"AMZN", 13.0});
        window.row(t("10:01:25"), new Object[] {"AMZN", 14.0});

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:00"), "AMZN", 10.0, 0.0, 0.0),
                Out.of(t("10:00:05"), "AAPL", 50.0, 0.0, 0.0),
                Out.of(t("10:00:10"), "AMZN", null, 10.0, 0.0),
                Out.of(t("10:00:20"), "AMZN", 12.0, 10.0, 0.0),
                Out.of(t("10:00:30"), "AMZN", 13.0, 12.0, 10.0),
                // 10:00:00 to 10:00:20 have left the minute
                Out.of(t("10:01:25"), "AMZN", 14.0, 13.0, 0.0));
    }

    @Test
    void lagRespectingNullsReturnsTheNullAndTheDefaultOnlyOutsideTheWindow() {
        Expr minusOne = (rowtime, row) -> -1L;
        SlidingWindow window = new SlidingWindow(List.of(new WindowSpec(List.of(), Frame.rows(2),
                List.of(NavigationCall.lag(column(0), 1, minusOne, false),
                        NavigationCall.lag(column(0), 3, minusOne, false),
                        NavigationCall.lag(column(0), 0, null, false)))), out);
        window.row(1, new Object[] {1L});
        window.row(2, new Object[] {null});
        window.row(3, new Object[] {3L});
        window.row(4, new Object[] {4L});

        assertThat(out.take()).extracting(o -> o.values().subList(1, 4)).containsExactly(
                java.util.Arrays.asList(-1L, -1L, 1L),
                java.util.Arrays.asList(1L, -1L, null),
                java.util.Arrays.asList(null, -1L, 3L),
                java.util.Arrays.asList(3L, -1L, 4L));
    }

    @Test
    void nthFirstAndLastValueCountFromEitherEndOfTheWindow() {
        SlidingWindow window = new SlidingWindow(List.of(new WindowSpec(List.of(), Frame.rows(3), List.of(
                NavigationCall.firstValue(column(0), false),
                NavigationCall.firstValue(column(0), true),
                NavigationCall.lastValue(column(0), true),
                NavigationCall.nthValue(column(0), 2, false, false),
                NavigationCall.nthValue(column(0), 2, true, true),
                NavigationCall.nthValue(column(0), 5, false, false)))), out);
        window.row(1, new Object[] {null});
        window.row(2, new Object[] {"b"});
        window.row(3, new Object[] {"c"});
        window.row(4, new Object[] {null});
        window.row(5, new Object[] {"e"});

        assertThat(out.take()).extracting(o -> o.values().subList(1, 7)).containsExactly(
                java.util.Arrays.asList(null, null, null, null, null, null),
                java.util.Arrays.asList(null, "b", "b", "b", null, null),
                java.util.Arrays.asList(null, "b", "c", "b", "b", null),
                java.util.Arrays.asList(null, "b", "c", "b", "b", null),
                java.util.Arrays.asList("b", "b", "e", "c", "c", null));
    }

    @Test
    void rangeWindowsGiveUpRowsOnBoundsAndReportTheOldestHeldRowtime() {
        SlidingWindow window = new SlidingWindow(List.of(
                new WindowSpec(List.of(column(0)), Frame.range(MINUTE), List.of(
                        AggregateCall.of(TestAggregates.count()))),
                new WindowSpec(List.of(column(0)), Frame.rows(1), List.of(
                        AggregateCall.of(TestAggregates.count())))), out);
        assertThat(window.retainedFloor()).isEqualTo(Long.MAX_VALUE);
        window.row(t("10:00:00"), new Object[] {"A"});
        window.row(t("10:00:30"), new Object[] {"B"});
        window.row(t("10:00:40"), new Object[] {"B"});
        window.row(t("10:00:50"), new Object[] {"B"});
        assertThat(window.retainedFloor()).isEqualTo(t("10:00:00"));

        // the ROWS window keeps A's only row however old; rows of B beyond ROWS 1 are gone
        window.bound(t("10:05:00"));
        assertThat(window.retainedFloor()).isEqualTo(t("10:00:00"));

        Collector rangeOut = new Collector();
        SlidingWindow rangeOnly = new SlidingWindow(List.of(new WindowSpec(List.of(column(0)),
                Frame.range(MINUTE), List.of(AggregateCall.of(TestAggregates.count())))), rangeOut);
        rangeOnly.row(t("10:00:00"), new Object[] {"A"});
        rangeOnly.row(t("10:00:30"), new Object[] {"B"});
        rangeOnly.bound(t("10:01:00"));
        assertThat(rangeOnly.retainedFloor()).isEqualTo(t("10:00:30"));
        rangeOnly.bound(t("10:01:30"));
        assertThat(rangeOnly.retainedFloor()).isEqualTo(Long.MAX_VALUE);
        rangeOnly.row(t("10:01:40"), new Object[] {"A"});
        assertThat(rangeOut.rows.get(rangeOut.rows.size() - 1)).isEqualTo(Out.of(t("10:01:40"), "A", 1L));
    }

    @Property(tries = 200)
    void retractingOrDequeAndRecomputingAggregatesAgree(@ForAll long seed,
                                                        @ForAll @IntRange(min = 1, max = 200) int rows,
                                                        @ForAll @IntRange(min = 0, max = 8) int rowsPreceding) {
        System.out.println("retract vs recompute seed=" + seed + " rows=" + rows + " preceding=" + rowsPreceding);
        Random random = new Random(seed);
        Collector retracting = new Collector();
        Collector recomputing = new Collector();
        SlidingWindow[] windows = new SlidingWindow[2];
        Collector[] collectors = {retracting, recomputing};
        for (int i = 0; i < 2; i++) {
            boolean retractable = i == 0;
            // the first window keeps MIN and MAX in deques, the second recomputes them
            windows[i] = new SlidingWindow(List.of(
                    new WindowSpec(List.of(column(0)), Frame.range(10 * SECOND), List.of(
                            AggregateCall.of(TestAggregates.sum(retractable), column(1)),
                            AggregateCall.of(retractable ? TestAggregates.min() : TestAggregates.minRecomputed(),
                                    column(1)))),
                    new WindowSpec(List.of(column(0)), Frame.rows(rowsPreceding), List.of(
                            AggregateCall.of(TestAggregates.sum(retractable), column(1)),
                            AggregateCall.of(retractable ? TestAggregates.max() : TestAggregates.maxRecomputed(),
                                    column(1))))), collectors[i]);
        }
        long rowtime = 0;
        boolean boundSent = false;
        for (int i = 0; i < rows; i++) {
            // after a bound at rowtime + 1 no row may come earlier
            rowtime += Math.max(random.nextInt(3 * (int) SECOND), boundSent ? 1 : 0);
            Object[] row = {"K" + random.nextInt(3), random.nextInt(8) == 0 ? null : (long) random.nextInt(20)};
            boolean bound = random.nextInt(10) == 0;
            boundSent = bound;
            for (SlidingWindow window : windows) {
                window.row(rowtime, row);
                if (bound) {
                    window.bound(rowtime + 1);
                }
            }
        }
        assertThat(retracting.rows).isEqualTo(recomputing.rows);
        assertThat(windows[0].retainedFloor()).isEqualTo(windows[1].retainedFloor());
    }
}
