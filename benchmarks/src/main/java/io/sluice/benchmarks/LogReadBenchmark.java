package io.sluice.benchmarks;

import io.sluice.common.Clock;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.LogConfig;
import io.sluice.storage.LogStore;
import io.sluice.storage.ReadResult;
import io.sluice.storage.ShardLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * Reads a log of 200,000 records of 100 bytes (about 27 MB in 64 MiB segments, so from the page cache):
 * sequentially, 1,000 records per operation as a GetRecords loop would, and 100 records from a random offset, which
 * goes through the sparse index.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class LogReadBenchmark {

    private static final int RECORDS = 200_000;

    @State(Scope.Benchmark)
    public static class Log {
        Path root;
        LogStore store;
        ShardLog log;

        @Setup(Level.Trial)
        public void fill() throws IOException {
            root = Files.createTempDirectory("sluice-read-bench");
            store = new LogStore(root, new LogConfig(64L << 20, Duration.ofHours(1).toMillis(), 4096, false),
                    Clock.system());
            log = store.open("bench/shard-0");
            Random random = new Random(1);
            for (int appended = 0; appended < RECORDS; appended += 500) {
                List<AppendRecord> batch = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    byte[] data = new byte[100];
                    random.nextBytes(data);
                    batch.add(new AppendRecord((byte) 0, ("pk-" + i).getBytes(), data));
                }
                store.append(log, batch).join();
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            store.close();
            BenchFiles.deleteRecursively(root);
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        long next;
        final Random random = new Random(7);
    }

    @Benchmark
    public ReadResult sequential1000(Log log, Cursor cursor) throws IOException {
        ReadResult result = log.log.read(cursor.next, 1000, Long.MAX_VALUE);
        cursor.next = result.nextOffset() >= RECORDS ? 0 : result.nextOffset();
        return result;
    }

    @Benchmark
    public ReadResult random100(Log log, Cursor cursor) throws IOException {
        return log.log.read(cursor.random.nextInt(RECORDS), 100, Long.MAX_VALUE);
    }
}
