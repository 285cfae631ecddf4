package io.sluice.server.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.ManualClock;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.pipeline.ApiPipeline;
import io.sluice.server.pipeline.Pipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** DataFormatConversionConfiguration through the Firehose API: AWS's rules, defaults, description and updates. */
class FormatConversionConfigurationTest {

    private static final String SCHEMA = "\"SchemaConfiguration\":{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\","
            + "\"DatabaseName\":\"db\",\"TableName\":\"events\"}";
    private static final String OPENX = "\"InputFormatConfiguration\":{\"Deserializer\":{\"OpenXJsonSerDe\":{}}}";
    private static final String PARQUET = "\"OutputFormatConfiguration\":{\"Serializer\":{\"ParquetSerDe\":{}}}";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final ObjectMapper json = new ObjectMapper();
    private FirehoseEngine engine;
    private ApiPipeline service;

    @BeforeEach
    void open() throws Exception {
        engine = new FirehoseEngine(FirehoseConfig.defaults(dir).withStatusDelays(0, 0), clock, null,
                new LocalDirectoryObjectStore(dir.resolve("objects")), DeliveryObserver.NONE);
        service = Pipeline.open(true, null, new ControlPlaneLimiter(clock, LimitSettings.off()),
                new SimpleMeterRegistry()).wrap(new FirehoseService(engine));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private JsonNode call(String operation, String body) throws Exception {
        ApiResponse response = service.handle(ApiRequest.post("Firehose_20150804." + operation,
                "application/x-amz-json-1.1", null, body.getBytes(StandardCharsets.UTF_8)));
        JsonNode node = json.readTree(response.body());
        return node.isObject() ? ((com.fasterxml.jackson.databind.node.ObjectNode) node)
                .put("status", response.status()) : node;
    }

    private JsonNode create(String name, String hints, String compression, String conversion) throws Exception {
        return call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"" + name + "\","
                + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\","
                + "\"BucketARN\":\"arn:aws:s3:::b\"" + hints + compression
                + ",\"DataFormatConversionConfiguration\":{" + conversion + "}}}");
    }

    private static final String BIG_BUFFER = ",\"BufferingHints\":{\"SizeInMBs\":64,\"IntervalInSeconds\":60}";

    @Test
    void aCompleteConversionIsDescribedBackWithAwsDefaults() throws Exception {
        assertThat(create("c", BIG_BUFFER, "", SCHEMA + "," + OPENX + "," + PARQUET).get("status").asInt())
                .isEqualTo(200);
        JsonNode conversion = call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"c\"}")
                .at("/DeliveryStreamDescription/Destinations/0/ExtendedS3DestinationDescription"
                        + "/DataFormatConversionConfiguration");
        assertThat(conversion.get("Enabled").asBoolean()).isTrue();
        assertThat(conversion.at("/SchemaConfiguration/TableName").asText()).isEqualTo("events");
        assertThat(conversion.at("/InputFormatConfiguration/Deserializer/OpenXJsonSerDe/CaseInsensitive")
                .asBoolean()).isTrue();
        JsonNode parquet = conversion.at("/OutputFormatConfiguration/Serializer/ParquetSerDe");
        assertThat(parquet.get("Compression").asText()).isEqualTo("SNAPPY");
        assertThat(parquet.get("BlockSizeBytes").asInt()).isEqualTo(256 << 20);
        assertThat(parquet.get("WriterVersion").asText()).isEqualTo("V1");
    }

    @Test
    void theBufferMustBeAtLeast64MiB() throws Exception {
        JsonNode answer = create("small", "", "", SCHEMA + "," + OPENX + "," + PARQUET);
        assertThat(answer.get("__type").asText()).isEqualTo("InvalidArgumentException");
        assertThat(answer.get("message").asText()).contains("SizeInMBs", "64");
    }

    @Test
    void s3CompressionMustBeUncompressed() throws Exception {
        JsonNode answer = create("gz", BIG_BUFFER, ",\"CompressionFormat\":\"GZIP\"",
                SCHEMA + "," + OPENX + "," + PARQUET);
        assertThat(answer.get("__type").asText()).isEqualTo("InvalidArgumentException");
        assertThat(answer.get("message").asText()).contains("UNCOMPRESSED");
    }

    @Test
    void exactlyOneDeserializerAndOneSerializer() throws Exception {
        JsonNode two = create("two", BIG_BUFFER, "", SCHEMA + ",\"InputFormatConfiguration\":{\"Deserializer\":"
                + "{\"OpenXJsonSerDe\":{},\"HiveJsonSerDe\":{}}}," + PARQUET);
        assertThat(two.get("__type").asText()).isEqualTo("InvalidArgumentException");
        assertThat(two.get("message").asText()).contains("exactly one", "Deserializer");
        JsonNode none = create("none", BIG_BUFFER, "", SCHEMA + "," + OPENX
                + ",\"OutputFormatConfiguration\":{\"Serializer\":{}}");
        assertThat(none.get("message").asText()).contains("exactly one", "Serializer");
        JsonNode missing = create("missing", BIG_BUFFER, "", OPENX + "," + PARQUET);
        assertThat(missing.get("message").asText()).contains("SchemaConfiguration");
    }

    @Test
    void modelConstraintsAreValidationErrors() throws Exception {
        JsonNode answer = create("bad", BIG_BUFFER, "", SCHEMA + "," + OPENX
                + ",\"OutputFormatConfiguration\":{\"Serializer\":{\"ParquetSerDe\":{\"Compression\":\"LZO\","
                + "\"PageSizeBytes\":1024}}}");
        assertThat(answer.get("__type").asText()).isEqualTo("ValidationException");
        assertThat(answer.get("message").asText()).startsWith("2 validation errors").contains("compression",
                "pageSizeBytes");
        JsonNode timestamp = create("ts", BIG_BUFFER, "", SCHEMA + ",\"InputFormatConfiguration\":{\"Deserializer\":"
                + "{\"HiveJsonSerDe\":{\"TimestampFormats\":[\"yyyy-MM-dd'T'HH:mm:ss\",\"millis\",\"bad{\"]}}},"
                + PARQUET);
        assertThat(timestamp.get("__type").asText()).isEqualTo("InvalidArgumentException");
        assertThat(timestamp.get("message").asText()).contains("bad{");
    }

    @Test
    void aDisabledConversionNeedsNothingAndAnUpdateCanEnableIt() throws Exception {
        assertThat(create("d", "", ",\"CompressionFormat\":\"GZIP\"", "\"Enabled\":false").get("status").asInt())
                .isEqualTo(200);
        JsonNode refused = call("UpdateDestination", "{\"DeliveryStreamName\":\"d\",\"CurrentDeliveryStreamVersionId\":"
                + "\"1\",\"DestinationId\":\"destinationId-000000000001\",\"ExtendedS3DestinationUpdate\":{"
                + "\"DataFormatConversionConfiguration\":{\"Enabled\":true," + SCHEMA + "," + OPENX + ","
                + "\"OutputFormatConfiguration\":{\"Serializer\":{\"OrcSerDe\":{\"Compression\":\"ZLIB\"}}}}}}");
        assertThat(refused.get("message").asText()).contains("SizeInMBs");
        JsonNode updated = call("UpdateDestination", "{\"DeliveryStreamName\":\"d\",\"CurrentDeliveryStreamVersionId\":"
                + "\"1\",\"DestinationId\":\"destinationId-000000000001\",\"ExtendedS3DestinationUpdate\":{"
                + "\"CompressionFormat\":\"UNCOMPRESSED\"" + BIG_BUFFER + ","
                + "\"DataFormatConversionConfiguration\":{\"Enabled\":true," + SCHEMA + "," + OPENX + ","
                + "\"OutputFormatConfiguration\":{\"Serializer\":{\"OrcSerDe\":{\"Compression\":\"ZLIB\"}}}}}}");
        assertThat(updated.get("status").asInt()).isEqualTo(200);
        JsonNode orc = call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"d\"}")
                .at("/DeliveryStreamDescription/Destinations/0/ExtendedS3DestinationDescription"
                        + "/DataFormatConversionConfiguration/OutputFormatConfiguration/Serializer/OrcSerDe");
        assertThat(orc.get("Compression").asText()).isEqualTo("ZLIB");
        assertThat(orc.get("StripeSizeBytes").asInt()).isEqualTo(64 << 20);
        assertThat(orc.get("FormatVersion").asText()).isEqualTo("V0_12");
    }
}
