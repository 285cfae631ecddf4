package io.sluice.benchmarks;

import io.sluice.common.Clock;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.LogConfig;
import io.sluice.storage.LogStore;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends to one shard log through a {@link LogStore}, waiting for each append to be acknowledged, with fsync on
 * and off: a batch of 500 records of 100 bytes per operation, one record per operation, and one record per
 * operation from 8 threads at once (which group commit turns into shared batches). The log lives under
 * {@code java.io.tmpdir}; each iteration's segments are deleted after it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class LogAppendBenchmark {

    @Param({"true", "false"})
    public boolean fsync;

    private Path root;
    private LogStore store;
    private ShardLog log;
    private List<AppendRecord> batch500;
    private List<AppendRecord> single;

    @Setup(Level.Trial)
    public void open() throws IOException {
        root = Files.createTempDirectory("sluice-append-bench");
        store = new LogStore(root, new LogConfig(64L << 20, Duration.ofHours(1).toMillis(), 4096, fsync),
                Clock.system());
        log = store.open("bench/shard-0");
        Random random = new Random(1);
        batch500 = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch500.add(record(random, i));
        }
        single = List.of(record(random, 0));
    }

    private static AppendRecord record(Random random, int i) {
        byte[] data = new byte[100];
        random.nextBytes(data);
        return new AppendRecord((byte) 0, ("pk-" + i).getBytes(), data);
    }

    @TearDown(Level.Iteration)
    public void dropSegments() throws IOException {
        log.deleteSegmentsOlderThan(Long.MAX_VALUE);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        BenchFiles.deleteRecursively(root);
    }

    @Benchmark
    public long batchOf500() {
        return store.append(log, batch500).join();
    }

    @Benchmark
    public long singleRecord() {
        return store.append(log, single).join();
    }

    @Benchmark
    @Threads(8)
    public long singleRecordFrom8Threads() {
        return store.append(log, single).join();
    }
}
