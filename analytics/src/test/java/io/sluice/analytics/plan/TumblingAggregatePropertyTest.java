package io.sluice.analytics.plan;

import io.sluice.analytics.plan.Harness.Out;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.program.CompiledProgram;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tumbling COUNT/SUM/MIN/MAX through SQL equals the same aggregate computed in plain Java over the closed
 * windows. jqwik prints each run's seed in its report (and the failing seed on failure).
 */
class TumblingAggregatePropertyTest {

    private static final long WIDTH = 2_000;
    private static final RowType INPUT = RowType.of(Column.of("K", SqlType.varchar(2)), Column.of("V", SqlType.INTEGER));
    private static final String CODE = """
            CREATE STREAM agg (k VARCHAR(2), n BIGINT, nv BIGINT, s INTEGER, mn INTEGER, mx INTEGER, t TIMESTAMP);
            CREATE PUMP p AS INSERT INTO agg
              SELECT STREAM k, COUNT(*), COUNT(v), SUM(v), MIN(v), MAX(v), ROWTIME
              FROM "IN"
              GROUP BY k, STEP("IN".ROWTIME BY INTERVAL '2' SECOND);
            """;

    /** Compiled once: every try starts a fresh run of it, as a restarted application does. */
    private static final CompiledProgram PROGRAM = compile();

    private static CompiledProgram compile() {
        try {
            return new KdaCompiler().compile(CODE, new Catalog(Map.of("IN", INPUT), Map.of()));
        } catch (CodeValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One input row: how long after the previous one it comes, its key and value (null sometimes). */
    record Input(long gap, String key, Integer value) {
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        Arbitrary<Long> gaps = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(0, 700)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 7_000)));
        Arbitrary<String> keys = Arbitraries.of("A", "B", "C");
        Arbitrary<Integer> values = Arbitraries.integers().between(-1_000, 1_000).injectNull(0.15);
        return Combinators.combine(gaps, keys, values).as(Input::new).list().ofMaxSize(200);
    }

    @Property(tries = 200)
    void tumblingAggregatesEqualABatchComputationOverTheClosedWindows(@ForAll("inputs") List<Input> inputs)
            throws Exception {
        Harness h = new Harness(PROGRAM, Map.of());
        long rowtime = 1_000_000;
        Map<Long, Map<String, List<Integer>>> windows = new TreeMap<>();
        for (Input in : inputs) {
            rowtime += in.gap();
            h.run.push("IN", rowtime, new Object[] {in.key(), in.value()});
            windows.computeIfAbsent(rowtime / WIDTH * WIDTH, w -> new LinkedHashMap<>())
                    .computeIfAbsent(in.key(), k -> new ArrayList<>()).add(in.value());
        }
        h.run.advance(rowtime + WIDTH);

        List<Out> expected = new ArrayList<>();
        windows.forEach((start, groups) -> groups.forEach((key, values) -> {
            List<Integer> present = values.stream().filter(v -> v != null).toList();
            long end = start + WIDTH;
            expected.add(new Out("AGG", end, Arrays.asList(key, (long) values.size(), (long) present.size(),
                    present.isEmpty() ? null : present.stream().mapToInt(Integer::intValue).sum(),
                    present.stream().min(Integer::compare).orElse(null),
                    present.stream().max(Integer::compare).orElse(null), end)));
        }));
        assertThat(h.rows).containsExactlyElementsOf(expected);
        assertThat(h.errors).isEmpty();
        assertThat(h.run.retainedFloor()).isEqualTo(Long.MAX_VALUE);
    }
}
