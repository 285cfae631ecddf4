package io.sluice.analytics.plan;

import io.sluice.analytics.plan.Harness.Out;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExpressionsTest {

    private static final RowType INPUT = RowType.of(Column.of("S", SqlType.varchar(20)), Column.of("N", SqlType.INTEGER));

    private static Harness run(String columns, String select, Object[]... rows) throws Exception {
        Harness h = new Harness("CREATE STREAM o (" + columns + ");\n"
                + "CREATE PUMP p AS INSERT INTO o SELECT STREAM " + select + ";",
                new Catalog(Map.of("IN", INPUT), Map.of()));
        long t = 1_000;
        for (Object[] row : rows) {
            h.run.push("IN", t, row);
            t += 1_000;
        }
        return h;
    }

    private static List<List<Object>> values(Harness h) {
        return h.rows.stream().map(Out::values).toList();
    }

    @Test
    void logicFollowsSqlsThreeValuedRulesAndInListsAndBetweenWork() throws Exception {
        Harness h = run("a BOOLEAN, b BOOLEAN, c BOOLEAN, d BOOLEAN",
                "n > 1 AND s IS NOT NULL, n > 1 OR s = 'x', n IN (1, 3), n BETWEEN 2 AND 4 FROM \"IN\"",
                new Object[] {"x", 3}, new Object[] {null, 1}, new Object[] {"y", null});

        assertThat(values(h)).containsExactly(
                List.of(true, true, true, true),
                Arrays.asList(false, null, true, false),
                Arrays.asList(null, null, null, null));
    }

    @Test
    void whereDropsRowsWhoseConditionIsNullOrFalse() throws Exception {
        Harness h = run("s VARCHAR(20)", "s FROM \"IN\" WHERE s LIKE 'a%' AND n <> 2",
                new Object[] {"abc", 1}, new Object[] {"abd", 2}, new Object[] {"abe", null},
                new Object[] {"xbc", 1});

        assertThat(values(h)).containsExactly(List.of("abc"));
    }

    @Test
    void simpleCaseWithoutElseGivesNullAndStringFunctionsApply() throws Exception {
        Harness h = run("word VARCHAR(8), len INTEGER, up VARCHAR(20)",
                "CASE n WHEN 1 THEN 'one' WHEN 2 THEN 'two' END, CHAR_LENGTH(s), UPPER(s) || '!' FROM \"IN\"",
                new Object[] {"ab", 1}, new Object[] {"cde", 7});

        assertThat(values(h)).containsExactly(List.of("one", 2, "AB!"), Arrays.asList(null, 3, "CDE!"));
    }

    @Test
    void divisionByZeroSendsTheRowToTheErrorStreamAndLaterRowsStillFlow() throws Exception {
        Harness h = run("q INTEGER", "10 / n FROM \"IN\"", new Object[] {"a", 2}, new Object[] {"b", 0},
                new Object[] {"c", 5});

        assertThat(values(h)).containsExactly(List.of(5), List.of(2));
        assertThat(h.errors).singleElement().satisfies(e -> {
            assertThat(e.pumpName()).isEqualTo("P");
            assertThat(e.dataRowtime()).isEqualTo(2_000L);
        });
    }

    @Test
    void timestampLiteralsIntervalsAndTheRowClockEvaluate() throws Exception {
        Harness h = run("t TIMESTAMP, later TIMESTAMP, now_ts TIMESTAMP, started TIMESTAMP",
                "TIMESTAMP '2020-01-01 00:00:00', ROWTIME + INTERVAL '1' MINUTE, CURRENT_ROW_TIMESTAMP, "
                        + "CURRENT_TIMESTAMP FROM \"IN\"",
                new Object[] {"a", 1});

        assertThat(values(h)).containsExactly(List.of(1_577_836_800_000L, 61_000L, 42L, 42L));
    }
}
