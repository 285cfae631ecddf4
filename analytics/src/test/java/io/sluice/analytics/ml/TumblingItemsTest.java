package io.sluice.analytics.ml;

import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TumblingItemsTest {

    private static final RowType TICKS = RowType.of(Column.of("TICKER_SYMBOL", SqlType.varchar(4)),
            Column.of("PRICE", SqlType.DOUBLE));
    private static final long MINUTE = 60_000;

    private static TableFunctionOperator create(String name, Collected out, Object... args) throws Exception {
        return new TableFunctions(() -> 0).resolve(name, TICKS, List.of(args)).factory().create(out);
    }

    private static void ticks(TableFunctionOperator op, long rowtime, String... symbols) {
        for (String s : symbols) {
            op.row(rowtime, new Object[] {s, 1.0});
        }
    }

    @Test
    void topKEmitsTheKMostFrequentItemsWithExactCountsWhenTheNextWindowsRowArrives() throws Exception {
        Collected out = new Collected();
        TableFunctionOperator op = create("TOP_K_ITEMS_TUMBLING", out, "TICKER_SYMBOL", 2, 60);
        ticks(op, 10 * MINUTE + 1, "AMZN", "MSFT", "AMZN", "INTC", "MSFT", "AMZN");
        ticks(op, 11 * MINUTE - 1, "TBV");
        assertThat(out.rows).isEmpty();
        assertThat(op.retainedFloor()).isEqualTo(10 * MINUTE + 1);
        ticks(op, 11 * MINUTE, "TBV");
        assertThat(out.rows).extracting(Collected.Row::rowtime).containsOnly(11 * MINUTE);
        assertThat(out.rows).extracting(r -> List.of(r.values())).containsExactly(List.of("AMZN", 3L),
                List.of("MSFT", 2L));
        assertThat(op.retainedFloor()).isEqualTo(11 * MINUTE);
    }

    @Test
    void equalCountsAreOrderedByItemAndNullsAreNotCounted() throws Exception {
        Collected out = new Collected();
        TableFunctionOperator op = create("TOP_K_ITEMS_TUMBLING", out, "ticker_symbol", 10, 1);
        ticks(op, 0, "C", "B", "A", "B", "C", "A", null, null, null);
        op.bound(1000);
        assertThat(out.rows).extracting(r -> List.of(r.values())).containsExactly(List.of("A", 2L),
                List.of("B", 2L), List.of("C", 2L));
    }

    @Test
    void aRowtimeBoundAtTheWindowEndEmitsItBeforePassingTheBoundOn() throws Exception {
        Collected out = new Collected();
        TableFunctionOperator op = create("COUNT_DISTINCT_ITEMS_TUMBLING", out, "TICKER_SYMBOL", 5);
        ticks(op, 1_000, "A", "B", "A");
        op.bound(4_999);
        assertThat(out.events).containsExactly("bound@4999");
        op.bound(5_000);
        assertThat(out.events).containsExactly("bound@4999", "row@5000", "bound@5000");
        assertThat(out.last().values()).containsExactly(2L);
        assertThat(op.retainedFloor()).isEqualTo(Long.MAX_VALUE);
        op.bound(20_000);
        assertThat(out.rows).hasSize(1);
    }

    @Test
    void windowsAreAlignedToTheEpochNotToTheFirstRow() throws Exception {
        Collected out = new Collected();
        TableFunctionOperator op = create("COUNT_DISTINCT_ITEMS_TUMBLING", out, "TICKER_SYMBOL", 60);
        ticks(op, MINUTE - 1, "A");
        ticks(op, MINUTE, "B", "C");
        ticks(op, 3 * MINUTE + 5, "D");
        assertThat(out.rows).extracting(Collected.Row::rowtime).containsExactly(MINUTE, 2 * MINUTE);
        assertThat(out.rows).extracting(r -> r.get(0)).containsExactly(1L, 2L);
    }

    @Test
    void countDistinctIsExactUpToTenThousandItemsAndCloseBeyond() throws Exception {
        Collected out = new Collected();
        TableFunctionOperator op = create("COUNT_DISTINCT_ITEMS_TUMBLING", out, "TICKER_SYMBOL", 1);
        for (int i = 0; i < 30_000; i++) {
            op.row(0, new Object[] {"s" + (i % 10_000), 1.0});
        }
        for (int i = 0; i < 100_000; i++) {
            op.row(1_000, new Object[] {"t" + i, 1.0});
        }
        op.bound(2_000);
        assertThat(out.rows.get(0).values()).containsExactly(10_000L);
        assertThat((long) out.rows.get(1).get(0)).isBetween(98_000L, 102_000L);
    }

    @Test
    void binaryItemsAreCountedByContent() throws Exception {
        RowType blobs = RowType.of(Column.of("B", SqlType.of(io.sluice.analytics.type.SqlTypeName.VARBINARY)));
        Collected top = new Collected();
        TableFunctionOperator topK = new TableFunctions(() -> 0).resolve("TOP_K_ITEMS_TUMBLING", blobs,
                List.of("B", 1, 1)).factory().create(top);
        Collected distinct = new Collected();
        TableFunctionOperator count = new TableFunctions(() -> 0).resolve("COUNT_DISTINCT_ITEMS_TUMBLING", blobs,
                List.of("B", 1)).factory().create(distinct);
        for (byte[] b : List.of(new byte[] {1}, new byte[] {2}, new byte[] {1}, new byte[] {1})) {
            topK.row(10, new Object[] {b.clone()});
            count.row(10, new Object[] {b.clone()});
        }
        topK.bound(1000);
        count.bound(1000);
        assertThat((byte[]) top.last().get(0)).containsExactly(1);
        assertThat(top.last().get(1)).isEqualTo(3L);
        assertThat(distinct.last().values()).containsExactly(2L);
    }

    @Test
    void topKOutputTypeIsTheNamedColumnAndACount() throws Exception {
        TableFunctionSpec spec = new TableFunctions().resolve("top_k_items_tumbling", TICKS,
                List.of("PRICE", 3, 60));
        assertThat(spec.name()).isEqualTo("TOP_K_ITEMS_TUMBLING");
        assertThat(spec.output()).isEqualTo(RowType.of(Column.of("PRICE", SqlType.DOUBLE),
                Column.of("MOST_FREQUENT_VALUES", SqlType.BIGINT)));
        TableFunctionSpec count = new TableFunctions().resolve("COUNT_DISTINCT_ITEMS_TUMBLING", TICKS,
                List.of("PRICE", 60));
        assertThat(count.output()).isEqualTo(RowType.of(Column.of("NUMBER_OF_DISTINCT_ITEMS", SqlType.BIGINT)));
    }
}
