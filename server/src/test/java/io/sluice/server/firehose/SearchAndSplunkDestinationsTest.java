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

/** CreateDeliveryStream, UpdateDestination and DescribeDeliveryStream of the search and Splunk destinations. */
class SearchAndSplunkDestinationsTest {

    private static final String S3 = "{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\","
            + "\"BucketARN\":\"arn:aws:s3:::bucket\"}";
    private static final String ROLE = "\"RoleARN\":\"arn:aws:iam::000000000000:role/r\"";

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

    private JsonNode destination(String name) throws Exception {
        return call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"" + name + "\"}").body()
                .get("DeliveryStreamDescription").get("Destinations").get(0);
    }

    @Test
    void anOpenSearchDestinationIsDescribedWithAwsDefaultsAndWithoutItsCredentials() throws Exception {
        Answer created = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"os\","
                + "\"AmazonopensearchserviceDestinationConfiguration\":{" + ROLE + ","
                + "\"ClusterEndpoint\":\"https://firehose:pw@search.internal:9200\",\"IndexName\":\"logs\","
                + "\"S3Configuration\":" + S3 + "}}");
        assertThat(created.status()).isEqualTo(200);

        JsonNode d = destination("os").get("AmazonopensearchserviceDestinationDescription");
        assertThat(d.get("ClusterEndpoint").asText()).isEqualTo("https://search.internal:9200");
        assertThat(d.get("IndexName").asText()).isEqualTo("logs");
        assertThat(d.get("IndexRotationPeriod").asText()).isEqualTo("OneDay");
        assertThat(d.get("RetryOptions").get("DurationInSeconds").asInt()).isEqualTo(300);
        assertThat(d.get("S3BackupMode").asText()).isEqualTo("FailedDocumentsOnly");
        assertThat(d.get("BufferingHints").get("SizeInMBs").asInt()).isEqualTo(5);
        assertThat(d.get("BufferingHints").get("IntervalInSeconds").asInt()).isEqualTo(300);
        assertThat(d.get("DocumentIdOptions").get("DefaultDocumentIdFormat").asText()).isEqualTo("FIREHOSE_DEFAULT");
        assertThat(d.get("S3DestinationDescription").get("BucketARN").asText()).isEqualTo("arn:aws:s3:::bucket");
        assertThat(d.toString()).doesNotContain("pw");
    }

    @Test
    void searchModelViolationsAreReportedTogether() throws Exception {
        Answer answer = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"es\","
                + "\"ElasticsearchDestinationConfiguration\":{" + ROLE + ",\"ClusterEndpoint\":\"search:9200\","
                + "\"IndexName\":\"logs\",\"IndexRotationPeriod\":\"OneYear\",\"BufferingHints\":{\"SizeInMBs\":101},"
                + "\"RetryOptions\":{\"DurationInSeconds\":7201},\"S3Configuration\":" + S3 + "}}");
        assertThat(answer.type()).isEqualTo("ValidationException");
        assertThat(answer.body().get("message").asText()).startsWith("4 validation errors detected:")
                .contains("elasticsearchDestinationConfiguration.clusterEndpoint",
                        "elasticsearchDestinationConfiguration.indexRotationPeriod",
                        "elasticsearchDestinationConfiguration.bufferingHints.sizeInMBs",
                        "elasticsearchDestinationConfiguration.retryOptions.durationInSeconds");
    }

    @Test
    void splunkModelViolationsAreReportedTogether() throws Exception {
        Answer answer = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"sp\","
                + "\"SplunkDestinationConfiguration\":{\"HECEndpoint\":\"https://splunk:8088\","
                + "\"HECEndpointType\":\"Json\",\"HECToken\":\"t\",\"HECAcknowledgmentTimeoutInSeconds\":100,"
                + "\"BufferingHints\":{\"SizeInMBs\":6,\"IntervalInSeconds\":61},\"S3Configuration\":" + S3 + "}}");
        assertThat(answer.type()).isEqualTo("ValidationException");
        assertThat(answer.body().get("message").asText()).startsWith("4 validation errors detected:")
                .contains("splunkDestinationConfiguration.hECEndpointType",
                        "splunkDestinationConfiguration.hECAcknowledgmentTimeoutInSeconds",
                        "splunkDestinationConfiguration.bufferingHints.sizeInMBs",
                        "splunkDestinationConfiguration.bufferingHints.intervalInSeconds");
    }

    @Test
    void aSplunkUpdateMergesKeepsTheTokenHiddenAndCannotGoBackFromAllEvents() throws Exception {
        assertThat(call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"sp\","
                + "\"SplunkDestinationConfiguration\":{\"HECEndpoint\":\"https://splunk:8088\","
                + "\"HECEndpointType\":\"Raw\",\"HECToken\":\"hidden-token\",\"S3BackupMode\":\"AllEvents\","
                + "\"S3Configuration\":" + S3 + "}}").status()).isEqualTo(200);
        JsonNode created = destination("sp").get("SplunkDestinationDescription");
        assertThat(created.get("HECAcknowledgmentTimeoutInSeconds").asInt()).isEqualTo(180);
        assertThat(created.get("BufferingHints").get("SizeInMBs").asInt()).isEqualTo(5);
        assertThat(created.get("BufferingHints").get("IntervalInSeconds").asInt()).isEqualTo(60);

        Answer updated = call("UpdateDestination", "{\"DeliveryStreamName\":\"sp\",\"CurrentDeliveryStreamVersionId\":"
                + "\"1\",\"DestinationId\":\"destinationId-000000000001\",\"SplunkDestinationUpdate\":"
                + "{\"HECAcknowledgmentTimeoutInSeconds\":600,\"HECEndpointType\":\"Event\"}}");
        assertThat(updated.status()).isEqualTo(200);
        JsonNode d = destination("sp").get("SplunkDestinationDescription");
        assertThat(d.get("HECAcknowledgmentTimeoutInSeconds").asInt()).isEqualTo(600);
        assertThat(d.get("HECEndpointType").asText()).isEqualTo("Event");
        assertThat(d.get("HECEndpoint").asText()).isEqualTo("https://splunk:8088");
        assertThat(d.get("S3BackupMode").asText()).isEqualTo("AllEvents");
        assertThat(d.has("HECToken")).isFalse();
        assertThat(d.toString()).doesNotContain("hidden-token");

        Answer back = call("UpdateDestination", "{\"DeliveryStreamName\":\"sp\",\"CurrentDeliveryStreamVersionId\":"
                + "\"2\",\"DestinationId\":\"destinationId-000000000001\",\"SplunkDestinationUpdate\":"
                + "{\"S3BackupMode\":\"FailedEventsOnly\"}}");
        assertThat(back.type()).isEqualTo("InvalidArgumentException");
    }

    @Test
    void anElasticsearchUpdateMergesIntoTheDestination() throws Exception {
        assertThat(call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"es\","
                + "\"ElasticsearchDestinationConfiguration\":{" + ROLE + ",\"ClusterEndpoint\":\"http://es:9200\","
                + "\"IndexName\":\"logs\",\"TypeName\":\"_doc\",\"S3Configuration\":" + S3 + "}}").status())
                .isEqualTo(200);

        assertThat(call("UpdateDestination", "{\"DeliveryStreamName\":\"es\",\"CurrentDeliveryStreamVersionId\":"
                + "\"1\",\"DestinationId\":\"destinationId-000000000001\",\"ElasticsearchDestinationUpdate\":"
                + "{\"IndexName\":\"events\",\"IndexRotationPeriod\":\"OneWeek\",\"DocumentIdOptions\":"
                + "{\"DefaultDocumentIdFormat\":\"NO_DOCUMENT_ID\"}}}").status()).isEqualTo(200);

        JsonNode d = destination("es").get("ElasticsearchDestinationDescription");
        assertThat(d.get("IndexName").asText()).isEqualTo("events");
        assertThat(d.get("IndexRotationPeriod").asText()).isEqualTo("OneWeek");
        assertThat(d.get("TypeName").asText()).isEqualTo("_doc");
        assertThat(d.get("ClusterEndpoint").asText()).isEqualTo("http://es:9200");
        assertThat(d.get("DocumentIdOptions").get("DefaultDocumentIdFormat").asText()).isEqualTo("NO_DOCUMENT_ID");
    }

    @Test
    void domainArnsVpcsAndServerlessAreRefusedClearly() throws Exception {
        Answer domain = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"d\","
                + "\"AmazonopensearchserviceDestinationConfiguration\":{" + ROLE + ",\"DomainARN\":"
                + "\"arn:aws:es:us-east-1:000000000000:domain/logs\",\"IndexName\":\"logs\",\"S3Configuration\":"
                + S3 + "}}");
        assertThat(domain.type()).isEqualTo("InvalidArgumentException");
        assertThat(domain.body().get("message").asText()).contains("DomainARN", "ClusterEndpoint");
        Answer vpc = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"v\","
                + "\"ElasticsearchDestinationConfiguration\":{" + ROLE + ",\"ClusterEndpoint\":\"http://es:9200\","
                + "\"IndexName\":\"logs\",\"VpcConfiguration\":{},\"S3Configuration\":" + S3 + "}}");
        assertThat(vpc.type()).isEqualTo("InvalidArgumentException");
        Answer serverless = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"s\","
                + "\"AmazonOpenSearchServerlessDestinationConfiguration\":{}}");
        assertThat(serverless.type()).isEqualTo("InvalidArgumentException");
    }
}
