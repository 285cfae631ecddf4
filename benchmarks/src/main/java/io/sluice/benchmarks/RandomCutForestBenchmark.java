package io.sluice.benchmarks;

import com.amazon.randomcutforest.RandomCutForest;
import io.sluice.analytics.ml.TableFunctionException;
import io.sluice.analytics.ml.TableFunctionOperator;
import io.sluice.analytics.ml.TableFunctions;
import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One row through RANDOM_CUT_FOREST (score, then update) per operation, with KDA's default parameters (100 trees,
 * sample size 256, time decay 100,000 records, shingle size 1) over two DOUBLE columns: the SQL operator as the
 * runtime calls it, beside randomcutforest-core's forest called directly with the same parameters and seed, and
 * RANDOM_CUT_FOREST_WITH_EXPLANATION beside the library's attribution. Each forest is trained past its learning
 * phase first, so every measured row is scored. Ops/s = rows/s on one thread; each iteration line also shows
 * rows per CPU-second of the benchmark thread, which other processes on the machine do not distort.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class RandomCutForestBenchmark {

    private static final long SEED = 17;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int POINTS = 1 << 16;
    private static final RowType INPUT = RowType.of(Column.of("X", SqlType.DOUBLE), Column.of("Y", SqlType.DOUBLE));

    @State(Scope.Thread)
    public static class Rows {
        final float[][] points = new float[POINTS][];
        final Object[][] rows = new Object[POINTS][];
        int next;

        @Setup(Level.Trial)
        public void generate() {
            Random random = new Random(SEED);
            for (int i = 0; i < POINTS; i++) {
                // a mostly normal stream with an occasional outlier, like a monitored metric
                double scale = random.nextInt(100) == 0 ? 8 : 1;
                double x = 10 + scale * random.nextGaussian();
                double y = 50 + 3 * scale * random.nextGaussian();
                points[i] = new float[] {(float) x, (float) y};
                rows[i] = new Object[] {x, y};
            }
        }

        int advance() {
            int i = next;
            next = (next + 1) & (POINTS - 1);
            processed++;
            return i;
        }

        // The shared 2-core machine makes wall-clock ops/s swing with other load; the benchmark thread's own CPU
        // time does not, so each iteration also prints rows per CPU-second of that thread.
        long processed;
        long processedBefore;
        long cpuBefore;

        @Setup(Level.Iteration)
        public void startClock() {
            processedBefore = processed;
            cpuBefore = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void printCpuRate() {
            long rows = processed - processedBefore;
            if (rows > 0) {
                double seconds = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
                System.out.printf(" [%,.0f rows per CPU-second]", rows / seconds);
            }
        }
    }

    @State(Scope.Thread)
    public static class Library {
        RandomCutForest forest;

        @Setup(Level.Trial)
        public void train(Rows rows) {
            forest = RandomCutForest.builder()
                    .dimensions(2)
                    .shingleSize(1)
                    .internalShinglingEnabled(true)
                    .numberOfTrees(100)
                    .sampleSize(256)
                    .outputAfter(256)
                    .timeDecay(1.0 / 100_000)
                    .randomSeed(SEED)
                    .build();
            for (int i = 0; i < 2_000; i++) {
                forest.update(rows.points[rows.advance()]);
            }
        }
    }

    @State(Scope.Thread)
    public static class Operator {
        TableFunctionOperator scored;
        TableFunctionOperator explained;
        long rowtime;

        @Setup(Level.Trial)
        public void train(Rows rows, Blackhole blackhole) throws TableFunctionException {
            TableFunctions functions = new TableFunctions(() -> SEED);
            RowReceiver sink = new RowReceiver() {
                @Override
                public void row(long rowtime, Object[] values) {
                    blackhole.consume(values);
                }

                @Override
                public void bound(long rowtime) {
                    blackhole.consume(rowtime);
                }
            };
            scored = functions.resolve("RANDOM_CUT_FOREST", INPUT, List.of(100, 256, 100_000, 1))
                    .factory().create(sink);
            explained = functions.resolve("RANDOM_CUT_FOREST_WITH_EXPLANATION", INPUT,
                    List.of(100, 256, 100_000, 1, true)).factory().create(sink);
            for (int i = 0; i < 2_000; i++) {
                Object[] row = rows.rows[rows.advance()];
                scored.row(rowtime, row);
                explained.row(rowtime++, row);
            }
        }
    }

    @Benchmark
    public double library(Rows rows, Library library) {
        float[] point = rows.points[rows.advance()];
        double score = library.forest.getAnomalyScore(point);
        library.forest.update(point);
        return score;
    }

    @Benchmark
    public void operator(Rows rows, Operator operator) {
        operator.scored.row(operator.rowtime++, rows.rows[rows.advance()]);
    }

    @Benchmark
    public Object libraryAttribution(Rows rows, Library library) {
        float[] point = rows.points[rows.advance()];
        Object attribution = library.forest.getAnomalyAttribution(point);
        library.forest.update(point);
        return attribution;
    }

    @Benchmark
    public void operatorWithExplanation(Rows rows, Operator operator) {
        operator.explained.row(operator.rowtime++, rows.rows[rows.advance()]);
    }
}
