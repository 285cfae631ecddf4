package io.sluice.benchmarks;

import io.sluice.common.Clock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.PutRecordsEntry;
import io.sluice.engine.StreamKey;
import io.sluice.engine.StreamMode;
import io.sluice.engine.StreamObserver;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskRunner;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.MappingState;
import io.sluice.mappings.StartingPosition;
import io.sluice.mappings.invoke.LambdaInvoker;
import io.sluice.mappings.poll.MappingObserver;
import io.sluice.mappings.poll.MappingPollers;
import io.sluice.mappings.poll.PollerSettings;
import io.sluice.storage.LogConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An event source mapping in one process: a one-shard stream on the local stores, the mapping's task on a
 * TaskRunner (100 ms idle period, as in the server) and a no-op function that only counts the records of each event
 * it is given (no HTTP). {@code throughput}: 5,000 records of 100 bytes put, then waited for until the function has
 * had them all; ops/s = records/s delivered, put included. {@code putToInvoke}: one record put, waited for until
 * the function has it (MaximumBatchingWindowInSeconds 0); JMH's percentiles are the put-to-invoke latency.
 */
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class MappingDeliveryBenchmark {

    private static final StreamKey STREAM = new StreamKey("123456789012", "us-east-1", "bench");
    private static final byte[] EVENT_SOURCE = "\"eventSource\":\"aws:kinesis\"".getBytes(StandardCharsets.UTF_8);

    @State(Scope.Benchmark)
    public static class Pipeline {

        @Param({"100", "10000"})
        int batchSize;

        final AtomicLong delivered = new AtomicLong();
        final List<PutRecordsEntry> puts = new ArrayList<>();
        Path dir;
        KinesisEngine engine;
        TaskRunner runner;
        long expected;

        @Setup(Level.Trial)
        public void start() throws IOException {
            dir = Files.createTempDirectory("sluice-mapping-bench");
            EngineStores stores = EngineStores.local(dir, new LogConfig(64 << 20, 3_600_000, 4096, false),
                    Clock.system());
            engine = new KinesisEngine(stores, LocalKms.open(dir, null, List.of()), EngineConfig.defaults()
                    .withStatusDelays(0, 0, 0).withLimits(LimitSettings.off()), Clock.system(), StreamObserver.NONE);
            engine.streams().create(STREAM, 1, StreamMode.PROVISIONED, null);
            runner = new TaskRunner(Clock.system(), Duration.ofMillis(100), Duration.ofMinutes(1));
            LambdaInvoker noOp = (function, payload) -> {
                delivered.addAndGet(count(payload));
                return new LambdaInvoker.Invocation(200, null, new byte[0]);
            };
            MappingPollers pollers = new MappingPollers(engine, stores.metadata(), TaskHost.on(runner), noOp,
                    (arn, record) -> { }, MappingObserver.NONE, PollerSettings.defaults(), Clock.system());
            pollers.run(new EventSourceMapping("bench", "123456789012", "us-east-1",
                    "arn:aws:lambda:us-east-1:123456789012:function:noop", STREAM.arn().toString(),
                    new MappingSettings(batchSize, 0, StartingPosition.TRIM_HORIZON, null, 1, false, -1, -1, false,
                            0, List.of(), null, true), MappingState.ENABLED, "", 0, Map.of()));
            byte[] data = new byte[100];
            for (int i = 0; i < 500; i++) {
                puts.add(new PutRecordsEntry(data, "key-" + i, null));
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            runner.close();
            engine.close();
            BenchFiles.deleteRecursively(dir);
        }

        void putAndAwait(List<PutRecordsEntry> entries, int times) {
            for (int i = 0; i < times; i++) {
                engine.records().putRecords(STREAM, entries).join();
            }
            expected += (long) entries.size() * times;
            while (delivered.get() < expected) {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    private static int count(byte[] payload) {
        int records = 0;
        outer:
        for (int i = 0; i + EVENT_SOURCE.length <= payload.length; i++) {
            for (int j = 0; j < EVENT_SOURCE.length; j++) {
                if (payload[i + j] != EVENT_SOURCE[j]) {
                    continue outer;
                }
            }
            records++;
        }
        return records;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(5_000)
    public void throughput(Pipeline pipeline) {
        pipeline.putAndAwait(pipeline.puts, 10);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void putToInvoke(Pipeline pipeline) {
        pipeline.putAndAwait(pipeline.puts.subList(0, 1), 1);
    }
}
