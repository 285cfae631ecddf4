package io.sluice.e2e.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DataFormatConversionConfiguration;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.ParquetCompression;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Record format conversion through the AWS SDK for Java v2: its rules, its description, and its error output. */
class FormatConversionE2eTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    @TempDir
    static Path dir;
    private static S3ProxyServer s3;
    private static FirehoseServer server;
    private static FirehoseClient firehose;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyServer();
        s3.createBucket("lake");
        server = new FirehoseServer(dir, s3);
        firehose = server.firehoseClient();
    }

    @AfterAll
    static void stop() {
        firehose.close();
        server.close();
        s3.close();
    }

    private static DataFormatConversionConfiguration parquet(String table) {
        return DataFormatConversionConfiguration.builder()
                .schemaConfiguration(s -> s.roleARN(ROLE).databaseName("analytics").tableName(table))
                .inputFormatConfiguration(i -> i.deserializer(d -> d.openXJsonSerDe(o -> o.caseInsensitive(true))))
                .outputFormatConfiguration(o -> o.serializer(s -> s.parquetSerDe(p -> p
                        .compression(ParquetCompression.GZIP))))
                .build();
    }

    private static ExtendedS3DestinationConfiguration.Builder destination(int sizeInMBs) {
        return ExtendedS3DestinationConfiguration.builder().roleARN(ROLE).bucketARN("arn:aws:s3:::lake")
                .bufferingHints(BufferingHints.builder().sizeInMBs(sizeInMBs).intervalInSeconds(0).build());
    }

    @Test
    void theRulesOfConversionAreAwssInvalidArgumentErrors() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("small")
                .extendedS3DestinationConfiguration(destination(5).dataFormatConversionConfiguration(
                        parquet("events")).build())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("SizeInMBs");
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("gzip")
                .extendedS3DestinationConfiguration(destination(64).compressionFormat(CompressionFormat.GZIP)
                        .dataFormatConversionConfiguration(parquet("events")).build())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("UNCOMPRESSED");
    }

    @Test
    void aConversionIsDescribedBackAndRecordsOfAMissingTableGoToTheErrorOutput() throws Exception {
        firehose.createDeliveryStream(r -> r.deliveryStreamName("converted").extendedS3DestinationConfiguration(
                destination(64).dataFormatConversionConfiguration(parquet("no_such_table")).build()));
        Await.until(Duration.ofSeconds(10), () -> firehose.describeDeliveryStream(r -> r
                        .deliveryStreamName("converted")).deliveryStreamDescription().deliveryStreamStatus(),
                s -> s == DeliveryStreamStatus.ACTIVE);
        DataFormatConversionConfiguration described = firehose.describeDeliveryStream(r -> r
                        .deliveryStreamName("converted")).deliveryStreamDescription().destinations().getFirst()
                .extendedS3DestinationDescription().dataFormatConversionConfiguration();
        assertThat(described.enabled()).isTrue();
        assertThat(described.outputFormatConfiguration().serializer().parquetSerDe().compression())
                .isEqualTo(ParquetCompression.GZIP);
        assertThat(described.outputFormatConfiguration().serializer().orcSerDe()).isNull();

        firehose.putRecord(r -> r.deliveryStreamName("converted")
                .record(b -> b.data(SdkBytes.fromUtf8String("{\"id\":1}"))));
        Map<String, byte[]> errors = Await.until(Duration.ofSeconds(20), () -> {
            Map<String, byte[]> all = s3.objects("lake");
            all.keySet().removeIf(k -> !k.startsWith("format-conversion-failed/"));
            return all;
        }, m -> !m.isEmpty());
        JsonNode record = new ObjectMapper().readTree(errors.values().iterator().next());
        assertThat(record.get("lastErrorCode").asText()).isEqualTo("DataFormatConversion.EntityNotFound");
        assertThat(new String(Base64.getDecoder().decode(record.get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":1}");
        assertThat(record.at("/dataCatalogTable/tableName").asText()).isEqualTo("no_such_table");
    }
}
