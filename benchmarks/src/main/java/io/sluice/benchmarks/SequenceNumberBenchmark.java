package io.sluice.benchmarks;

import io.sluice.common.SequenceNumber;
import io.sluice.common.SequenceNumber.Layout;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decimal form of a sequence number, written once per record of every put and read answer, and its parsing
 * (GetShardIterator AT/AFTER_SEQUENCE_NUMBER). Numbers of random shards and positions, cycled through a table so
 * that nothing is constant-folded. Ops/s = numbers/s on one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class SequenceNumberBenchmark {

    private static final int NUMBERS = 1 << 10;

    @State(Scope.Thread)
    public static class Numbers {
        @Param({"AWS_56", "COMPACT_38"})
        Layout layout;

        final SequenceNumber[] numbers = new SequenceNumber[NUMBERS];
        final String[] texts = new String[NUMBERS];
        int next;

        @Setup(Level.Trial)
        public void make() {
            Random random = new Random(14);
            for (int i = 0; i < NUMBERS; i++) {
                numbers[i] = new SequenceNumber(layout, random.nextInt(1 << 12), random.nextLong(1L << 40));
                texts[i] = numbers[i].format();
            }
        }

        int next() {
            next = (next + 1) & (NUMBERS - 1);
            return next;
        }
    }

    @Benchmark
    public String format(Numbers state) {
        return state.numbers[state.next()].format();
    }

    @Benchmark
    public SequenceNumber parse(Numbers state) {
        return SequenceNumber.parseOrNull(state.texts[state.next()]);
    }
}
