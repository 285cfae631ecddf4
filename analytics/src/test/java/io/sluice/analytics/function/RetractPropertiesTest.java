package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every retractable aggregate: adding rows and taking a random selection of them back leaves the result of
 * aggregating the rows that remain: exactly for exact types, within floating-point rounding for REAL and DOUBLE.
 * jqwik prints each property's seed in its report.
 */
class RetractPropertiesTest {

    private static final List<String> RETRACTABLE = List.of("COUNT", "SUM", "AVG", "VAR_POP", "VAR_SAMP",
            "STDDEV_POP", "STDDEV_SAMP");

    record Case(String function, String type, boolean distinct, List<Object> values, long shuffleSeed) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> function = Arbitraries.of(RETRACTABLE);
        Arbitrary<String> type = Arbitraries.of("INTEGER", "BIGINT", "DECIMAL(12,3)", "DOUBLE", "REAL");
        Arbitrary<Boolean> distinct = Arbitraries.of(false, true);
        Arbitrary<Integer> raw = Arbitraries.integers().between(-1_000_000, 1_000_000).injectNull(0.1);
        return Combinators.combine(function, type, distinct, raw.list().ofMaxSize(40), Arbitraries.longs())
                .as((f, t, d, ints, seed) -> new Case(f, t, d, values(t, ints), seed));
    }

    private static List<Object> values(String type, List<Integer> ints) {
        List<Object> out = new ArrayList<>();
        for (Integer i : ints) {
            out.add(i == null ? null : switch (type) {
                case "INTEGER" -> i;
                case "BIGINT" -> i * 1_000_003L;
                case "DECIMAL(12,3)" -> BigDecimal.valueOf(i, 3);
                case "DOUBLE" -> i / 7.0;
                default -> (float) (i / 3.0);
            });
        }
        return out;
    }

    private static void assertSame(Case c, Object retracted, Object recomputed) {
        boolean approximate = c.type.equals("DOUBLE") || c.type.equals("REAL");
        if (approximate && retracted instanceof Double r && recomputed instanceof Double e) {
            // the variances cancel Σx² against (Σx)²/n, so their rounding is relative to the largest square
            double largestSquare = 0;
            for (Object v : c.values) {
                if (v != null) {
                    largestSquare = Math.max(largestSquare, Math.pow(((Number) v).doubleValue(), 2));
                }
            }
            double tolerance = switch (c.function.substring(0, 3)) {
                case "VAR" -> 1e-9 * (1 + largestSquare);
                case "STD" -> Math.sqrt(1e-9 * (1 + largestSquare));
                default -> 1e-9 * (1 + Math.abs(e));
            };
            assertThat(r).isCloseTo(e, org.assertj.core.api.Assertions.within(tolerance));
        } else {
            assertThat(retracted).isEqualTo(recomputed);
        }
    }

    @Property(tries = 600)
    void retractingRowsEqualsRecomputingWithoutThem(@ForAll("cases") Case c) throws Exception {
        AggregateFunction f = AggregateFunctions.resolve(c.function, List.of(SqlType.parse(c.type)), null, c.distinct);
        assertThat(f.retractable()).isTrue();
        Accumulator running = f.factory().get();
        for (Object v : c.values) {
            running.add(new Object[] {v});
        }
        Random random = new Random(c.shuffleSeed);
        List<Object> kept = new ArrayList<>();
        for (Object v : c.values) {
            if (random.nextBoolean()) {
                running.retract(new Object[] {v});
            } else {
                kept.add(v);
            }
        }
        Accumulator fresh = f.factory().get();
        for (Object v : kept) {
            fresh.add(new Object[] {v});
        }
        assertSame(c, running.result(), fresh.result());
    }

    @Property(tries = 200)
    void slidingOutTheOldestRowsEqualsRecomputingTheWindow(@ForAll("cases") Case c) throws Exception {
        AggregateFunction f = AggregateFunctions.resolve(c.function, List.of(SqlType.parse(c.type)), null, c.distinct);
        Accumulator window = f.factory().get();
        int size = 5;
        for (int i = 0; i < c.values.size(); i++) {
            window.add(new Object[] {c.values.get(i)});
            if (i >= size) {
                window.retract(new Object[] {c.values.get(i - size)});
            }
            Accumulator fresh = f.factory().get();
            for (Object v : c.values.subList(Math.max(0, i - size + 1), i + 1)) {
                fresh.add(new Object[] {v});
            }
            assertSame(c, window.result(), fresh.result());
        }
    }
}
