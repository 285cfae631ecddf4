package io.sluice.analytics.ml;

import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableFunctionsTest {

    private static final RowType STOCKS = RowType.of(Column.of("TICKER_SYMBOL", SqlType.varchar(4)),
            Column.of("SECTOR", SqlType.varchar(16)), Column.of("CHANGE", SqlType.of(
                    io.sluice.analytics.type.SqlTypeName.REAL)), Column.of("PRICE", SqlType.of(
                    io.sluice.analytics.type.SqlTypeName.REAL)));
    private final TableFunctions functions = new TableFunctions(() -> 42);

    private TableFunctionSpec resolve(String name, Object... args) throws TableFunctionException {
        return functions.resolve(name, STOCKS, Arrays.asList(args));
    }

    private void refused(String name, String message, Object... args) {
        assertThatThrownBy(() -> resolve(name, args)).isInstanceOf(TableFunctionException.class)
                .hasMessageContaining(message);
    }

    @Test
    void listsTheFiveFunctionsOfKda() {
        assertThat(TableFunctions.supported()).containsExactly("RANDOM_CUT_FOREST",
                "RANDOM_CUT_FOREST_WITH_EXPLANATION", "HOTSPOTS", "TOP_K_ITEMS_TUMBLING",
                "COUNT_DISTINCT_ITEMS_TUMBLING");
        refused("NOT_A_FUNCTION", "No table function named NOT_A_FUNCTION");
    }

    @Test
    void forestsNeedOnlyTheCursorAndAppendTheirColumns() throws Exception {
        List<Column> expected = new ArrayList<>(STOCKS.columns());
        expected.add(Column.of("ANOMALY_SCORE", SqlType.DOUBLE));
        assertThat(resolve("random_cut_forest").output().columns()).isEqualTo(expected);
        assertThat(resolve("RANDOM_CUT_FOREST", 100, 256, 100000, 1).output().columns()).isEqualTo(expected);
        expected.add(Column.of("ANOMALY_EXPLANATION", SqlType.varchar(20480)));
        assertThat(resolve("RANDOM_CUT_FOREST_WITH_EXPLANATION", 100, 256, 100000, 1, true).output().columns())
                .isEqualTo(expected);
        assertThat(resolve("RANDOM_CUT_FOREST", new BigDecimal("1000"), 1000, Integer.MAX_VALUE, 30).name())
                .isEqualTo("RANDOM_CUT_FOREST");
    }

    @Test
    void forestParametersOutsideKdasRangesAreRefusedByName() {
        refused("RANDOM_CUT_FOREST", "numberOfTrees (argument 2) must be an integer between 1 and 1000 "
                + "(inclusive), but is 0", 0);
        refused("RANDOM_CUT_FOREST", "numberOfTrees (argument 2) must be an integer between 1 and 1000", 1001);
        refused("RANDOM_CUT_FOREST", "subSampleSize (argument 3) must be an integer between 10 and 1000", 100, 9);
        refused("RANDOM_CUT_FOREST", "timeDecay (argument 4) must be an integer between 1 and 2147483647", 100,
                256, 0);
        refused("RANDOM_CUT_FOREST", "timeDecay (argument 4) must be greater than subSampleSize (256), but is 256",
                100, 256, 256);
        refused("RANDOM_CUT_FOREST", "shingleSize (argument 5) must be an integer between 1 and 30 (inclusive), but is 31",
                100, 256, 100000, 31);
        refused("RANDOM_CUT_FOREST", "numberOfTrees (argument 2) must be an integer between 1 and 1000 "
                + "(inclusive), but is 2.5", new BigDecimal("2.5"));
        refused("RANDOM_CUT_FOREST", "numberOfTrees (argument 2) must be an integer between 1 and 1000 "
                + "(inclusive), but is NULL", (Object) null);
        refused("RANDOM_CUT_FOREST", "subSampleSize (argument 3) must be a constant", 100,
                TableFunctions.NOT_CONSTANT);
        refused("RANDOM_CUT_FOREST", "RANDOM_CUT_FOREST takes a CURSOR followed by at most 4 argument(s) "
                + "[numberOfTrees, subSampleSize, timeDecay, shingleSize], but got 5", 100, 256, 100000, 1, true);
        refused("RANDOM_CUT_FOREST_WITH_EXPLANATION", "withDirectionality (argument 6) must be TRUE or FALSE, "
                + "but is 'yes'", 100, 256, 100000, 1, "yes");
    }

    @Test
    void forestsNeedOneToThirtyNumericColumnsAndDecimalDoesNotCount() {
        RowType text = RowType.of(Column.of("A", SqlType.varchar(4)), Column.of("D", SqlType.decimal(10, 2)));
        assertThatThrownBy(() -> functions.resolve("RANDOM_CUT_FOREST", text, List.of()))
                .hasMessageContaining("needs at least one numeric column").hasMessageContaining("DECIMAL is not "
                        + "supported, use DOUBLE");
        List<Column> many = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            many.add(Column.of("C" + i, SqlType.INTEGER));
        }
        assertThatThrownBy(() -> functions.resolve("RANDOM_CUT_FOREST", new RowType(many), List.of()))
                .hasMessageContaining("at most 30 numeric columns in its CURSOR, but it has 31");
        RowType scored = RowType.of(Column.of("ANOMALY_SCORE", SqlType.DOUBLE));
        assertThatThrownBy(() -> functions.resolve("RANDOM_CUT_FOREST", scored, List.of()))
                .hasMessageContaining("adds the column ANOMALY_SCORE, which its CURSOR already has");
    }

    @Test
    void hotspotsParametersAreCheckedAgainstTheWindowSize() throws Exception {
        assertThat(resolve("HOTSPOTS", 100, 0.013, 20).output().columns()).endsWith(
                Column.of("HOTSPOTS_RESULT", SqlType.varchar(65535)));
        refused("HOTSPOTS", "HOTSPOTS takes a CURSOR followed by exactly 3 argument(s)", 100, 0.5);
        refused("HOTSPOTS", "windowSize (argument 2) must be an integer between 100 and 1000", 99, 0.5, 2);
        refused("HOTSPOTS", "scanRadius (argument 3) must be a number greater than 0, but is 0", 100, 0, 2);
        refused("HOTSPOTS", "minimumNumberOfPointsInAHotspot (argument 4) must be an integer between 2 and 150 "
                + "(inclusive), but is 151", 150, 0.5, 151);
        refused("HOTSPOTS", "minimumNumberOfPointsInAHotspot (argument 4) must be an integer between 2", 150,
                0.5, 1);
    }

    @Test
    void sketchFunctionsNeedAColumnOfTheCursorAndKdasRanges() {
        refused("TOP_K_ITEMS_TUMBLING", "columnName (argument 2) names no column of the CURSOR: 'SYMBOL' is not "
                + "among [TICKER_SYMBOL, SECTOR, CHANGE, PRICE]", "SYMBOL", 5, 60);
        refused("TOP_K_ITEMS_TUMBLING", "columnName (argument 2) must be a column name in single quotes, but is 5",
                5, 5, 60);
        refused("TOP_K_ITEMS_TUMBLING", "K (argument 3) must be an integer between 1 and 100000", "PRICE", 100001,
                60);
        refused("TOP_K_ITEMS_TUMBLING", "windowSize (argument 4) must be an integer between 1 and 3600 "
                + "(inclusive), but is 3601", "PRICE", 5, 3601);
        refused("COUNT_DISTINCT_ITEMS_TUMBLING", "windowSize (argument 3) must be an integer between 1 and 3600",
                "PRICE", 0);
        refused("COUNT_DISTINCT_ITEMS_TUMBLING", "takes a CURSOR followed by exactly 2 argument(s) [columnName, "
                + "windowSize], but got 3", "PRICE", 5, 60);
    }
}
