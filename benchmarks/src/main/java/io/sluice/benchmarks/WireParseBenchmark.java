package io.sluice.benchmarks;

import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;
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
 * A PutRecords request body read the way the server reads it: {@code WireObject.parse}, then each of the 500
 * records' Data (100 random bytes), PartitionKey and absent ExplicitHashKey, in CBOR (what the AWS Java SDK sends)
 * and JSON (base64 data). Ops/s = request bodies/s on one thread; multiply by 500 for records/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class WireParseBenchmark {

    @State(Scope.Thread)
    public static class Body {
        @Param({"CBOR", "JSON"})
        WireFormat format;

        byte[] bytes;

        @Setup(Level.Trial)
        public void make() {
            Random random = new Random(14);
            // The request is written with the response writer: same encodings as a client's (byte strings or base64).
            ResponseWriter out = new ResponseWriter(format).string("StreamName", "bench").startArray("Records");
            for (int i = 0; i < 500; i++) {
                byte[] data = new byte[100];
                random.nextBytes(data);
                out.startObject().blob("Data", data).string("PartitionKey", "key" + random.nextInt(1_000_000))
                        .endObject();
            }
            bytes = out.endArray().finish();
        }
    }

    @Benchmark
    public void putRecords500(Body body, Blackhole hole) {
        WireObject in = WireObject.parse(body.format, body.bytes);
        hole.consume(in.string("StreamName"));
        hole.consume(in.string("StreamARN"));
        List<WireObject> records = in.objects("Records");
        for (int i = 0; i < records.size(); i++) {
            WireObject record = records.get(i);
            hole.consume(record.blob("Data"));
            hole.consume(record.string("PartitionKey"));
            hole.consume(record.string("ExplicitHashKey"));
        }
    }
}
