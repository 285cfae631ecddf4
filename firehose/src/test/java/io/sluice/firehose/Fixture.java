package io.sluice.firehose;

import io.sluice.common.ManualClock;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.DestinationConfig;
import io.sluice.firehose.config.DynamicPartitioning;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.storage.LogConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** An engine on a temporary directory with a manual clock, and helpers to create streams and read objects. */
final class Fixture implements AutoCloseable {

    static final long START = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";

    final Path dir;
    final ManualClock clock = new ManualClock(START);
    final Path objectsDir;
    FirehoseEngine engine;
    private final ObjectStore objects;
    private final DeliveryObserver observer;

    Fixture(Path dir, ObjectStore objects, DeliveryObserver observer) throws IOException {
        this.dir = dir;
        this.objectsDir = dir.resolve("objects");
        this.objects = objects;
        this.observer = observer;
        this.engine = open();
    }

    FirehoseEngine open() throws IOException {
        return new FirehoseEngine(config(dir), clock, null, objects, observer);
    }

    /** No status delays, small buffer segments without fsync, in {@code dir/firehose}. */
    static FirehoseConfig config(Path dir) {
        return FirehoseConfig.defaults(dir.resolve("firehose")).withStatusDelays(0, 0)
                .withBufferLog(new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 4096, false));
    }

    /** Closes the engine and opens a new one on the same directory, as a restart does. */
    void restart() throws IOException {
        engine.close();
        engine = open();
    }

    static DeliveryStreamKey key(String name) {
        return new DeliveryStreamKey(ACCOUNT, REGION, name);
    }

    static S3Settings s3(String bucket, String prefix, BufferingHints hints, Compression compression) {
        return new S3Settings("arn:aws:iam::000000000000:role/firehose", "arn:aws:s3:::" + bucket, prefix, null,
                hints, compression, null, null);
    }

    static ExtendedS3Destination extendedS3(S3Settings s3, Processing processing) {
        return new ExtendedS3Destination(s3, processing, false, null, DynamicPartitioning.DISABLED, null, null);
    }

    void create(String name, DestinationConfig destination) {
        engine.create(new CreateRequest(key(name), DeliveryStreamType.DirectPut, null, null, null, destination,
                Map.of(), null, null));
    }

    void put(String name, String... records) {
        engine.put(key(name), Stream.of(records).map(r -> r.getBytes(StandardCharsets.UTF_8)).toList()).join();
    }

    void advance(Duration by) {
        clock.advance(by);
    }

    /** Every object of a bucket in the local directory store: key to content, sorted by key. */
    Map<String, byte[]> objects(String bucket) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        Path root = objectsDir.resolve(bucket);
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return out;
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static List<String> texts(Map<String, byte[]> objects) {
        return objects.values().stream().map(Fixture::text).toList();
    }

    @Override
    public void close() {
        engine.close();
    }
}
