package io.sluice.analytics.ml;

import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * KDA's table functions, called as {@code TABLE(FN(CURSOR(SELECT STREAM ...), args...))}: the planner compiles
 * the CURSOR, then resolves the call here with the cursor's row type and the constant arguments that follow it.
 *
 * <table>
 *   <tr><th>function</th><th>arguments after the cursor</th><th>output</th></tr>
 *   <tr><td>RANDOM_CUT_FOREST</td><td>[numberOfTrees 1..1000 = 100 [, subSampleSize 10..1000 = 256
 *   [, timeDecay 1..2³¹−1 = 100000, above subSampleSize [, shingleSize 1..30 = 1]]]]</td>
 *   <td>cursor columns + ANOMALY_SCORE DOUBLE, one row per input row</td></tr>
 *   <tr><td>RANDOM_CUT_FOREST_WITH_EXPLANATION</td><td>the same, then [withDirectionality = FALSE]</td>
 *   <td>cursor columns + ANOMALY_SCORE DOUBLE + ANOMALY_EXPLANATION VARCHAR(20480)</td></tr>
 *   <tr><td>HOTSPOTS</td><td>windowSize 100..1000, scanRadius &gt; 0, minimumNumberOfPointsInAHotspot
 *   2..windowSize</td><td>cursor columns + HOTSPOTS_RESULT VARCHAR(65535), one row per input row</td></tr>
 *   <tr><td>TOP_K_ITEMS_TUMBLING</td><td>'column', K 1..100000, windowSize 1..3600 seconds</td>
 *   <td>the column (its name and type) + MOST_FREQUENT_VALUES BIGINT, up to K rows per window</td></tr>
 *   <tr><td>COUNT_DISTINCT_ITEMS_TUMBLING</td><td>'column', windowSize 1..3600 seconds</td>
 *   <td>NUMBER_OF_DISTINCT_ITEMS BIGINT, one row per window</td></tr>
 * </table>
 *
 * <p>The machine-learning functions read the cursor's numeric columns only (at most 30 for the forests) and
 * carry the others through. Column-name arguments match a cursor column exactly, or else the one column whose
 * name matches ignoring case. Output column names follow the names AWS's examples select
 * ({@code HOTSPOTS_RESULT}, {@code NUMBER_OF_DISTINCT_ITEMS}) and the destination columns of its TOP_K examples.
 *
 * <p><b>Threading</b>: resolving is thread-safe when the seed source is; each operator a factory creates is
 * single-threaded.
 */
public final class TableFunctions {

    /**
     * What the planner passes for an argument that is not a literal (a column, an expression), so that the
     * refusal names the parameter.
     */
    public static final Object NOT_CONSTANT = new Object() {
        @Override
        public String toString() {
            return "NOT_CONSTANT";
        }
    };

    public static final String RANDOM_CUT_FOREST = "RANDOM_CUT_FOREST";
    public static final String RANDOM_CUT_FOREST_WITH_EXPLANATION = "RANDOM_CUT_FOREST_WITH_EXPLANATION";
    public static final String HOTSPOTS = "HOTSPOTS";
    public static final String TOP_K_ITEMS_TUMBLING = "TOP_K_ITEMS_TUMBLING";
    public static final String COUNT_DISTINCT_ITEMS_TUMBLING = "COUNT_DISTINCT_ITEMS_TUMBLING";

    static final int MAX_FOREST_COLUMNS = 30;
    /** KDA's own example declares ANOMALY_EXPLANATION VARCHAR(20480): 30 columns fit easily. */
    private static final SqlType EXPLANATION_TEXT = SqlType.varchar(20480);
    /** A window of 1,000 rows can hold hundreds of hotspots of ~80 characters each. */
    private static final SqlType HOTSPOTS_TEXT = SqlType.varchar(65535);
    private static final List<String> FOREST_PARAMETERS =
            List.of("numberOfTrees", "subSampleSize", "timeDecay", "shingleSize");

    private final LongSupplier seeds;

    /** Forests seeded from {@code seeds}, one seed per operator created (tests pass a fixed sequence). */
    public TableFunctions(LongSupplier seeds) {
        this.seeds = seeds;
    }

    /** Forests seeded at random, as KDA's are. */
    public TableFunctions() {
        this(new SecureRandom()::nextLong);
    }

    /** The names {@link #resolve} knows. */
    public static List<String> supported() {
        return List.of(RANDOM_CUT_FOREST, RANDOM_CUT_FOREST_WITH_EXPLANATION, HOTSPOTS, TOP_K_ITEMS_TUMBLING,
                COUNT_DISTINCT_ITEMS_TUMBLING);
    }

    /**
     * Resolves a call.
     *
     * @param name         the function's name (case-insensitive)
     * @param input        the row type of the CURSOR's query
     * @param constantArgs the arguments after the CURSOR, as the values of their literals in the representation
     *                     of {@link io.sluice.analytics.type.SqlTypeName} (numbers may also come as
     *                     {@link java.math.BigDecimal}); {@link #NOT_CONSTANT} for one that is not a literal
     * @throws TableFunctionException naming the function and the parameter when the call cannot run
     */
    public TableFunctionSpec resolve(String name, RowType input, List<Object> constantArgs)
            throws TableFunctionException {
        String function = name.toUpperCase(Locale.ROOT);
        return switch (function) {
            case RANDOM_CUT_FOREST -> forest(function, input, constantArgs, false);
            case RANDOM_CUT_FOREST_WITH_EXPLANATION -> forest(function, input, constantArgs, true);
            case HOTSPOTS -> hotspots(input, constantArgs);
            case TOP_K_ITEMS_TUMBLING -> topK(input, constantArgs);
            case COUNT_DISTINCT_ITEMS_TUMBLING -> countDistinct(input, constantArgs);
            default -> throw new TableFunctionException("No table function named " + name + "; the table "
                    + "functions are " + String.join(", ", supported()));
        };
    }

    private TableFunctionSpec forest(String function, RowType input, List<Object> values, boolean explain)
            throws TableFunctionException {
        List<String> parameters = new ArrayList<>(FOREST_PARAMETERS);
        if (explain) {
            parameters.add("withDirectionality");
        }
        Arguments args = Arguments.of(function, parameters, 0, values);
        int trees = (int) args.integer(0, ForestParameters.DEFAULT_TREES, 1, 1000);
        int sample = (int) args.integer(1, ForestParameters.DEFAULT_SAMPLE, 10, 1000);
        long decay = args.integer(2, ForestParameters.DEFAULT_DECAY, 1, Integer.MAX_VALUE);
        if (decay <= sample) {
            throw args.failure(2, "must be greater than subSampleSize (" + sample + "), but is " + decay);
        }
        int shingle = (int) args.integer(3, ForestParameters.DEFAULT_SHINGLE, 1, 30);
        boolean directionality = explain && args.bool(4, false);
        NumericColumns numeric = NumericColumns.of(function, input, MAX_FOREST_COLUMNS);
        ForestParameters forest = new ForestParameters(trees, sample, decay, shingle);
        if (!explain) {
            return new TableFunctionSpec(function, append(function, input, Column.of("ANOMALY_SCORE", SqlType.DOUBLE)),
                    downstream -> new RandomCutForestOperator(downstream, numeric,
                            forest.newForest(numeric.count(), seeds.getAsLong()), null));
        }
        AnomalyExplanation explanation = new AnomalyExplanation(numeric.names(), directionality);
        return new TableFunctionSpec(function, append(function, input, Column.of("ANOMALY_SCORE", SqlType.DOUBLE),
                Column.of("ANOMALY_EXPLANATION", EXPLANATION_TEXT)),
                downstream -> new RandomCutForestOperator(downstream, numeric,
                        forest.newForest(numeric.count(), seeds.getAsLong()), explanation));
    }

    private static TableFunctionSpec hotspots(RowType input, List<Object> values) throws TableFunctionException {
        Arguments args = Arguments.of(HOTSPOTS,
                List.of("windowSize", "scanRadius", "minimumNumberOfPointsInAHotspot"), 3, values);
        int windowSize = (int) args.integer(0, 0, 100, 1000);
        double scanRadius = args.positive(1);
        int minPoints = (int) args.integer(2, 0, 2, windowSize);
        NumericColumns numeric = NumericColumns.of(HOTSPOTS, input, Integer.MAX_VALUE);
        return new TableFunctionSpec(HOTSPOTS, append(HOTSPOTS, input, Column.of("HOTSPOTS_RESULT", HOTSPOTS_TEXT)),
                downstream -> new HotspotsOperator(downstream, numeric,
                        new HotspotWindow(windowSize, scanRadius, minPoints)));
    }

    private static TableFunctionSpec topK(RowType input, List<Object> values) throws TableFunctionException {
        Arguments args = Arguments.of(TOP_K_ITEMS_TUMBLING, List.of("columnName", "K", "windowSize"), 3, values);
        int column = column(args, input);
        int k = (int) args.integer(1, 0, 1, 100_000);
        long windowMillis = args.integer(2, 0, 1, 3600) * 1000;
        Column item = input.column(column);
        RowType output = RowType.of(Column.of(item.name(), item.type()),
                Column.of("MOST_FREQUENT_VALUES", SqlType.BIGINT));
        return new TableFunctionSpec(TOP_K_ITEMS_TUMBLING, output,
                downstream -> new TumblingItemsOperator(downstream, column, windowMillis, () -> new TopKItems(k)));
    }

    private static TableFunctionSpec countDistinct(RowType input, List<Object> values)
            throws TableFunctionException {
        Arguments args = Arguments.of(COUNT_DISTINCT_ITEMS_TUMBLING, List.of("columnName", "windowSize"), 2, values);
        int column = column(args, input);
        long windowMillis = args.integer(1, 0, 1, 3600) * 1000;
        RowType output = RowType.of(Column.of("NUMBER_OF_DISTINCT_ITEMS", SqlType.BIGINT));
        return new TableFunctionSpec(COUNT_DISTINCT_ITEMS_TUMBLING, output,
                downstream -> new TumblingItemsOperator(downstream, column, windowMillis, DistinctItemCount::new));
    }

    private static int column(Arguments args, RowType input) throws TableFunctionException {
        String name = args.string(0);
        int exact = input.indexOf(name);
        if (exact >= 0) {
            return exact;
        }
        int found = -1;
        for (int i = 0; i < input.size(); i++) {
            if (input.column(i).name().equalsIgnoreCase(name)) {
                if (found >= 0) {
                    throw args.failure(0, "'" + name + "' matches several columns of the CURSOR when case is "
                            + "ignored; write the name exactly");
                }
                found = i;
            }
        }
        if (found < 0) {
            List<String> names = input.columns().stream().map(Column::name).toList();
            throw args.failure(0, "names no column of the CURSOR: '" + name + "' is not among " + names);
        }
        return found;
    }

    private static RowType append(String function, RowType input, Column... added) throws TableFunctionException {
        List<Column> columns = new ArrayList<>(input.columns());
        for (Column c : added) {
            if (input.indexOf(c.name()) >= 0) {
                throw new TableFunctionException(function + " adds the column " + c.name()
                        + ", which its CURSOR already has; rename that column in the CURSOR's SELECT");
            }
            columns.add(c);
        }
        return new RowType(columns);
    }
}
