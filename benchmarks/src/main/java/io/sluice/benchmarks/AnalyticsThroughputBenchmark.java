package io.sluice.benchmarks;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.RecordFormat;
import io.sluice.analytics.format.RecordParser;
import io.sluice.analytics.format.RowHandler;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.host.SourceColumns;
import io.sluice.analytics.host.SourceRecord;
import io.sluice.analytics.plan.KdaCompiler;
import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.program.ProgramContext;
import io.sluice.analytics.program.ProgramRun;
import io.sluice.analytics.type.SqlType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
 * One record through a KDA SQL application per operation, on one thread, parsing included: a 100-byte JSON record
 * decoded by {@link RecordParser} with the stock-ticker schema, its row (with the hidden source columns, as the
 * host adds them) pushed into a started run of a filter and a one-second tumbling window
 * ({@code WHERE price > 10 ... GROUP BY ticker_symbol, STEP(ROWTIME BY INTERVAL '1' SECOND)} with COUNT, AVG and
 * MAX). ROWTIME advances 1 ms per record, so a window closes every 1,000 records, and a rowtime bound is issued
 * every 1,000 records as the host issues one per read. Ops/s = records/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class AnalyticsThroughputBenchmark {

    static final String CODE = """
            CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
                ticker_symbol VARCHAR(4), trades BIGINT, avg_price REAL, max_price REAL);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
                SELECT STREAM ticker_symbol, COUNT(*), AVG(price), MAX(price)
                FROM "SOURCE_SQL_STREAM_001"
                WHERE price > 10
                GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' SECOND);
            """;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int RECORDS = 1 << 14;
    private static final String[] TICKERS = {"AMZN", "MSFT", "IBM", "XOM", "NFLX", "QXZ", "WAS", "CRM"};
    private static final String[] SECTORS = {"TECHNOLOGY", "ENERGY", "RETAIL", "HEALTHCARE"};

    @State(Scope.Thread)
    public static class Application {

        final byte[][] records = new byte[RECORDS][];
        RecordParser parser;
        ProgramRun run;
        RowHandler handler;
        int next;
        long rowtime;
        SourceRecord source;
        long windows;
        long pushed;
        // The shared 2-core machine makes wall-clock ops/s swing with other load; the benchmark thread's own CPU
        // time does not, so each iteration also prints records per CPU-second of that thread.
        long pushedBefore;
        long cpuBefore;

        @Setup(Level.Trial)
        public void start(Blackhole blackhole) throws CodeValidationException {
            Random random = new Random(11);
            for (int i = 0; i < RECORDS; i++) {
                // about 100 bytes: the padding member keeps every record at exactly 100
                String json = "{\"ticker_symbol\":\"%s\",\"sector\":\"%s\",\"change\":%.2f,\"price\":%.2f"
                        .formatted(TICKERS[random.nextInt(TICKERS.length)], SECTORS[random.nextInt(SECTORS.length)],
                                random.nextGaussian(), 1 + 99 * random.nextDouble());
                String padded = json + ",\"pad\":\"" + "x".repeat(Math.max(0, 100 - json.length() - 10)) + "\"}";
                records[i] = padded.getBytes(StandardCharsets.UTF_8);
            }
            SourceSchema schema = new SourceSchema(RecordFormat.json("$"), "UTF-8", List.of(
                    new RecordColumn("TICKER_SYMBOL", SqlType.varchar(4), "$.ticker_symbol"),
                    new RecordColumn("SECTOR", SqlType.varchar(16), "$.sector"),
                    new RecordColumn("CHANGE", SqlType.parse("REAL"), "$.change"),
                    new RecordColumn("PRICE", SqlType.parse("REAL"), "$.price")));
            InputConfig input = new InputConfig("1.1", "SOURCE_SQL_STREAM", 1, SourceKind.KINESIS_STREAM, null, null,
                    null, null, schema, null);
            ApplicationConfig config = new ApplicationConfig("arn", "bench", 1, CODE, List.of(input), List.of(),
                    List.of());
            parser = new RecordParser(schema);
            run = new KdaCompiler().compile(CODE, SourceColumns.catalog(config)).start(new ProgramContext(
                    (stream, rowtime, values) -> {
                        windows++;
                        blackhole.consume(values);
                    }, blackhole::consume, Map.of(),
                    () -> rowtime));
            handler = new RowHandler() {
                @Override
                public void row(Object[] values) {
                    run.push("SOURCE_SQL_STREAM_001", rowtime,
                            SourceColumns.withSource(values, SourceKind.KINESIS_STREAM, source));
                }

                @Override
                public void error(String message, byte[] data) {
                    throw new IllegalStateException("benchmark record does not parse: " + message);
                }
            };
        }

        @Setup(Level.Iteration)
        public void startClock() {
            pushedBefore = pushed;
            cpuBefore = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void printCpuRate() {
            long records = pushed - pushedBefore;
            if (records > 0) {
                double seconds = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
                System.out.printf(" [%,.0f records per CPU-second]", records / seconds);
            }
        }

        /** Fails a run whose application emitted nothing, so a broken plan cannot pass for a fast one. */
        @TearDown(Level.Trial)
        public void stop() {
            run.close();
            long closed = pushed / 1_000;
            if (closed > 0 && windows < closed) {
                throw new IllegalStateException(pushed + " records closed " + closed + " windows but only " + windows
                        + " rows were emitted");
            }
            System.out.printf("%n%,d records, %,d window rows emitted%n", pushed, windows);
        }
    }

    @Benchmark
    public void filterAndTumblingWindow(Application app) {
        byte[] record = app.records[app.next];
        app.next = (app.next + 1) & (RECORDS - 1);
        long rowtime = ++app.rowtime;
        app.pushed = rowtime;
        app.source = new SourceRecord("shardId-000000000000", null, rowtime, null, record);
        app.parser.parse(record, app.handler);
        if (rowtime % 1_000 == 0) {
            app.run.advance(rowtime);
        }
    }
}
