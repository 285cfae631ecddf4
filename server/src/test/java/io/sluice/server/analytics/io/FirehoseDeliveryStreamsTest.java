package io.sluice.server.analytics.io;

import io.sluice.common.ManualClock;
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
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirehoseDeliveryStreamsTest {

    private static final DeliveryStreamKey HOSE = new DeliveryStreamKey("000000000000", "us-east-1", "hose");

    @TempDir
    Path dir;
    private FirehoseEngine firehose;
    private FirehoseDeliveryStreams streams;

    @BeforeEach
    void open() throws IOException {
        firehose = new FirehoseEngine(FirehoseConfig.defaults(dir.resolve("firehose")).withStatusDelays(0, 0)
                .withBufferLog(new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 4096, false)),
                new ManualClock(1_700_000_000_000L), null, new LocalDirectoryObjectStore(dir.resolve("objects")),
                DeliveryObserver.NONE);
        S3Settings s3 = new S3Settings("role", "arn:aws:s3:::bucket", "", null, BufferingHints.DEFAULT,
                Compression.UNCOMPRESSED, null, null);
        firehose.create(new CreateRequest(HOSE, DeliveryStreamType.DirectPut, null, null, null,
                new ExtendedS3Destination(s3, Processing.NONE, false, null, DynamicPartitioning.DISABLED, null, null),
                Map.of(), null, null));
        streams = new FirehoseDeliveryStreams(firehose);
    }

    @AfterEach
    void close() {
        firehose.close();
    }

    @Test
    void aDeliveryStreamExistsByItsArnOnly() {
        assertThat(streams.exists(HOSE.arn())).isTrue();
        assertThat(streams.exists("arn:aws:firehose:us-east-1:000000000000:deliverystream/none")).isFalse();
        assertThat(streams.exists("arn:aws:kinesis:us-east-1:000000000000:stream/hose")).isFalse();
        assertThat(streams.takesPuts(HOSE.arn())).isTrue();
    }

    @Test
    void recordsPutByAnApplicationReachTheTapsOfOtherApplications() throws Exception {
        List<String> seen = new ArrayList<>();
        AutoCloseable tap = streams.tap(HOSE.arn(), (records, arrival) ->
                records.forEach(r -> seen.add(new String(r, StandardCharsets.UTF_8))));

        streams.put(HOSE.arn(), List.of("a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8)));
        tap.close();
        streams.put(HOSE.arn(), List.of("c".getBytes(StandardCharsets.UTF_8)));

        assertThat(seen).containsExactly("a", "b");
    }

    @Test
    void aPutToAMissingDeliveryStreamFailsForARetry() {
        assertThatThrownBy(() -> streams.put("arn:aws:firehose:us-east-1:000000000000:deliverystream/none",
                List.of(new byte[] {1})))
                .isInstanceOf(IOException.class).hasMessageContaining("failed");
    }
}
