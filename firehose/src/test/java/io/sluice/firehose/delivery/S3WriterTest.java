package io.sluice.firehose.delivery;

import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.S3Settings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3WriterTest {

    private static final long T = 1_700_000_000_000L;

    private record Put(String bucket, String key, byte[] body) {
    }

    private final List<Put> puts = new ArrayList<>();
    private int failures;
    private final ObjectStore store = (bucket, key, body) -> {
        if (failures-- > 0) {
            throw new IOException("unavailable");
        }
        puts.add(new Put(bucket, key, body));
    };

    private S3Writer writer(Compression compression, String extension) {
        S3Settings s3 = new S3Settings("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::my.bucket", "p/", null,
                new BufferingHints(1, 0), compression, null, null);
        return new S3Writer(store, s3, PrefixTemplate.forObjects(s3.prefix(), false),
                new S3Writer.Naming("stream", 3, ZoneOffset.UTC, extension), new SplittableRandom(3));
    }

    private static Batch batch() {
        return new Batch(Batch.Route.MAIN, Map.of(), null, List.of(new Batch.Entry("ab".getBytes(), T),
                new Batch.Entry("c".getBytes(), T + 5_000)), 0, "id");
    }

    @Test
    void objectsGoToTheBucketOfTheArnUnderTheStreamsNameAndVersion() throws Exception {
        writer(Compression.UNCOMPRESSED, null).deliver(batch());
        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.bucket()).isEqualTo("my.bucket");
            assertThat(put.key()).matches("p/2023/11/14/22/stream-3-2023-11-14-22-13-20-[0-9a-f-]{36}");
            assertThat(put.body()).isEqualTo("abc".getBytes());
        });
    }

    @Test
    void aRetryOverwritesTheSameKey() throws Exception {
        S3Writer writer = writer(Compression.UNCOMPRESSED, null);
        Batch batch = batch();
        failures = 1;
        assertThatThrownBy(() -> writer.deliver(batch)).isInstanceOf(DeliveryException.class);
        String key = batch.objectKey();
        writer.deliver(batch);
        assertThat(puts).singleElement().satisfies(put -> assertThat(put.key()).isEqualTo(key));
    }

    @Test
    void theFileExtensionReplacesTheCompressionsOwn() throws Exception {
        writer(Compression.ZIP, ".json.zip").deliver(batch());
        Put put = puts.getFirst();
        assertThat(put.key()).endsWith(".json.zip");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(put.body()))) {
            String entry = zip.getNextEntry().getName();
            assertThat(put.key()).endsWith(entry + ".json.zip");
            assertThat(zip.readAllBytes()).isEqualTo("abc".getBytes());
        }
    }

    @Test
    void compressedObjectsGetTheirFormatsExtension() throws Exception {
        writer(Compression.GZIP, null).deliver(batch());
        writer(Compression.SNAPPY, null).deliver(batch());
        assertThat(puts).extracting(Put::key).satisfiesExactly(k -> assertThat(k).endsWith(".gz"),
                k -> assertThat(k).endsWith(".snappy"));
    }
}
