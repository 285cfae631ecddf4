package io.sluice.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.DynamicPartitioning;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.Processor;
import io.sluice.firehose.config.ProcessorParameter;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.processing.KplAggregates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Processors and dynamic partitioning, end to end through the engine into a local directory. */
class ProcessingDeliveryTest {

    @TempDir
    Path dir;
    private Fixture fx;

    @BeforeEach
    void open() throws Exception {
        fx = new Fixture(dir, new LocalDirectoryObjectStore(dir.resolve("objects")), DeliveryObserver.NONE);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static Processor processor(String type, String... nameValues) {
        List<ProcessorParameter> parameters = new java.util.ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.add(new ProcessorParameter(nameValues[i], nameValues[i + 1]));
        }
        return new Processor(type, parameters);
    }

    @Test
    void dynamicPartitioningWritesOneObjectPerPartitionKey() throws Exception {
        S3Settings s3 = new S3Settings("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::bucket",
                "customer=!{partitionKeyFromQuery:customer}/", "errors/", new BufferingHints(5, 0),
                Compression.UNCOMPRESSED, null, null);
        Processing processing = new Processing(true, List.of(
                processor("MetadataExtraction", "MetadataExtractionQuery", "{customer: .c}",
                        "JsonParsingEngine", "JQ-1.6"),
                processor("AppendDelimiterToRecord")));
        fx.create("dp", new ExtendedS3Destination(s3, processing, false, null, new DynamicPartitioning(true, 300),
                null, null));
        fx.put("dp", "{\"c\":\"a\"}", "{\"c\":\"b\"}", "{\"c\":\"a\",\"n\":2}", "oops");
        fx.engine.runOnce();

        Map<String, byte[]> objects = fx.objects("bucket");
        assertThat(objects.keySet()).hasSize(3);
        assertThat(objects).hasEntrySatisfying(key(objects, "customer=a/"), bytes ->
                assertThat(Fixture.text(bytes)).isEqualTo("{\"c\":\"a\"}\n{\"c\":\"a\",\"n\":2}\n"));
        assertThat(objects).hasEntrySatisfying(key(objects, "customer=b/"), bytes ->
                assertThat(Fixture.text(bytes)).isEqualTo("{\"c\":\"b\"}\n"));
        String errorKey = key(objects, "errors/");
        JsonNode error = new ObjectMapper().readTree(objects.get(errorKey));
        assertThat(errorKey).startsWith("errors/2023/11/14/22/dp-1-");
        assertThat(error.get("errorCode").asText()).isEqualTo("DynamicPartitioning.MetadataExtractionFailed");
        assertThat(Base64.getDecoder().decode(error.get("rawData").asText())).isEqualTo("oops".getBytes());
    }

    @Test
    void kplAggregatesAreDeaggregatedBeforeDelivery() throws Exception {
        Processing processing = new Processing(true, List.of(processor("RecordDeAggregation"),
                processor("AppendDelimiterToRecord")));
        fx.create("kpl", Fixture.extendedS3(Fixture.s3("bucket", "", new BufferingHints(5, 0),
                Compression.UNCOMPRESSED), processing));
        byte[] aggregate = KplAggregates.aggregate(List.of("pk"), List.of("r1".getBytes(), "r2".getBytes()));
        fx.engine.put(Fixture.key("kpl"), List.of(aggregate, "plain".getBytes(StandardCharsets.UTF_8))).join();
        fx.engine.runOnce();
        assertThat(Fixture.texts(fx.objects("bucket"))).containsExactly("r1\nr2\nplain\n");
    }

    @Test
    void sourceRecordBackupKeepsTheRecordsAsTheyArrived() throws Exception {
        S3Settings main = Fixture.s3("bucket", "", new BufferingHints(5, 0), Compression.UNCOMPRESSED);
        S3Settings backup = Fixture.s3("backup", "source/", new BufferingHints(5, 0), Compression.GZIP);
        Processing processing = new Processing(true, List.of(processor("AppendDelimiterToRecord")));
        fx.create("b", new ExtendedS3Destination(main, processing, true, backup, DynamicPartitioning.DISABLED,
                null, null));
        fx.put("b", "x", "y");
        fx.engine.runOnce();
        assertThat(Fixture.texts(fx.objects("bucket"))).containsExactly("x\ny\n");
        Map<String, byte[]> backups = fx.objects("backup");
        assertThat(backups.keySet()).singleElement().asString().startsWith("source/2023/11/14/22/b-1-").endsWith(".gz");
        assertThat(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(backups.values().iterator()
                .next())).readAllBytes()).isEqualTo("xy".getBytes());
    }

    private static String key(Map<String, byte[]> objects, String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).findFirst().orElseThrow();
    }
}
