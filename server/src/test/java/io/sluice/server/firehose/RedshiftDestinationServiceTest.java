package io.sluice.server.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.common.ManualClock;
import io.sluice.server.firehose.FirehoseApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** CreateDeliveryStream, DescribeDeliveryStream and UpdateDestination with a Redshift (PostgreSQL) destination. */
class RedshiftDestinationServiceTest {

    private static final String S3 = "{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\","
            + "\"BucketARN\":\"arn:aws:s3:::staging\",\"Prefix\":\"pg/\"}";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private FirehoseApi api;

    @BeforeEach
    void open() throws Exception {
        api = FirehoseApi.open(dir, clock);
    }

    @AfterEach
    void close() {
        api.close();
    }

    private Answer call(String operation, String body) throws Exception {
        return api.call(operation, body);
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
