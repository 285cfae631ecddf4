package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.window.Collector.Out;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.analytics.runtime.window.Exprs.column;
import static io.sluice.analytics.runtime.window.Times.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code FROM SOURCE_SQL_STREAM_001 [LEFT] JOIN "CompanyName" AS c ON ticker_symbol = c."Ticker"}. */
class TableJoinTest {

    private static final List<Object[]> COMPANIES = List.of(
            new Object[] {"AMZN", "Amazon"},
            new Object[] {"WMT", "Walmart"},
            new Object[] {"MSFT", "Microsoft"});

    private final Collector out = new Collector();

    private TableJoin companyJoin(boolean leftOuter) {
        return new TableJoin(List.of(column(0)), new int[] {0}, 2, null, leftOuter, COMPANIES, out);
    }

    @Test
    void innerJoinAddsTheMatchingTableRowAndDropsUnmatchedRows() {
        TableJoin join = companyJoin(false);
        join.row(t("10:00:00"), new Object[] {"AMZN", 12.5});
        join.row(t("10:00:01"), new Object[] {"ABC", 1.0});
        join.row(t("10:00:02"), new Object[] {null, 1.0});
        join.bound(t("10:00:05"));

        assertThat(out.take()).containsExactly(Out.of(t("10:00:00"), "AMZN", 12.5, "AMZN", "Amazon"));
        assertThat(out.bounds).containsExactly(t("10:00:05"));
        assertThat(join.retainedFloor()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void leftJoinKeepsUnmatchedRowsWithNulls() {
        TableJoin join = companyJoin(true);
        join.row(t("10:00:00"), new Object[] {"ABC", 1.0});
        join.row(t("10:00:01"), new Object[] {"WMT", 2.0});

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:00"), "ABC", 1.0, null, null),
                Out.of(t("10:00:01"), "WMT", 2.0, "WMT", "Walmart"));
    }

    @Test
    void replacingTheTableChangesWhatLaterRowsSee() {
        TableJoin join = companyJoin(true);
        join.row(t("10:00:00"), new Object[] {"AMZN", 1.0});

        join.replace(List.of(new Object[] {"AMZN", "Amazon.com"}, new Object[] {"AMZN", "AWS"}));
        join.row(t("10:00:01"), new Object[] {"AMZN", 2.0});
        join.row(t("10:00:02"), new Object[] {"MSFT", 3.0});

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:00"), "AMZN", 1.0, "AMZN", "Amazon"),
                Out.of(t("10:00:01"), "AMZN", 2.0, "AMZN", "Amazon.com"),
                Out.of(t("10:00:01"), "AMZN", 2.0, "AMZN", "AWS"),
                Out.of(t("10:00:02"), "MSFT", 3.0, null, null));
    }

    @Test
    void theResidualConditionFiltersIndexedAndUnindexedJoins() {
        // ON s.price > c.threshold (no equi-key): every table row is tested
        List<Object[]> thresholds = List.of(new Object[] {"low", 1.0}, new Object[] {"high", 10.0});
        TableJoin join = new TableJoin(List.of(), new int[0], 2,
                (rowtime, row) -> (Double) row[1] > (Double) row[3], true, thresholds, out);
        join.row(t("10:00:00"), new Object[] {"AMZN", 5.0});
        join.row(t("10:00:01"), new Object[] {"AMZN", 0.5});

        assertThat(out.take()).containsExactly(
                Out.of(t("10:00:00"), "AMZN", 5.0, "low", 1.0),
                Out.of(t("10:00:01"), "AMZN", 0.5, null, null));
    }

    @Test
    void aTableRowOfTheWrongWidthIsRefused() {
        TableJoin join = companyJoin(false);
        assertThatThrownBy(() -> join.replace(List.<Object[]>of(new Object[] {"X"})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 columns, not 2");
    }
}
