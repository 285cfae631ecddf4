package io.sluice.mappings.poll;

import io.sluice.common.ManualClock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.PutRecordsEntry;
import io.sluice.engine.PutResult;
import io.sluice.engine.StreamKey;
import io.sluice.engine.StreamMode;
import io.sluice.engine.StreamObserver;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.task.TaskId;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.MappingState;
import io.sluice.mappings.StartingPosition;
import io.sluice.mappings.filter.EventFilter;
import io.sluice.storage.LogConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A real stream engine over a temporary directory, a manual clock, mapping pollers stepped by hand, a scripted
 * function and a recording on-failure destination.
 */
final class PollerFixture implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final StreamKey STREAM = new StreamKey(ACCOUNT, REGION, "orders");
    static final String STREAM_ARN = STREAM.arn().toString();
    static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:handler";
    static final String UUID = "6f1c5d3e-1b2a-4c5d-8e9f-0a1b2c3d4e5f";
    static final String DLQ = "arn:aws:kinesis:us-east-1:123456789012:stream/dlq";

    final Path dir;
    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    final ScriptedFunction function = new ScriptedFunction();
    final List<String> sentRecords = Collections.synchronizedList(new ArrayList<>());
    final RecordingObserver observer = new RecordingObserver();
    volatile boolean destinationDown;
    Function<List<String>, EventFilter> filters = patterns -> {
        throw new AssertionError("no filter expected");
    };
    KinesisEngine engine;
    MetaStore metadata;
    SteppedHost host;
    MappingPollers pollers;

    PollerFixture(Path dir) throws IOException {
        this.dir = dir;
        open();
    }

    void open() throws IOException {
        EngineStores stores = EngineStores.local(dir.resolve("kinesis"),
                new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 4096, false), clock);
        metadata = stores.metadata();
        engine = new KinesisEngine(stores, LocalKms.open(dir.resolve("kinesis"), null, List.of()),
                EngineConfig.defaults().withStatusDelays(0, 0, 0).withLimits(LimitSettings.off()), clock,
                StreamObserver.NONE);
        host = new SteppedHost();
        pollers = new MappingPollers(engine, metadata, host, function, (arn, record) -> {
            if (destinationDown) {
                throw new IOException("destination unavailable");
            }
            assertThatDestinationIs(arn);
            sentRecords.add(new String(record, StandardCharsets.UTF_8));
        }, observer, patterns -> filters.apply(patterns), new PollerSettings(100, 1_000, "lambda-role"), clock);
    }

    private static void assertThatDestinationIs(String arn) {
        if (!DLQ.equals(arn)) {
            throw new AssertionError("unexpected destination " + arn);
        }
    }

    /** Stops the pollers and closes the engine, as a process exit would after its last step. */
    void restart() throws IOException {
        host.stopAll();
        engine.close();
        open();
    }

    void createStream(int shards) {
        engine.streams().create(STREAM, shards, StreamMode.PROVISIONED, null);
    }

    PutResult put(String partitionKey, String data) {
        return engine.records().putRecord(STREAM, new PutRecordsEntry(data.getBytes(StandardCharsets.UTF_8),
                partitionKey, null)).join();
    }

    PutResult put(String partitionKey, byte[] data) {
        return engine.records().putRecord(STREAM, new PutRecordsEntry(data, partitionKey, null)).join();
    }

    static Settings settings() {
        return new Settings();
    }

    void run(Settings settings) {
        pollers.run(mapping(settings, STREAM_ARN));
    }

    static EventSourceMapping mapping(Settings settings, String source) {
        return new EventSourceMapping(UUID, ACCOUNT, REGION, FUNCTION, source, settings.build(),
                MappingState.ENABLED, "USER_INITIATED", 0, Map.of());
    }

    int step() {
        return host.step();
    }

    /** Steps until a step does no work (at most {@code max} steps). */
    void drain() {
        for (int i = 0; i < 200 && step() > 0; i++) {
            // stepping until idle
        }
    }

    TaskId taskId() {
        return new TaskId(MappingPollers.TASK_KIND, UUID);
    }

    @Override
    public void close() {
        host.stopAll();
        engine.close();
    }

    /** A mapping's settings with Lambda's defaults, TRIM_HORIZON and every knob settable. */
    static final class Settings {
        int batchSize = 100;
        int window;
        StartingPosition start = StartingPosition.TRIM_HORIZON;
        Long startMillis;
        int parallelization = 1;
        boolean bisect;
        int retries = -1;
        int maxAge = -1;
        boolean itemFailures;
        int tumbling;
        List<String> filters = List.of();
        String destination;

        Settings batchSize(int value) { batchSize = value; return this; }
        Settings window(int seconds) { window = seconds; return this; }
        Settings start(StartingPosition value, Long millis) { start = value; startMillis = millis; return this; }
        Settings parallelization(int value) { parallelization = value; return this; }
        Settings bisect() { bisect = true; return this; }
        Settings retries(int value) { retries = value; return this; }
        Settings maxAge(int seconds) { maxAge = seconds; return this; }
        Settings itemFailures() { itemFailures = true; return this; }
        Settings tumbling(int seconds) { tumbling = seconds; return this; }
        Settings filters(List<String> value) { filters = value; return this; }
        Settings destination(String arn) { destination = arn; return this; }

        MappingSettings build() {
            return new MappingSettings(batchSize, window, start, startMillis, parallelization, bisect, retries,
                    maxAge, itemFailures, tumbling, filters, destination, true);
        }
    }
}
