package io.sluice.analytics.host;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.DestinationKind;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.ObjectReader;
import io.sluice.analytics.app.OutputConfig;
import io.sluice.analytics.app.ReferenceConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.RecordFormat;
import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.type.SqlType;
import io.sluice.common.ManualClock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.GetRecordsResult;
import io.sluice.engine.IteratorType;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.PutRecordsEntry;
import io.sluice.engine.ReadRecord;
import io.sluice.engine.ShardMeta;
import io.sluice.engine.StreamKey;
import io.sluice.engine.StreamMode;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.engine.store.MetaStore;
import io.sluice.storage.LogConfig;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real stream engine on a temporary directory, a manual clock, stepped tasks, positions in a local metadata
 * store (reopened at each restart) and doubles for the rest.
 */
final class HostFixture implements AutoCloseable {

    static final long START = 1_700_000_000_000L;
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    static final String APP_ARN = "arn:aws:kinesisanalytics:us-east-1:000000000000:application/app";

    final Path dir;
    final ManualClock clock = new ManualClock(START);
    final KinesisEngine kinesis;
    final TestPrograms programs = new TestPrograms();
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final FakeDeliveryStreams deliveryStreams = new FakeDeliveryStreams();
    final RecentRows recentRows = new RecentRows(3);
    final FakeFunctions functions = new FakeFunctions();
    SteppedTasks tasks;
    LocalMetaStore meta;
    HostedApplicationRunner runner;

    HostFixture(Path dir) throws IOException {
        this.dir = dir;
        kinesis = new KinesisEngine(dir.resolve("kinesis"), EngineConfig.defaults().withStatusDelays(0, 0, 0)
                .withLimits(LimitSettings.off()), new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 4096,
                false), clock);
        restartRunner();
    }

    /**
     * A new runner on the same data directory and a reopened metadata store, as after a restart; the old runner
     * is left as a crash leaves it (whatever it stored is durable, nothing more).
     */
    void restartRunner() throws IOException {
        if (meta != null) {
            meta.close();
        }
        meta = LocalMetaStore.open(dir.resolve("analytics-meta"));
        tasks = new SteppedTasks();
        runner = runnerOn(meta, tasks);
    }

    /** A runner of another node: on its own metadata store (view) and tasks, on the same streams and doubles. */
    HostedApplicationRunner runnerOn(MetaStore store, SteppedTasks stepped) {
        ObjectReader reader = (bucket, key) -> {
            byte[] object = objects.get(bucket + "/" + key);
            if (object == null) {
                throw new NoSuchFileException(bucket + "/" + key);
            }
            return object;
        };
        HostServices services = new HostServices(kinesis, deliveryStreams, reader, functions, new KdaFormats(),
                programs, ApplicationMetrics.NONE, clock, recentRows);
        return new HostedApplicationRunner(HostConfig.defaults(dir.resolve("analytics")), store, services, stepped);
    }

    void step(int times) {
        for (int i = 0; i < times; i++) {
            tasks.step();
        }
    }

    /** Steps with the clock moving past the poll interval each time, so idle shards are read again. */
    void run(int times) {
        for (int i = 0; i < times; i++) {
            clock.advance(Duration.ofMillis(HostConfig.DEFAULT_POLL_INTERVAL_MILLIS));
            tasks.step();
        }
    }

    static StreamKey key(String name) {
        return new StreamKey(ACCOUNT, REGION, name);
    }

    static String arn(String stream) {
        return key(stream).arn().toString();
    }

    void createStream(String name, int shards) {
        kinesis.streams().create(key(name), shards, StreamMode.PROVISIONED, null);
    }

    /** Puts a record to a shard of a stream with {@code shards} shards (by explicit hash key). */
    void put(String stream, int shard, int shards, String data) {
        BigInteger hash = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(shards))
                .multiply(BigInteger.valueOf(shard));
        kinesis.records().putRecords(key(stream), List.of(new PutRecordsEntry(data.getBytes(StandardCharsets.UTF_8),
                "pk", hash.toString()))).join();
        clock.advance(Duration.ofMillis(1));
    }

    /** Every record of a stream, shard after shard, as text. */
    List<String> read(String stream) {
        List<String> out = new ArrayList<>();
        for (ShardMeta shard : kinesis.streams().describe(key(stream)).meta().shards()) {
            String it = kinesis.records().getShardIterator(key(stream), shard.id().toString(),
                    IteratorType.TRIM_HORIZON, null, null);
            GetRecordsResult result = kinesis.records().getRecords(it, 10_000);
            for (ReadRecord r : result.records()) {
                out.add(new String(r.data(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static SourceSchema schema() {
        return new SourceSchema(RecordFormat.csv(",", "\n"), "UTF-8", List.of(
                new RecordColumn("TICKER", SqlType.varchar(8), null),
                new RecordColumn("PRICE", SqlType.INTEGER, null)));
    }

    static InputConfig kinesisInput(String stream, int parallelism) {
        return new InputConfig("1.1", "SOURCE_SQL_STREAM", parallelism, SourceKind.KINESIS_STREAM, arn(stream),
                "role", null, null, schema(), null);
    }

    static OutputConfig output(String name, DestinationKind kind, String arn, RecordFormatType format) {
        return new OutputConfig("1." + name.length(), name, kind, arn, "role", format);
    }

    static ReferenceConfig reference(String key) {
        return new ReferenceConfig("1.1", "T", "arn:aws:s3:::bucket", key, "role", new SourceSchema(
                RecordFormat.csv(",", "\n"), "UTF-8", List.of(new RecordColumn("K", SqlType.varchar(8), null),
                new RecordColumn("V", SqlType.varchar(16), null))));
    }

    static ApplicationConfig app(String code, List<InputConfig> inputs, List<OutputConfig> outputs,
                                 List<ReferenceConfig> references) {
        return new ApplicationConfig(APP_ARN, "app", 1, code, inputs, outputs, references);
    }

    /** The application's stored positions, as bytes. */
    byte[] storedPositions() {
        return meta.get(MetaPositions.key(APP_ARN));
    }

    /** Puts back positions stored earlier: as a crash before a step's positions were stored leaves them. */
    void restorePositions(byte[] positions) throws IOException {
        meta.put(MetaPositions.key(APP_ARN), positions);
    }

    @Override
    public void close() {
        runner.close();
        meta.close();
        kinesis.close();
    }

    /** Delivery streams in memory: put records are kept per ARN and handed to the taps. */
    static final class FakeDeliveryStreams implements DeliveryStreams {
        final Map<String, List<String>> put = new ConcurrentHashMap<>();
        final Map<String, List<Tap>> taps = new ConcurrentHashMap<>();

        void create(String arn) {
            put.put(arn, new ArrayList<>());
        }

        void accept(String arn, long arrival, String... records) {
            List<byte[]> data = new ArrayList<>();
            for (String r : records) {
                data.add(r.getBytes(StandardCharsets.UTF_8));
            }
            taps.getOrDefault(arn, List.of()).forEach(t -> t.accepted(data, arrival));
        }

        @Override
        public boolean exists(String arn) {
            return put.containsKey(arn);
        }

        @Override
        public boolean takesPuts(String arn) {
            return !arn.endsWith("/from-kinesis");
        }

        @Override
        public void put(String arn, List<byte[]> records) {
            records.forEach(r -> put.get(arn).add(new String(r, StandardCharsets.UTF_8)));
        }

        @Override
        public AutoCloseable tap(String arn, Tap tap) {
            taps.computeIfAbsent(arn, k -> new ArrayList<>()).add(tap);
            return () -> taps.get(arn).remove(tap);
        }
    }

    /** Lambda functions in memory: each ARN maps to a handler of the event; failures can be scripted. */
    static final class FakeFunctions implements FunctionCaller {
        final Map<String, Handler> handlers = new ConcurrentHashMap<>();
        int failuresLeft;
        int calls;

        interface Handler {
            byte[] handle(byte[] event) throws IOException;
        }

        @Override
        public byte[] invoke(String functionArn, byte[] event) throws IOException {
            calls++;
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IOException("function unreachable");
            }
            return handlers.get(functionArn).handle(event);
        }
    }
}
