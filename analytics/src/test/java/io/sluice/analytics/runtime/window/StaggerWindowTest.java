package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.window.Collector.Out;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.analytics.runtime.window.Exprs.column;
import static io.sluice.analytics.runtime.window.Exprs.step;
import static io.sluice.analytics.runtime.window.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

class StaggerWindowTest {

    private static final long MINUTE = 60_000;

    private final Collector out = new Collector();

    /** WINDOWED BY STAGGER (PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL RANGE INTERVAL '1' MINUTE). */
    private StaggerWindow perMinuteAndTicker() {
        // input (TICKER_SYMBOL, EVENT_TIME); output (TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE), COUNT)
        return new StaggerWindow(List.of(step(column(1), MINUTE), column(0)), MINUTE,
                List.of(AggregateCall.of(TestAggregates.count(), column(0))),
                List.of(GroupColumn.key(1), GroupColumn.key(0), GroupColumn.aggregate(0)), null, out);
    }

    @Test
    void staggerWindowReproducesTheDevGuidesResultTable() {
        // stagger-window-concepts, "Complete Results with Stagger Windows"
        StaggerWindow stagger = perMinuteAndTicker();
        stagger.row(t("11:00:20"), new Object[] {"AMZN", t("11:00:10")});
        stagger.row(t("11:00:30"), new Object[] {"AMZN", t("11:00:20")});
        stagger.row(t("11:01:05"), new Object[] {"AMZN", t("11:00:55")});
        stagger.row(t("11:01:15"), new Object[] {"AMZN", t("11:01:05")});
        stagger.bound(t("11:01:20"));
        stagger.bound(t("11:02:15"));

        assertThat(out.take()).containsExactly(
                Out.of(t("11:01:20"), "AMZN", t("11:00:00"), 3L),
                Out.of(t("11:02:15"), "AMZN", t("11:01:00"), 1L));
    }

    @Test
    void staggerExamplesSixRecordGroupsAreCountedInOneWindowEach() {
        // examples-window-stagger: PARTITION BY TICKER, EVENT_TIME RANGE INTERVAL '1' MINUTE; six records of one
        // (event time, ticker) arrive ten seconds apart, and each group fits the window its first record opens
        StaggerWindow stagger = new StaggerWindow(List.of(column(1), column(0)), MINUTE,
                List.of(AggregateCall.of(TestAggregates.count(), column(0))),
                List.of(GroupColumn.key(0), GroupColumn.key(1), GroupColumn.aggregate(0)), null, out);
        long amzn = Times.t("20:17:20.797");
        long intc = Times.t("20:18:21.043");
        for (String at : List.of("20:17:30", "20:17:40", "20:17:50", "20:18:00", "20:18:10", "20:18:21")) {
            stagger.row(t(at), new Object[] {"AMZN", amzn});
        }
        for (String at : List.of("20:18:31", "20:18:41", "20:18:51", "20:19:01", "20:19:11", "20:19:21")) {
            stagger.row(t(at), new Object[] {"INTC", intc});
        }
        stagger.bound(t("20:19:31"));

        assertThat(out.take()).containsExactly(
                Out.of(t("20:18:30"), amzn, "AMZN", 6L),
                Out.of(t("20:19:31"), intc, "INTC", 6L));
    }

    @Test
    void aWindowStaysOpenUntilTimeReachesItsOpeningPlusTheInterval() {
        StaggerWindow stagger = perMinuteAndTicker();
        stagger.row(t("11:00:20"), new Object[] {"AMZN", t("11:00:10")});

        stagger.bound(t("11:01:19.999"));
        assertThat(out.rows).isEmpty();
        assertThat(stagger.retainedFloor()).isEqualTo(t("11:00:20"));

        stagger.bound(t("11:01:20"));
        assertThat(out.take()).containsExactly(Out.of(t("11:01:20"), "AMZN", t("11:00:00"), 1L));
        assertThat(stagger.retainedFloor()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRowAtTheCloseTimeOfItsKeysWindowOpensTheNextWindow() {
        StaggerWindow stagger = perMinuteAndTicker();
        stagger.row(t("11:00:20"), new Object[] {"AMZN", t("11:00:10")});
        stagger.row(t("11:01:20"), new Object[] {"AMZN", t("11:00:10")});

        assertThat(out.take()).containsExactly(Out.of(t("11:01:20"), "AMZN", t("11:00:00"), 1L));
        assertThat(stagger.retainedFloor()).isEqualTo(t("11:01:20"));
    }

    @Test
    void windowsOfSeveralKeysCloseInTheOrderTheyOpened() {
        StaggerWindow stagger = perMinuteAndTicker();
        stagger.row(t("11:00:05"), new Object[] {"AAPL", t("11:00:01")});
        stagger.row(t("11:00:20"), new Object[] {"AMZN", t("11:00:02")});
        stagger.row(t("11:00:40"), new Object[] {"AAPL", t("11:00:03")});
        stagger.row(t("11:01:10"), new Object[] {"MSFT", t("11:01:04")});

        assertThat(out.take()).containsExactly(Out.of(t("11:01:05"), "AAPL", t("11:00:00"), 2L));
        assertThat(stagger.retainedFloor()).isEqualTo(t("11:00:20"));

        stagger.bound(t("12:00:00"));
        assertThat(out.take()).containsExactly(
                Out.of(t("11:01:20"), "AMZN", t("11:00:00"), 1L),
                Out.of(t("11:02:10"), "MSFT", t("11:01:00"), 1L));
    }

    @Test
    void havingFiltersClosedWindows() {
        StaggerWindow stagger = new StaggerWindow(List.of(column(0)), MINUTE,
                List.of(AggregateCall.of(TestAggregates.count())),
                List.of(GroupColumn.key(0), GroupColumn.aggregate(0)), (rowtime, row) -> (Long) row[1] > 1, out);
        stagger.row(t("11:00:00"), new Object[] {"A"});
        stagger.row(t("11:00:01"), new Object[] {"B"});
        stagger.row(t("11:00:02"), new Object[] {"B"});
        stagger.bound(t("11:05:00"));

        assertThat(out.take()).containsExactly(Out.of(t("11:01:01"), "B", 2L));
    }
}
