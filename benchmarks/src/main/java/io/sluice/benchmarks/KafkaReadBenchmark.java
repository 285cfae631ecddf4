package io.sluice.benchmarks;

import io.sluice.engine.store.ShardLogHandle;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.ReadResult;
import io.sluice.storage.kafka.KafkaSettings;
import io.sluice.storage.kafka.KafkaShardLogStore;
import java.io.IOException;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GetRecords' read path on the Kafka backend: a real broker (kafka-testkit's, in a child JVM) holds 4 shards of
 * 200,000 records of 100 random bytes each, written through the store as a node writes them (uncompressed by
 * default); each operation reads the next {@code limit} records of one shard the way consecutive GetRecords calls
 * do, the 4 shards in turn (so a pooled consumer is borrowed by the reads of every shard), wrapping around at the
 * end. Ops/s × limit = records/s. Needs kafka-testkit built by Maven (its broker classpath file lists the broker's jars in ~/.m2).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class KafkaReadBenchmark {

    private static final int SHARDS = 4;
    private static final int RECORDS = 200_000;
    private static final String STREAM = "123456789012/us-east-1/bench-1700000000000/shardId-00000000000";

    @State(Scope.Benchmark)
    public static class Shards {
        @Param({"10000", "1000"})
        int limit;

        KafkaBroker broker;
        KafkaShardLogStore store;
        final ShardLogHandle[] logs = new ShardLogHandle[SHARDS];
        final long[] next = new long[SHARDS];
        int turn;

        @Setup(Level.Trial)
        public void fill() throws Exception {
            broker = KafkaBroker.start();
            store = KafkaShardLogStore.open(new KafkaSettings(broker.bootstrapServers(), Map.of(), "bench.",
                    (short) 1, "bench"), 86_400_000L);
            Random random = new Random(14);
            for (int shard = 0; shard < SHARDS; shard++) {
                logs[shard] = store.open(STREAM + shard);
                for (int appended = 0; appended < RECORDS; appended += 500) {
                    List<AppendRecord> batch = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        byte[] data = new byte[100];
                        random.nextBytes(data);
                        batch.add(new AppendRecord((byte) 0, ("key" + random.nextInt(1000)).getBytes(), data));
                    }
                    store.append(logs[shard], batch).get();
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            store.close();
            broker.close();
        }
    }

    @Benchmark
    public ReadResult sequentialRead(Shards state) throws IOException {
        int shard = state.turn;
        state.turn = (shard + 1) % SHARDS;
        ReadResult result = state.logs[shard].read(state.next[shard], state.limit, 10L << 20);
        state.next[shard] = result.nextOffset() >= RECORDS ? 0 : result.nextOffset();
        return result;
    }
}
