package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.window.Collector.Out;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.sluice.analytics.runtime.window.Exprs.ROWTIME;
import static io.sluice.analytics.runtime.window.Exprs.column;
import static io.sluice.analytics.runtime.window.Exprs.step;
import static io.sluice.analytics.runtime.window.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

class TumblingAggregateTest {

    private static final long MINUTE = 60_000;

    private final Collector out = new Collector();

    /** GROUP BY ticker, STEP(ROWTIME BY INTERVAL '1' MINUTE); SELECT ticker, COUNT(*), SUM(price). */
    private TumblingAggregate perTickerPerMinute(io.sluice.analytics.runtime.Expr having) {
        return new TumblingAggregate(step(ROWTIME, MINUTE), start -> start + MINUTE, List.of(column(0)),
                List.of(AggregateCall.of(TestAggregates.count()), AggregateCall.of(TestAggregates.sum(), column(1))),
                List.of(GroupColumn.key(0), GroupColumn.aggregate(0), GroupColumn.aggregate(1)), having, out);
    }

    @Test
    void tumblingGroupIsEmittedWhenTheNextRowChangesTheMinuteWithTheWindowEndAsRowtime() {
        TumblingAggregate tumbling = perTickerPerMinute(null);
        tumbling.row(t("11:00:20"), new Object[] {"AMZN", 10L});
        tumbling.row(t("11:00:30"), new Object[] {"AMZN", 5L});
        tumbling.row(t("11:00:59.999"), new Object[] {"AAPL", 7L});

        assertThat(out.rows).isEmpty();

        tumbling.row(t("11:01:05"), new Object[] {"AMZN", 1L});

        assertThat(out.take()).containsExactly(
                Out.of(t("11:01:00"), "AMZN", 2L, 15L),
                Out.of(t("11:01:00"), "AAPL", 1L, 7L));
    }

    @Test
    void twoWindowEventTimePatternReproducesTheDevGuidesPartialResults() {
        // stagger-window-concepts, "Partial Results with Tumbling Windows": GROUP BY ticker_symbol,
        // FLOOR(EVENT_TIME TO MINUTE), STEP(ROWTIME BY INTERVAL '1' MINUTE); columns (ticker, event_time)
        TumblingAggregate tumbling = new TumblingAggregate(step(ROWTIME, MINUTE), start -> start + MINUTE,
                List.of(column(0), step(column(1), MINUTE)),
                List.of(AggregateCall.of(TestAggregates.count(), column(0))),
                List.of(GroupColumn.key(1), GroupColumn.key(0), GroupColumn.aggregate(0)), null, out);

        tumbling.row(t("11:00:20"), new Object[] {"AMZN", t("11:00:10")});
        tumbling.row(t("11:00:30"), new Object[] {"AMZN", t("11:00:20")});
        tumbling.row(t("11:01:05"), new Object[] {"AMZN", t("11:00:55")});
        tumbling.row(t("11:01:15"), new Object[] {"AMZN", t("11:01:05")});
        tumbling.bound(t("11:02:00"));

        assertThat(out.take()).containsExactly(
                Out.of(t("11:01:00"), t("11:00:00"), "AMZN", 1L + 1L),
                Out.of(t("11:02:00"), t("11:00:00"), "AMZN", 1L),
                Out.of(t("11:02:00"), t("11:01:00"), "AMZN", 1L));
        assertThat(out.bounds).containsExactly(t("11:02:00"));
    }

    @Test
    void lateRecordOfTheRowtimeSampleLandsInTheNextRowtimeWindowWithItsArrivalMinute() {
        // timestamps-rowtime-concepts: GROUP BY TICKER_SYMBOL, STEP(ROWTIME BY INTERVAL '60' SECOND),
        // STEP(APPROXIMATE_ARRIVAL_TIME BY INTERVAL '60' SECOND); rows (ticker, arrival time). The sample prints
        // the window start as ROWTIME; KDA's emission rule (and the stagger page's sample) put the window end.
        TumblingAggregate tumbling = new TumblingAggregate(step(ROWTIME, MINUTE), start -> start + MINUTE,
                List.of(column(0), step(column(1), MINUTE)), List.of(AggregateCall.of(TestAggregates.count())),
                List.of(GroupColumn.windowKey(), GroupColumn.key(1), GroupColumn.key(0), GroupColumn.aggregate(0)),
                null, out);
        long minute = t("17:05:00");
        int[][] firstWindow = {{10, 15, 6}};
        int[][] secondWindow = {{11, 11, 0}};
        String[] tickers = {"ABC", "DEF", "XYZ"};
        feed(tumbling, minute, tickers, firstWindow[0], minute);
        feed(tumbling, minute + MINUTE, tickers, secondWindow[0], minute + MINUTE);
        // the late XYZ record: ingested in the second minute, arrived in the first
        tumbling.row(minute + MINUTE + 59_000, new Object[] {"XYZ", minute + 59_000});
        tumbling.bound(minute + 2 * MINUTE);

        assertThat(out.take()).containsExactly(
                Out.of(minute + MINUTE, minute, minute, "ABC", 10L),
                Out.of(minute + MINUTE, minute, minute, "DEF", 15L),
                Out.of(minute + MINUTE, minute, minute, "XYZ", 6L),
                Out.of(minute + 2 * MINUTE, minute + MINUTE, minute + MINUTE, "ABC", 11L),
                Out.of(minute + 2 * MINUTE, minute + MINUTE, minute + MINUTE, "DEF", 11L),
                Out.of(minute + 2 * MINUTE, minute + MINUTE, minute, "XYZ", 1L));
    }

    private static void feed(TumblingAggregate tumbling, long minute, String[] tickers, int[] counts, long arrival) {
        long rowtime = minute;
        for (int i = 0; i < tickers.length; i++) {
            for (int n = 0; n < counts[i]; n++) {
                tumbling.row(rowtime, new Object[] {tickers[i], arrival + (rowtime - minute)});
                rowtime += 100;
            }
        }
    }

    @Test
    void rowtimeBoundAtTheWindowEndClosesTheWindowOfAnIdleInput() {
        TumblingAggregate tumbling = perTickerPerMinute(null);
        tumbling.row(t("11:00:20"), new Object[] {"AMZN", 10L});

        tumbling.bound(t("11:00:59.999"));
        assertThat(out.rows).isEmpty();
        assertThat(tumbling.retainedFloor()).isEqualTo(t("11:00:20"));

        tumbling.bound(t("11:01:00"));
        assertThat(out.take()).containsExactly(Out.of(t("11:01:00"), "AMZN", 1L, 10L));
        assertThat(out.bounds).containsExactly(t("11:00:59.999"), t("11:01:00"));
        assertThat(tumbling.retainedFloor()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void havingDropsTheGroupsItDoesNotAccept() {
        TumblingAggregate tumbling = perTickerPerMinute((rowtime, row) -> (Long) row[1] >= 2);
        tumbling.row(t("11:00:01"), new Object[] {"AMZN", 1L});
        tumbling.row(t("11:00:02"), new Object[] {"AAPL", 1L});
        tumbling.row(t("11:00:03"), new Object[] {"AMZN", 1L});
        tumbling.bound(t("11:01:00"));

        assertThat(out.take()).containsExactly(Out.of(t("11:01:00"), "AMZN", 2L, 2L));
    }

    @Test
    void windowKeyAndKeysCanBeLaidOutInSelectOrder() {
        TumblingAggregate tumbling = new TumblingAggregate(step(ROWTIME, MINUTE), start -> start + MINUTE,
                List.of(column(0)), List.of(AggregateCall.of(TestAggregates.max(), column(1))),
                List.of(GroupColumn.aggregate(0), GroupColumn.windowKey(), GroupColumn.key(0)), null, out);
        tumbling.row(t("11:00:01"), new Object[] {null, 4L});
        tumbling.row(t("11:00:02"), new Object[] {null, 9L});
        tumbling.bound(t("11:01:00"));

        assertThat(out.take()).containsExactly(Out.of(t("11:01:00"), 9L, t("11:00:00"), null));
    }

    @Test
    void aMonotonicKeyNotDerivedFromRowtimeClosesOnlyWhenItChanges() {
        // GROUP BY a monotonic column (column 0): bounds cannot close it, the next value does
        TumblingAggregate tumbling = new TumblingAggregate(column(0), null, List.of(),
                List.of(AggregateCall.of(TestAggregates.count())), List.of(GroupColumn.windowKey(),
                GroupColumn.aggregate(0)), null, out);
        tumbling.row(t("11:00:01"), new Object[] {1L});
        tumbling.row(t("11:00:02"), new Object[] {1L});
        tumbling.bound(t("12:00:00"));
        assertThat(out.rows).isEmpty();

        tumbling.row(t("12:00:05"), new Object[] {2L});

        assertThat(out.take()).containsExactly(Out.of(t("12:00:05"), 1L, 2L));
    }

    @Property(tries = 200)
    void tumblingAggregateEqualsABatchGroupByOverTheClosedWindows(@ForAll long seed,
                                                                   @ForAll @IntRange(min = 1, max = 300) int rows) {
        System.out.println("tumbling vs batch seed=" + seed + " rows=" + rows);
        Random random = new Random(seed);
        Collector collector = new Collector();
        TumblingAggregate tumbling = new TumblingAggregate(step(ROWTIME, MINUTE), start -> start + MINUTE,
                List.of(column(0)),
                List.of(AggregateCall.of(TestAggregates.count()), AggregateCall.of(TestAggregates.sum(), column(1))),
                List.of(GroupColumn.windowKey(), GroupColumn.key(0), GroupColumn.aggregate(0),
                        GroupColumn.aggregate(1)), null, collector);
        Map<List<Object>, long[]> batch = new LinkedHashMap<>();
        long rowtime = t("10:00:00");
        for (int i = 0; i < rows; i++) {
            rowtime += random.nextInt(40_000);
            String key = "K" + random.nextInt(4);
            Long value = random.nextInt(10) == 0 ? null : (long) random.nextInt(1000) - 500;
            tumbling.row(rowtime, new Object[] {key, value});
            long[] group = batch.computeIfAbsent(List.of(Math.floorDiv(rowtime, MINUTE) * MINUTE, key),
                    k -> new long[3]);
            group[0]++;
            if (value != null) {
                group[1] += value;
                group[2]++;
            }
        }
        tumbling.bound(rowtime + MINUTE);

        List<Out> expected = new ArrayList<>();
        batch.forEach((key, group) -> expected.add(Out.of((Long) key.get(0) + MINUTE, key.get(0), key.get(1),
                group[0], group[2] == 0 ? null : group[1])));
        assertThat(collector.take()).containsExactlyElementsOf(expected);
        assertThat(tumbling.retainedFloor()).isEqualTo(Long.MAX_VALUE);
    }
}
