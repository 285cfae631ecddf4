package io.sluice.firehose.source;

import io.sluice.common.ManualClock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.PutRecordsEntry;
import io.sluice.engine.StreamKey;
import io.sluice.engine.StreamMode;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.firehose.CreateRequest;
import io.sluice.firehose.DeliveryStreamKey;
import io.sluice.firehose.DeliveryStreamType;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.DynamicPartitioning;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.processing.KplAggregates;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A KinesisStreamAsSource delivery stream reading a real stream engine. */
class KinesisSourceDeliveryTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "source");
    private static final DeliveryStreamKey HOSE = new DeliveryStreamKey("000000000000", "us-east-1", "from-kds");

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private KinesisEngine kinesis;
    private FirehoseEngine firehose;

    @BeforeEach
    void open() throws IOException {
        LogConfig log = new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 4096, false);
        kinesis = new KinesisEngine(dir.resolve("kinesis"), EngineConfig.defaults().withStatusDelays(0, 0, 0)
                .withLimits(LimitSettings.off()), log, clock);
        kinesis.streams().create(STREAM, 2, StreamMode.PROVISIONED, null);
        firehose = openFirehose();
    }

    private FirehoseEngine openFirehose() throws IOException {
        return new FirehoseEngine(FirehoseConfig.defaults(dir.resolve("firehose")).withStatusDelays(0, 0)
                .withBufferLog(new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 4096, false)), clock, kinesis,
                new LocalDirectoryObjectStore(dir.resolve("objects")), DeliveryObserver.NONE);
    }

    @AfterEach
    void close() {
        firehose.close();
        kinesis.close();
    }

    private void put(String partitionKey, byte[] data) {
        kinesis.records().putRecord(STREAM, new PutRecordsEntry(data, partitionKey, null)).join();
    }

    private String delivered() throws IOException {
        Path bucket = dir.resolve("objects").resolve("bucket");
        if (!Files.isDirectory(bucket)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.append(Files.readString(file));
            }
        }
        return out.toString();
    }

    @Test
    void recordsPutIntoTheStreamAfterCreationAreDeliveredDeaggregated() throws Exception {
        put("before", "too early|".getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofSeconds(1));
        S3Settings s3 = new S3Settings("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::bucket", "", null,
                new BufferingHints(5, 0), Compression.UNCOMPRESSED, null, null);
        firehose.create(new CreateRequest(HOSE, DeliveryStreamType.KinesisStreamAsSource, null,
                STREAM.arn().toString(), "arn:aws:iam::000000000000:role/r", new ExtendedS3Destination(s3,
                Processing.NONE, false, null, DynamicPartitioning.DISABLED, null, null), Map.of(), null, null));
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            put("key-" + i, ("r" + i + "|").getBytes(StandardCharsets.UTF_8));
        }
        put("agg", KplAggregates.aggregate(List.of("a"), List.of("k1|".getBytes(), "k2|".getBytes())));

        firehose.runOnce();

        String out = delivered();
        assertThat(out).doesNotContain("too early").contains("k1|k2|");
        for (int i = 0; i < 20; i++) {
            assertThat(out).contains("r" + i + "|");
        }
    }

    @Test
    void afterARestartReadingGoesOnWhereItStopped() throws Exception {
        S3Settings s3 = new S3Settings("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::bucket", "", null,
                new BufferingHints(5, 0), Compression.UNCOMPRESSED, null, null);
        firehose.create(new CreateRequest(HOSE, DeliveryStreamType.KinesisStreamAsSource, null,
                STREAM.arn().toString(), "arn:aws:iam::000000000000:role/r", new ExtendedS3Destination(s3,
                Processing.NONE, false, null, DynamicPartitioning.DISABLED, null, null), Map.of(), null, null));
        put("a", "first|".getBytes(StandardCharsets.UTF_8));
        firehose.runOnce();
        firehose.close();
        firehose = openFirehose();
        put("a", "second|".getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofSeconds(1));
        firehose.runOnce();
        assertThat(delivered()).isEqualTo("first|second|");
    }

    @Test
    void afterASplitTheParentIsDeliveredBeforeItsChildren() throws Exception {
        S3Settings s3 = new S3Settings("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::bucket", "", null,
                new BufferingHints(5, 0), Compression.UNCOMPRESSED, null, null);
        firehose.create(new CreateRequest(HOSE, DeliveryStreamType.KinesisStreamAsSource, null,
                STREAM.arn().toString(), "arn:aws:iam::000000000000:role/r", new ExtendedS3Destination(s3,
                Processing.NONE, false, null, DynamicPartitioning.DISABLED, null, null), Map.of(), null, null));
        kinesis.records().putRecord(STREAM, new PutRecordsEntry("parent|".getBytes(StandardCharsets.UTF_8), "p",
                "1")).join();
        kinesis.shards().split(STREAM, "shardId-000000000000", java.math.BigInteger.ONE.shiftLeft(126));
        kinesis.records().putRecord(STREAM, new PutRecordsEntry("child|".getBytes(StandardCharsets.UTF_8), "p",
                "1")).join();

        for (int i = 0; i < 5; i++) {
            firehose.runOnce();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(delivered()).isEqualTo("parent|child|");
    }
}
