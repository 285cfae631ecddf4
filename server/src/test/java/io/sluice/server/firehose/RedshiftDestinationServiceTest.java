package io.sluice.server.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.ManualClock;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.pipeline.ApiPipeline;
import io.sluice.server.pipeline.Pipeline;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import static org.assertj.core.api.Assertions.assertThat;
import io.sluice.firehose.delivery.DeliveryObserver;

/** CreateDeliveryStream, DescribeDeliveryStream and UpdateDestination with a Redshift (PostgreSQL) destination. */
class RedshiftDestinationServiceTest {

    private static final String S3 = "{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\","
            + "\"BucketARN\":\"arn:aws:s3:::staging\",\"Prefix\":\"pg/\"}";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final ObjectMapper json = new ObjectMapper();
    private FirehoseEngine engine;
    private ApiPipeline service;

    @BeforeEach
    void open() throws Exception {
        engine = new FirehoseEngine(FirehoseConfig.defaults(dir).withStatusDelays(0, 0), clock, null,
                new LocalDirectoryObjectStore(dir.resolve("objects")), DeliveryObserver.NONE,
                new KmsBufferSealer(io.sluice.engine.crypto.LocalKms.open(dir, null, java.util.List.of()),
                        io.sluice.engine.store.LocalMetaStore.open(dir.resolve("keys"))));
        service = Pipeline.open(true, null, new ControlPlaneLimiter(clock, LimitSettings.off()),
                new SimpleMeterRegistry()).wrap(new FirehoseService(engine));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private record Answer(int status, String type, JsonNode body) {
    }

    private Answer call(String operation, String body) throws Exception {
        ApiResponse response = service.handle(ApiRequest.post("Firehose_20150804." + operation,
                "application/x-amz-json-1.1", null, body.getBytes(StandardCharsets.UTF_8)));
        JsonNode node = json.readTree(response.body());
        return new Answer(response.status(), node.path("__type").asText(null), node);
    }

    private Answer create(String name, String url, String copyOptions, String s3) throws Exception {
        return call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"" + name + "\","
                + "\"RedshiftDestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\","
                + "\"ClusterJDBCURL\":\"" + url + "\",\"Username\":\"loader\",\"Password\":\"secret-pw\","
                + "\"CopyCommand\":{\"DataTableName\":\"events\",\"DataTableColumns\":\"id,name\","
                + "\"CopyOptions\":\"" + copyOptions + "\"},\"S3Configuration\":" + s3 + "}}");
    }

    private JsonNode describe(String name) throws Exception {
        return call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"" + name + "\"}").body()
                .get("DeliveryStreamDescription");
    }

    @Test
    void aPostgresqlDestinationIsDescribedWithAwsDefaultsAndWithoutItsPassword() throws Exception {
        assertThat(create("pg", "jdbc:postgresql://db:5432/analytics", "JSON 'auto'", S3).status()).isEqualTo(200);

        JsonNode d = describe("pg").get("Destinations").get(0).get("RedshiftDestinationDescription");
        assertThat(d.get("ClusterJDBCURL").asText()).isEqualTo("jdbc:postgresql://db:5432/analytics");
        assertThat(d.get("Username").asText()).isEqualTo("loader");
        assertThat(d.has("Password")).isFalse();
        assertThat(d.get("CopyCommand").get("DataTableName").asText()).isEqualTo("events");
        assertThat(d.get("CopyCommand").get("DataTableColumns").asText()).isEqualTo("id,name");
        assertThat(d.get("CopyCommand").get("CopyOptions").asText()).isEqualTo("JSON 'auto'");
        assertThat(d.get("RetryOptions").get("DurationInSeconds").asInt()).isEqualTo(3600);
        assertThat(d.get("S3BackupMode").asText()).isEqualTo("Disabled");
        assertThat(d.get("S3DestinationDescription").get("BucketARN").asText()).isEqualTo("arn:aws:s3:::staging");
        assertThat(d.get("S3DestinationDescription").get("CompressionFormat").asText()).isEqualTo("UNCOMPRESSED");
        assertThat(describe("pg").toString()).doesNotContain("secret-pw");
    }

    @Test
    void aRedshiftJdbcUrlIsRefusedSayingWhatIsSupported() throws Exception {
        Answer answer = create("rs", "jdbc:redshift://cluster.abc.us-east-1.redshift.amazonaws.com:5439/dev", "",
                S3);
        assertThat(answer.type()).isEqualTo("InvalidArgumentException");
        assertThat(answer.body().get("message").asText()).contains("jdbc:redshift://", "jdbc:postgresql://");
    }

    @Test
    void whatSluiceCannotLoadIsRefusedAtCreate() throws Exception {
        String url = "jdbc:postgresql://db:5432/a";
        assertThat(create("a", url, "LZOP", S3).body().get("message").asText()).contains("LZOP", "not supported");
        assertThat(create("b", url, "GZIP", S3).body().get("message").asText()).contains("GZIP");
        assertThat(create("c", url, "", S3.replace("}", ",\"CompressionFormat\":\"Snappy\"}")).body()
                .get("message").asText()).contains("Snappy", "UNCOMPRESSED and GZIP");
        assertThat(create("d", url, "", S3.replace("pg/", "!{timestamp:yyyy}/")).body().get("message").asText())
                .contains("static");
        Answer secrets = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"e\","
                + "\"RedshiftDestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\","
                + "\"ClusterJDBCURL\":\"" + url + "\",\"CopyCommand\":{\"DataTableName\":\"t\"},"
                + "\"SecretsManagerConfiguration\":{\"Enabled\":true},\"S3Configuration\":" + S3 + "}}");
        assertThat(secrets.type()).isEqualTo("InvalidArgumentException");
        assertThat(secrets.body().get("message").asText()).contains("SecretsManagerConfiguration");
        assertThat(call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"a\"}").type())
                .isEqualTo("ResourceNotFoundException");
    }

    @Test
    void missingRequiredMembersAreValidationErrors() throws Exception {
        Answer answer = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"m\","
                + "\"RedshiftDestinationConfiguration\":{\"RetryOptions\":{\"DurationInSeconds\":7201}}}");
        assertThat(answer.type()).isEqualTo("ValidationException");
        assertThat(answer.body().get("message").asText()).contains("redshiftDestinationConfiguration.roleARN",
                "redshiftDestinationConfiguration.clusterJDBCURL", "redshiftDestinationConfiguration.copyCommand",
                "redshiftDestinationConfiguration.s3Configuration",
                "redshiftDestinationConfiguration.retryOptions.durationInSeconds");
    }

    @Test
    void anUpdateMergesIntoTheDestinationItChanges() throws Exception {
        assertThat(create("u", "jdbc:postgresql://db:5432/a", "CSV", S3).status()).isEqualTo(200);
        Answer updated = call("UpdateDestination", "{\"DeliveryStreamName\":\"u\","
                + "\"CurrentDeliveryStreamVersionId\":\"1\",\"DestinationId\":\"destinationId-000000000001\","
                + "\"RedshiftDestinationUpdate\":{\"CopyCommand\":{\"DataTableName\":\"other\","
                + "\"CopyOptions\":\"GZIP CSV\"},\"RetryOptions\":{\"DurationInSeconds\":0},"
                + "\"S3Update\":{\"CompressionFormat\":\"GZIP\"}}}");
        assertThat(updated.status()).isEqualTo(200);

        JsonNode d = describe("u").get("Destinations").get(0).get("RedshiftDestinationDescription");
        assertThat(d.get("CopyCommand").get("DataTableName").asText()).isEqualTo("other");
        assertThat(d.get("RetryOptions").get("DurationInSeconds").asInt()).isZero();
        assertThat(d.get("S3DestinationDescription").get("CompressionFormat").asText()).isEqualTo("GZIP");
        assertThat(d.get("S3DestinationDescription").get("Prefix").asText()).isEqualTo("pg/");
        assertThat(d.get("ClusterJDBCURL").asText()).isEqualTo("jdbc:postgresql://db:5432/a");
        assertThat(describe("u").get("VersionId").asText()).isEqualTo("2");
    }
}
