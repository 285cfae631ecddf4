package io.sluice.analytics.runtime.window;

import io.sluice.analytics.function.AggregateFunction;
import io.sluice.analytics.function.AggregateFunctions;
import io.sluice.analytics.function.FunctionResolutionException;
import io.sluice.analytics.runtime.window.Collector.Out;
import io.sluice.analytics.type.SqlType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.sluice.analytics.runtime.window.Exprs.ROWTIME;
import static io.sluice.analytics.runtime.window.Exprs.column;
import static io.sluice.analytics.runtime.window.Exprs.step;
import static io.sluice.analytics.runtime.window.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/** The operators with the function library's aggregates rather than the tests' own. */
class LibraryAggregatesTest {

    private static AggregateFunction resolve(String name, SqlType type) throws FunctionResolutionException {
        return AggregateFunctions.resolve(name, List.of(type), java.util.Arrays.asList((Object) null), false);
    }

    /** The same function under another name, so a sliding window recomputes it instead of keeping a deque. */
    private static AggregateFunction renamed(AggregateFunction fn) {
        return new AggregateFunction(fn.name() + "_RECOMPUTED", fn.returnType(), fn.factory(), false);
    }

    @Test
    void averageOfIntegersInATumblingWindowIsIntegerArithmetic() throws FunctionResolutionException {
        // the SQL reference's aggregate-functions page: AVG over the INTEGER values 2, 9 and 10 is 7
        Collector out = new Collector();
        TumblingAggregate tumbling = new TumblingAggregate(step(ROWTIME, 60_000), start -> start + 60_000,
                List.of(), List.of(AggregateCall.of(resolve("AVG", SqlType.INTEGER), column(0))),
                List.of(GroupColumn.aggregate(0)), null, out);
        for (int value : new int[] {2, 9, 10}) {
            tumbling.row(t("10:00:01"), new Object[] {value});
        }
        tumbling.bound(t("10:01:00"));

        assertThat(out.take()).containsExactly(Out.of(t("10:01:00"), 7));
    }

    @Property(tries = 100)
    void libraryMinAndMaxKeptInDequesAgreeWithRecomputation(@ForAll long seed,
                                                             @ForAll @IntRange(min = 1, max = 200) int rows)
            throws FunctionResolutionException {
        System.out.println("library MIN/MAX deque vs recompute seed=" + seed + " rows=" + rows);
        AggregateFunction minDouble = resolve("MIN", SqlType.DOUBLE);
        AggregateFunction maxText = resolve("MAX", SqlType.varchar(8));
        AggregateFunction sum = resolve("SUM", SqlType.DOUBLE);
        List<List<Out>> results = new ArrayList<>();
        for (boolean deque : new boolean[] {true, false}) {
            Random random = new Random(seed);
            Collector out = new Collector();
            SlidingWindow window = new SlidingWindow(List.of(new WindowSpec(List.of(column(0)),
                    Frame.range(5_000), List.of(
                    AggregateCall.of(deque ? minDouble : renamed(minDouble), column(1)),
                    AggregateCall.of(deque ? maxText : renamed(maxText), column(2)),
                    AggregateCall.of(deque ? sum : renamed(sum), column(1))))), out);
            long rowtime = 0;
            for (int i = 0; i < rows; i++) {
                rowtime += random.nextInt(2_000);
                Double number = random.nextInt(6) == 0 ? null : (double) random.nextInt(30) / 4;
                String text = random.nextInt(6) == 0 ? null : "v" + random.nextInt(40);
                window.row(rowtime, new Object[] {"K" + random.nextInt(2), number, text});
            }
            results.add(out.take());
        }
        assertThat(results.get(0)).isEqualTo(results.get(1));
    }
}
