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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Ingest into a stream of {@code shards} shard logs, the way PutRecords drives storage: each operation is one call
 * of 500 records of 100 bytes, spread evenly over the shards (a call to 512 shards touches 500 of them with one
 * record each), appended per shard and acknowledged once every shard's append is durable. Eight callers at once,
 * as eight connections would. Records/s = ops/s × 500. Fsync on (the default config). The logs live under
 * {@code java.io.tmpdir}; each iteration's segments are deleted after it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class ShardedIngestBenchmark {

    private static final int RECORDS_PER_CALL = 500;

    @Param({"4", "64", "512"})
    public int shards;

    @Param({"true"})
    public boolean fsync;

    private Path root;
    private LogStore store;
    private List<ShardLog> logs;
    private List<AppendRecord> records;
    private final AtomicInteger nextFirstShard = new AtomicInteger();

    @Setup(Level.Trial)
    public void open() throws IOException {
        root = Files.createTempDirectory("sluice-sharded-bench");
        store = new LogStore(root, new LogConfig(64L << 20, Duration.ofHours(1).toMillis(), 4096, fsync),
                Clock.system());
        logs = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            logs.add(store.open("bench/shard-" + i));
        }
        Random random = new Random(1);
        records = new ArrayList<>(RECORDS_PER_CALL);
        for (int i = 0; i < RECORDS_PER_CALL; i++) {
            byte[] data = new byte[100];
            random.nextBytes(data);
            records.add(new AppendRecord((byte) 0, ("pk-" + i).getBytes(), data));
        }
    }

    @TearDown(Level.Iteration)
    public void dropSegments() throws IOException {
        for (ShardLog log : logs) {
            log.deleteSegmentsOlderThan(Long.MAX_VALUE);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        BenchFiles.deleteRecursively(root);
    }

    @Benchmark
    @Threads(8)
    public void putRecords500() {
        int touched = Math.min(shards, RECORDS_PER_CALL);
        int first = nextFirstShard.getAndAdd(touched);
        List<CompletableFuture<Long>> appends = new ArrayList<>(touched);
        for (int s = 0; s < touched; s++) {
            int from = s * RECORDS_PER_CALL / touched;
            int to = (s + 1) * RECORDS_PER_CALL / touched;
            ShardLog log = logs.get(Math.floorMod(first + s, shards));
            appends.add(store.append(log, records.subList(from, to)));
        }
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
    }
}
