package io.sluice.benchmarks;

import io.sluice.analytics.ml.TableFunctionException;
import io.sluice.analytics.ml.TableFunctionOperator;
import io.sluice.analytics.ml.TableFunctions;
import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One row through HOTSPOTS per operation at its largest window (1,000 rows), the window reclustered for every row
 * as the operator does: two columns, a third of the rows in two dense discs and the rest spread thinly (the
 * example of AWS's developer guide: scanRadius 0.2, 17 points), or every row in one of two specks narrower than
 * the radius ({@code dense}, near the worst case: each point is linked to half the window). Ops/s = rows/s on
 * one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class HotspotsBenchmark {

    private static final int POINTS = 1 << 14;

    @State(Scope.Thread)
    public static class Stream {
        @Param({"sparse", "dense"})
        String shape;

        final Object[][] rows = new Object[POINTS][];
        TableFunctionOperator hotspots;
        int next;
        long rowtime;

        @Setup(Level.Trial)
        public void start(Blackhole blackhole) throws TableFunctionException {
            Random random = new Random(5);
            for (int i = 0; i < POINTS; i++) {
                double x;
                double y;
                if (shape.equals("dense")) {
                    x = (random.nextBoolean() ? 0 : 5) + 0.1 * random.nextDouble();
                    y = 0.1 * random.nextDouble();
                } else if (random.nextInt(3) == 0) {
                    x = (random.nextBoolean() ? 2 : 7) + 0.5 * random.nextGaussian();
                    y = 5 + 0.5 * random.nextGaussian();
                } else {
                    x = 10 * random.nextDouble();
                    y = 10 * random.nextDouble();
                }
                rows[i] = new Object[] {x, y};
            }
            RowType input = RowType.of(Column.of("X", SqlType.DOUBLE), Column.of("Y", SqlType.DOUBLE));
            hotspots = new TableFunctions().resolve("HOTSPOTS", input, List.of(1000, 0.2, 17)).factory()
                    .create(new RowReceiver() {
                        @Override
                        public void row(long rowtime, Object[] values) {
                            blackhole.consume(values);
                        }

                        @Override
                        public void bound(long rowtime) {
                            blackhole.consume(rowtime);
                        }
                    });
            for (int i = 0; i < 1000; i++) {
                row();
            }
        }

        void row() {
            hotspots.row(rowtime++, rows[next]);
            next = (next + 1) & (POINTS - 1);
        }
    }

    @Benchmark
    public void row(Stream stream) {
        stream.row();
    }
}
