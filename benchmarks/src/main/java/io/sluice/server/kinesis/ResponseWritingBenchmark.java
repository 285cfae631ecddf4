package io.sluice.server.kinesis;

import io.sluice.common.SequenceNumber.Layout;
import io.sluice.common.ShardId;
import io.sluice.engine.PutOutcome;
import io.sluice.engine.PutResult;
import io.sluice.engine.ReadRecord;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireFormat;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The answers of the data plane's two hot calls, written the way the server writes them (it lives in the server's
 * package to call its package-private writers): PutRecords for 500 stored records over 4 shards, and GetRecords
 * with 1,000 records of 100 bytes and a 6-character partition key. In CBOR (what the AWS Java SDK asks for) and
 * JSON. Ops/s = answers/s on one thread; multiply by 500 or 1,000 for records/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ResponseWritingBenchmark {

    @State(Scope.Thread)
    public static class Answers {
        @Param({"CBOR", "JSON"})
        WireFormat format;

        final List<PutOutcome> puts = new ArrayList<>();
        final List<ReadRecord> reads = new ArrayList<>();

        @Setup(Level.Trial)
        public void make() {
            Random random = new Random(14);
            long base = random.nextLong(1L << 40);
            for (int i = 0; i < 500; i++) {
                int shard = i % 4;
                puts.add(PutOutcome.stored(new PutResult(new ShardId(shard),
                        Layout.AWS_56.ofRecord(shard, base + i / 4), false)));
            }
            for (int i = 0; i < 1_000; i++) {
                byte[] data = new byte[100];
                random.nextBytes(data);
                reads.add(new ReadRecord(Layout.AWS_56.ofRecord(3, base + i), 1_764_979_200_000L + i, data,
                        "key" + random.nextInt(1_000), false));
            }
        }
    }

    @Benchmark
    public byte[] putRecords500(Answers state) {
        ResponseWriter out = new ResponseWriter(state.format);
        RecordActions.writePutRecords(out, state.puts);
        return out.finish();
    }

    @Benchmark
    public byte[] getRecords1000(Answers state) {
        ResponseWriter out = new ResponseWriter(state.format);
        ShardWriter.records(out, state.reads);
        out.string("NextShardIterator", "AAAAAAAAAAFGsKCtmvU2sSmYvEw3ujxmo1t7Ho9iDoOSjsakv+QJaEQ0Ee7jjFf6")
                .number("MillisBehindLatest", 0);
        return out.finish();
    }
}
