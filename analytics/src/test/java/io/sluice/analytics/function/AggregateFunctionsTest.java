package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static io.sluice.analytics.function.Calls.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AggregateFunctionsTest {

    static AggregateFunction resolve(String name, List<SqlType> types, boolean distinct) {
        try {
            return AggregateFunctions.resolve(name, types, null, distinct);
        } catch (FunctionResolutionException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Runs the aggregate over rows of one argument each. */
    static Object over(String name, String type, Object... values) {
        Accumulator a = resolve(name, types(type), false).factory().get();
        for (Object v : values) {
            a.add(new Object[] {v});
        }
        return a.result();
    }

    @Test
    void theReferencesIntegerExampleAveragesWithIntegerArithmetic() {
        assertThat(over("AVG", "INTEGER", 2, 9, 10)).isEqualTo(7);
        assertThat(over("SUM", "INTEGER", 2, 9, 10)).isEqualTo(21);
        assertThat(over("MIN", "INTEGER", 2, 9, 10)).isEqualTo(2);
        assertThat(over("MAX", "INTEGER", 2, 9, 10)).isEqualTo(10);
        assertThat(over("COUNT", "INTEGER", 2, 9, 10)).isEqualTo(3L);
        assertThat(over("AVG", "DOUBLE", 2.0, 9.0, 10.0)).isEqualTo(7.0);
        assertThat(over("AVG", "DECIMAL(5,2)", new BigDecimal("2.00"), new BigDecimal("9.00"),
                new BigDecimal("10.00"))).isEqualTo(new BigDecimal("7.00"));
    }

    @Test
    void nullArgumentsAreSkippedAndAnEmptyGroupIsNullExceptCount() {
        assertThat(over("SUM", "INTEGER", 1, null, 2)).isEqualTo(3);
        assertThat(over("COUNT", "INTEGER", 1, null, 2)).isEqualTo(2L);
        assertThat(over("SUM", "INTEGER")).isNull();
        assertThat(over("AVG", "DOUBLE", (Object) null)).isNull();
        assertThat(over("MAX", "VARCHAR(3)", null, "b", "a")).isEqualTo("b");
        assertThat(over("COUNT", "INTEGER")).isEqualTo(0L);
        Accumulator star = resolve("COUNT", List.of(), false).factory().get();
        star.add(new Object[0]);
        star.add(new Object[0]);
        assertThat(star.result()).isEqualTo(2L);
    }

    @Test
    void sumOfIntegersOutsideIntegerFailsTheRow() {
        assertThatThrownBy(() -> over("SUM", "INTEGER", Integer.MAX_VALUE, 1))
                .isInstanceOf(io.sluice.analytics.runtime.EvaluationException.class);
        assertThat(over("SUM", "BIGINT", (long) Integer.MAX_VALUE, 1L)).isEqualTo(Integer.MAX_VALUE + 1L);
    }

    @Test
    void variancesAndDeviationsMatchTheirDefinitions() {
        Object[] values = {2, 4, 4, 4, 5, 5, 7, 9};
        assertThat(over("VAR_POP", "INTEGER", values)).isEqualTo(4.0);
        assertThat(over("STDDEV_POP", "INTEGER", values)).isEqualTo(2.0);
        assertThat((Double) over("VAR_SAMP", "INTEGER", values)).isCloseTo(32.0 / 7, within(1e-12));
        assertThat((Double) over("STDDEV_SAMP", "INTEGER", values)).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
        assertThat(over("VAR_SAMP", "DOUBLE", 3.0)).isNull();
        assertThat(over("VAR_POP", "DOUBLE", 3.0)).isEqualTo(0.0);
    }

    @Test
    void firstLastAnyAndEvery() {
        assertThat(over("FIRST_VALUE", "INTEGER", 5, 6, 7)).isEqualTo(5);
        assertThat(over("LAST_VALUE", "INTEGER", 5, 6, null)).isNull();
        assertThat(over("last_value  ignore nulls", "INTEGER", 5, 6, null)).isEqualTo(6);
        assertThat(over("FIRST_VALUE IGNORE NULLS", "INTEGER", null, 6, 7)).isEqualTo(6);
        assertThat(over("FIRST_VALUE RESPECT NULLS", "INTEGER", null, 6, 7)).isNull();
        assertThat(AggregateFunctions.isAggregate("LAST_VALUE IGNORE NULLS")).isTrue();
        assertThat(over("ANY", "BOOLEAN", false, null, true)).isEqualTo(true);
        assertThat(over("SOME", "BOOLEAN", false, null)).isEqualTo(false);
        assertThat(over("EVERY", "BOOLEAN", true, null, true)).isEqualTo(true);
        assertThat(over("EVERY", "BOOLEAN", true, false)).isEqualTo(false);
        assertThat(over("EVERY", "BOOLEAN", (Object) null)).isNull();
    }

    @Test
    void expAvgHalvesTheWeightOfRowsOneHalfLifeOlder() {
        AggregateFunction f = resolve("EXP_AVG", Arrays.asList(SqlType.DOUBLE,
                SqlType.of(SqlTypeName.INTERVAL_DAY_TIME), SqlType.TIMESTAMP), false);
        assertThat(f.retractable()).isFalse();
        Accumulator a = f.factory().get();
        a.add(new Object[] {10.0, 10_000L, 0L});
        a.add(new Object[] {40.0, 10_000L, 10_000L});
        // weights 1/2 and 1: (5 + 40) / 1.5
        assertThat((Double) a.result()).isCloseTo(30.0, within(1e-9));
        a.add(new Object[] {100.0, 10_000L, 20_000L});
        // weights 1/4, 1/2, 1: (2.5 + 20 + 100) / 1.75
        assertThat((Double) a.result()).isCloseTo(70.0, within(1e-9));
        assertThatThrownBy(() -> AggregateFunctions.resolve("EXP_AVG", types("DOUBLE",
                SqlType.of(SqlTypeName.INTERVAL_DAY_TIME)), null, false)).hasMessageContaining("ROWTIME");
    }

    @Test
    void distinctCountsAndSumsEachValueOnceAndRetractsByMultiplicity() {
        AggregateFunction count = resolve("COUNT", types("DECIMAL(5,2)"), true);
        Accumulator a = count.factory().get();
        a.add(new Object[] {new BigDecimal("1.0")});
        a.add(new Object[] {new BigDecimal("1.00")});
        a.add(new Object[] {new BigDecimal("2.00")});
        assertThat(a.result()).isEqualTo(2L);
        a.retract(new Object[] {new BigDecimal("1.00")});
        assertThat(a.result()).isEqualTo(2L);
        a.retract(new Object[] {new BigDecimal("1.0")});
        assertThat(a.result()).isEqualTo(1L);
        Accumulator sum = resolve("SUM", types("INTEGER"), true).factory().get();
        for (int v : new int[] {3, 3, 4}) {
            sum.add(new Object[] {v});
        }
        assertThat(sum.result()).isEqualTo(7);
    }

    @Test
    void retractabilityAndResultTypesAreDeclared() {
        assertThat(resolve("SUM", types("SMALLINT"), false).returnType()).isEqualTo(SqlType.INTEGER);
        assertThat(resolve("SUM", types("DECIMAL(5,2)"), false).returnType()).isEqualTo(SqlType.decimal(38, 2));
        assertThat(resolve("AVG", types("REAL"), false).returnType()).isEqualTo(SqlType.DOUBLE);
        assertThat(resolve("COUNT", List.of(), false).returnType()).isEqualTo(SqlType.BIGINT);
        assertThat(resolve("SUM", types("INTEGER"), false).retractable()).isTrue();
        assertThat(resolve("STDDEV_SAMP", types("INTEGER"), false).retractable()).isTrue();
        assertThat(resolve("MAX", types("INTEGER"), false).retractable()).isFalse();
        assertThat(resolve("FIRST_VALUE", types("INTEGER"), false).retractable()).isFalse();
    }

    @Test
    void unknownAggregatesAndWrongArgumentsAreRefusedByName() {
        assertThat(AggregateFunctions.isAggregate("avg")).isTrue();
        assertThat(AggregateFunctions.isAggregate("NTH_VALUE")).isFalse();
        assertThatThrownBy(() -> AggregateFunctions.resolve("MEDIAN", types("INTEGER"), null, false))
                .isInstanceOf(FunctionResolutionException.class).hasMessageContaining("MEDIAN");
        assertThatThrownBy(() -> AggregateFunctions.resolve("SUM", types("VARCHAR(3)"), null, false))
                .hasMessageContaining("SUM");
        assertThatThrownBy(() -> AggregateFunctions.resolve("EVERY", types("INTEGER"), null, false))
                .hasMessageContaining("BOOLEAN");
        assertThatThrownBy(() -> AggregateFunctions.resolve("FIRST_VALUE", types("INTEGER"), null, true))
                .hasMessageContaining("DISTINCT");
        assertThatThrownBy(() -> AggregateFunctions.resolve("SUM IGNORE NULLS", types("INTEGER"), null, false))
                .hasMessageContaining("IGNORE NULLS");
    }
}
