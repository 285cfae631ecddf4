package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The registry of aggregate functions, used by GROUP BY (tumbling), OVER (sliding) and stagger windows. Each
 * accumulator gets the evaluated arguments of one row per {@code add}; NULL arguments are skipped except by
 * COUNT(*), FIRST_VALUE and LAST_VALUE.
 * <ul>
 *   <li>{@code COUNT()} (that is {@code COUNT(*)}, no arguments) and {@code COUNT(x)}: BIGINT.</li>
 *   <li>{@code SUM(x)}: INTEGER for TINYINT/SMALLINT/INTEGER, BIGINT, DECIMAL(38, s), DOUBLE for approximate
 *       types. {@code AVG(x)}: the argument's type (INTEGER for the small integer types; integer division, as KDA's
 *       AVG over INTEGER {2, 9, 10} is 7), DOUBLE for approximate types.</li>
 *   <li>{@code MIN(x)}, {@code MAX(x)}, {@code FIRST_VALUE(x)}, {@code LAST_VALUE(x)}: the argument's type. The
 *       null treatment of FIRST_VALUE and LAST_VALUE is part of the name the planner passes:
 *       {@code "LAST_VALUE IGNORE NULLS"}, {@code "FIRST_VALUE RESPECT NULLS"} (the default).</li>
 *   <li>{@code VAR_POP}, {@code VAR_SAMP}, {@code STDDEV_POP}, {@code STDDEV_SAMP}: DOUBLE.</li>
 *   <li>{@code ANY(b)} (also {@code SOME}), {@code EVERY(b)}: BOOLEAN.</li>
 *   <li>{@code EXP_AVG(x, halfLife, rowtime)}: DOUBLE. The SQL call is {@code EXP_AVG(x, INTERVAL ...)}; the
 *       planner appends each row's ROWTIME (TIMESTAMP) as the last argument. See {@link ExpAvgAccumulator}.</li>
 * </ul>
 * Retractable: COUNT, SUM, AVG, the variances and deviations, ANY, EVERY, and the DISTINCT forms of those;
 * {@code retract} is exact for exact numeric types and within floating-point rounding for REAL, FLOAT, DOUBLE.
 * MIN, MAX, FIRST_VALUE, LAST_VALUE and EXP_AVG are recomputed by their windows. DISTINCT is accepted for COUNT,
 * SUM, AVG, MIN, MAX, ANY, SOME, EVERY, and the variances. NTH_VALUE and LAG are window operators;
 * TOP_K_ITEMS_TUMBLING and COUNT_DISTINCT_ITEMS_TUMBLING are table functions (not here).
 *
 * <p><b>Threading</b>: stateless; resolve from any thread. Accumulators are single-threaded.
 */
public final class AggregateFunctions {

    private static final SortedSet<String> NAMES = Collections.unmodifiableSortedSet(new TreeSet<>(List.of(
            "COUNT", "SUM", "AVG", "MIN", "MAX", "EXP_AVG", "FIRST_VALUE", "LAST_VALUE", "VAR_POP", "VAR_SAMP",
            "STDDEV_POP", "STDDEV_SAMP", "ANY", "SOME", "EVERY")));

    private static final String IGNORE_NULLS = " IGNORE NULLS";
    private static final String RESPECT_NULLS = " RESPECT NULLS";

    private AggregateFunctions() {
    }

    /** Whether {@code name} (any case) is an aggregate function here. */
    public static boolean isAggregate(String name) {
        return NAMES.contains(withoutNullTreatment(normalise(name)));
    }

    /** The aggregate names this registry resolves, sorted. */
    public static SortedSet<String> supported() {
        return NAMES;
    }

    /**
     * Resolves one aggregate call.
     *
     * @param argTypes     the argument types (none for COUNT(*); EXP_AVG's include the appended ROWTIME)
     * @param constantArgs the literal value of each argument, or null
     * @throws FunctionResolutionException naming the function and what does not fit
     */
    public static AggregateFunction resolve(String name, List<SqlType> argTypes, List<Object> constantArgs,
                                            boolean distinct) throws FunctionResolutionException {
        String spelt = normalise(name);
        boolean ignoreNulls = spelt.endsWith(IGNORE_NULLS);
        String key = withoutNullTreatment(spelt);
        if (!key.equals(spelt) && !key.equals("FIRST_VALUE") && !key.equals("LAST_VALUE")) {
            throw new FunctionResolutionException(key + " takes no IGNORE NULLS or RESPECT NULLS");
        }
        if (!NAMES.contains(key)) {
            throw new FunctionResolutionException("No match found for aggregate function " + name
                    + " (it is not one of the aggregates this runtime supports)");
        }
        if (key.equals("COUNT")) {
            Args.arity(key, argTypes, 0, 1);
            if (distinct && argTypes.isEmpty()) {
                throw new FunctionResolutionException("COUNT(DISTINCT *) is not SQL: name the column");
            }
            return build(key, SqlType.BIGINT, CountAccumulator::new, true, distinct);
        }
        if (key.equals("EXP_AVG")) {
            return expAvg(key, argTypes, distinct);
        }
        Args.arity(key, argTypes, 1, 1);
        SqlType t = argTypes.get(0);
        if (t == null) {
            throw new FunctionResolutionException(key + " cannot aggregate an untyped NULL");
        }
        return switch (key) {
            case "SUM", "AVG" -> {
                Args.numeric(key, argTypes, 0);
                boolean average = key.equals("AVG");
                SqlType result = average ? averageType(t) : sumType(t);
                yield build(key, result, () -> new SumAccumulator(t, result, average), true, distinct);
            }
            case "MIN", "MAX" -> {
                Comparisons.Order order = Comparisons.order(key, t, t);
                boolean max = key.equals("MAX");
                yield new AggregateFunction(key, t, () -> new ExtremeAccumulator(order, max), false);
            }
            case "FIRST_VALUE", "LAST_VALUE" -> {
                refuseDistinct(key, distinct);
                boolean last = key.equals("LAST_VALUE");
                yield new AggregateFunction(key, t, () -> new EdgeValueAccumulator(last, ignoreNulls), false);
            }
            case "ANY", "SOME", "EVERY" -> {
                Args.require(key, argTypes, 0, "a BOOLEAN", n -> n == SqlTypeName.BOOLEAN);
                boolean every = key.equals("EVERY");
                yield new AggregateFunction(key, SqlType.BOOLEAN, () -> new BooleanAccumulator(every), true);
            }
            default -> {
                Args.numeric(key, argTypes, 0);
                RunningSums.Kind kind = SumAccumulator.kind(t.name());
                boolean sample = key.endsWith("_SAMP");
                boolean root = key.startsWith("STDDEV");
                yield build(key, SqlType.DOUBLE, () -> new VarianceAccumulator(kind, sample, root), true,
                        distinct);
            }
        };
    }

    private static AggregateFunction expAvg(String key, List<SqlType> argTypes, boolean distinct)
            throws FunctionResolutionException {
        refuseDistinct(key, distinct);
        if (argTypes.size() != 3) {
            throw new FunctionResolutionException(key + " takes a value and an interval (the planner appends "
                    + "ROWTIME), not " + argTypes.size() + " arguments");
        }
        Args.numeric(key, argTypes, 0);
        Args.require(key, argTypes, 1, "a day-time interval", n -> n == SqlTypeName.INTERVAL_DAY_TIME);
        Args.require(key, argTypes, 2, "the ROWTIME (appended by the planner)", n -> n == SqlTypeName.TIMESTAMP);
        return new AggregateFunction(key, SqlType.DOUBLE, ExpAvgAccumulator::new, false);
    }

    private static void refuseDistinct(String key, boolean distinct) throws FunctionResolutionException {
        if (distinct) {
            throw new FunctionResolutionException(key + " does not take DISTINCT");
        }
    }

    private static AggregateFunction build(String key, SqlType result, Supplier<Accumulator> factory,
                                           boolean retractable, boolean distinct) {
        Supplier<Accumulator> f = distinct ? () -> new DistinctAccumulator(factory.get()) : factory;
        return new AggregateFunction(key, result, f, retractable);
    }

    private static String normalise(String name) {
        return name.toUpperCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
    }

    private static String withoutNullTreatment(String key) {
        for (String suffix : List.of(IGNORE_NULLS, RESPECT_NULLS)) {
            if (key.endsWith(suffix)) {
                return key.substring(0, key.length() - suffix.length());
            }
        }
        return key;
    }

    static SqlType sumType(SqlType t) {
        return switch (t.name()) {
            case TINYINT, SMALLINT, INTEGER -> SqlType.INTEGER;
            case BIGINT -> SqlType.BIGINT;
            case DECIMAL -> SqlType.decimal(SqlType.MAX_DECIMAL_PRECISION, t.scale());
            default -> SqlType.DOUBLE;
        };
    }

    static SqlType averageType(SqlType t) {
        return switch (t.name()) {
            case TINYINT, SMALLINT, INTEGER -> SqlType.INTEGER;
            case BIGINT, DECIMAL -> t;
            default -> SqlType.DOUBLE;
        };
    }
}
