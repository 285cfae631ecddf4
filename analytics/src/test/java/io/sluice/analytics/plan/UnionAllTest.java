package io.sluice.analytics.plan;

import io.sluice.analytics.plan.Harness.Out;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UnionAllTest {

    private static final Catalog TWO_INPUTS = new Catalog(Map.of(
            "A", RowType.of(Column.of("K", SqlType.varchar(4)), Column.of("N", SqlType.INTEGER)),
            "B", RowType.of(Column.of("K", SqlType.varchar(8)), Column.of("N", SqlType.BIGINT))), Map.of());

    @Test
    void unionAllMergesTwoStreamsInArrivalOrderWithTheWiderColumnTypes() throws Exception {
        Harness h = new Harness("""
                CREATE STREAM merged (k VARCHAR(8), n BIGINT);
                CREATE PUMP p AS INSERT INTO merged
                    SELECT STREAM k, n FROM "A"
                    UNION ALL
                    SELECT STREAM k, n FROM "B" WHERE n > 0;
                """, TWO_INPUTS);
        h.run.push("A", 1_000, new Object[] {"a1", 1});
        h.run.push("B", 2_000, new Object[] {"longer-b", 2L});
        h.run.push("B", 2_500, new Object[] {"skipped", -1L});
        h.run.push("A", 3_000, new Object[] {"a3", 3});

        assertThat(h.rows).containsExactly(Out.of("MERGED", 1_000, "a1", 1L), Out.of("MERGED", 2_000, "longer-b", 2L),
                Out.of("MERGED", 3_000, "a3", 3L));
    }

    @Test
    void aWindowedBranchAndAPassThroughBranchMergeWithMonotonicRowtimeAndTheLeastBound() throws Exception {
        Harness h = Harness.ticker("""
                CREATE STREAM feed (ticker VARCHAR(4), price DOUBLE);
                CREATE PUMP p AS INSERT INTO feed
                    SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001
                    UNION ALL
                    SELECT STREAM 'AVG', AVG(price) FROM SOURCE_SQL_STREAM_001
                    GROUP BY STEP(SOURCE_SQL_STREAM_001.ROWTIME BY INTERVAL '1' SECOND);
                CREATE STREAM counted (n BIGINT);
                CREATE PUMP c AS INSERT INTO counted
                    SELECT STREAM COUNT(*) FROM feed GROUP BY STEP(feed.ROWTIME BY INTERVAL '1' SECOND);
                """);
        h.tick(100, "A", "T", 0, 1).tick(600, "B", "T", 0, 3).tick(1_200, "C", "T", 0, 5);
        h.run.advance(1_999);
        assertThat(h.rows).filteredOn(o -> o.stream().equals("COUNTED")).containsExactly(Out.of("COUNTED", 1_000, 2L));
        h.run.advance(2_000);

        // C passes through before the row it closes the first second with: the average, which ROWTIME cannot
        // place before C, takes C's ROWTIME (as on a stream two pumps feed)
        assertThat(h.rows).filteredOn(o -> o.stream().equals("FEED")).containsExactly(
                Out.of("FEED", 100, "A", 1.0), Out.of("FEED", 600, "B", 3.0), Out.of("FEED", 1_200, "C", 5.0),
                Out.of("FEED", 1_200, "AVG", 2.0), Out.of("FEED", 2_000, "AVG", 5.0));
        assertThat(h.rows).filteredOn(o -> o.stream().equals("COUNTED")).containsExactly(
                Out.of("COUNTED", 1_000, 2L), Out.of("COUNTED", 2_000, 2L));
    }

    @Test
    void unionWithoutAllAndBranchesOfDifferentWidthsAreRefused() {
        KdaCompiler compiler = new KdaCompiler();
        CodeValidationException distinct = catchThrowableOfType(CodeValidationException.class, () ->
                compiler.compile("""
                        CREATE STREAM merged (k VARCHAR(8));
                        CREATE PUMP p AS INSERT INTO merged
                            SELECT STREAM k FROM "A" UNION SELECT STREAM k FROM "B";
                        """, TWO_INPUTS));
        assertThat(distinct.reason()).contains("UNION without ALL");
        CodeValidationException widths = catchThrowableOfType(CodeValidationException.class, () ->
                compiler.compile("""
                        CREATE STREAM merged (k VARCHAR(8));
                        CREATE PUMP p AS INSERT INTO merged
                            SELECT STREAM k FROM "A" UNION ALL SELECT STREAM k, n FROM "B";
                        """, TWO_INPUTS));
        assertThat(widths.reason()).contains("1 and 2 columns");
    }
}
