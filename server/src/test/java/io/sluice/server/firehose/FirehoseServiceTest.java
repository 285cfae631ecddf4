package io.sluice.server.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.ManualClock;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.DeliveryObserver;
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
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FirehoseServiceTest {

    private static final String S3 = "{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\","
            + "\"BucketARN\":\"arn:aws:s3:::bucket\"}";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final ObjectMapper json = new ObjectMapper();
    private FirehoseEngine engine;
    private ApiPipeline service;

    @BeforeEach
    void open() throws Exception {
        engine = new FirehoseEngine(FirehoseConfig.defaults(dir).withStatusDelays(500, 500), clock, null,
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

    private void createActive(String name) throws Exception {
        assertThat(call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"" + name + "\","
                + "\"ExtendedS3DestinationConfiguration\":" + S3 + "}").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void aNewDeliveryStreamIsCreatingThenActiveWithAwsDefaults() throws Exception {
        Answer created = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"orders\","
                + "\"ExtendedS3DestinationConfiguration\":" + S3 + ",\"Tags\":[{\"Key\":\"team\",\"Value\":\"a\"}]}");
        assertThat(created.body().get("DeliveryStreamARN").asText())
                .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/orders");

        JsonNode creating = call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"orders\"}").body()
                .get("DeliveryStreamDescription");
        assertThat(creating.get("DeliveryStreamStatus").asText()).isEqualTo("CREATING");
        clock.advance(Duration.ofMillis(500));
        JsonNode d = call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"orders\"}").body()
                .get("DeliveryStreamDescription");
        assertThat(d.get("DeliveryStreamStatus").asText()).isEqualTo("ACTIVE");
        assertThat(d.get("DeliveryStreamType").asText()).isEqualTo("DirectPut");
        assertThat(d.get("VersionId").asText()).isEqualTo("1");
        assertThat(d.get("DeliveryStreamEncryptionConfiguration").get("Status").asText()).isEqualTo("DISABLED");
        JsonNode destination = d.get("Destinations").get(0);
        assertThat(destination.get("DestinationId").asText()).isEqualTo("destinationId-000000000001");
        JsonNode s3 = destination.get("ExtendedS3DestinationDescription");
        assertThat(s3.get("BufferingHints").get("SizeInMBs").asInt()).isEqualTo(5);
        assertThat(s3.get("BufferingHints").get("IntervalInSeconds").asInt()).isEqualTo(300);
        assertThat(s3.get("CompressionFormat").asText()).isEqualTo("UNCOMPRESSED");
        assertThat(s3.get("EncryptionConfiguration").get("NoEncryptionConfig").asText()).isEqualTo("NoEncryption");
        assertThat(destination.get("S3DestinationDescription").get("BucketARN").asText())
                .isEqualTo("arn:aws:s3:::bucket");
        assertThat(d.get("HasMoreDestinations").asBoolean()).isFalse();
    }

    @Test
    void modelViolationsAreReportedTogether() throws Exception {
        Answer answer = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"bad name\","
                + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"nope\",\"BucketARN\":\"arn:aws:s3:::b\","
                + "\"BufferingHints\":{\"SizeInMBs\":129,\"IntervalInSeconds\":60}}}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("ValidationException");
        assertThat(answer.body().get("message").asText()).startsWith("3 validation errors detected:")
                .contains("'deliveryStreamName'", "extendedS3DestinationConfiguration.roleARN",
                        "extendedS3DestinationConfiguration.bufferingHints.sizeInMBs");
    }

    @Test
    void destinationsNotSupportedYetAreRefusedClearly() throws Exception {
        Answer answer = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"r\","
                + "\"RedshiftDestinationConfiguration\":{}}");
        assertThat(answer.type()).isEqualTo("InvalidArgumentException");
        assertThat(answer.body().get("message").asText()).contains("Redshift", "not supported");
    }

    @Test
    void aSecondStreamOfTheSameNameIsInUse() throws Exception {
        createActive("twice");
        assertThat(call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"twice\","
                + "\"ExtendedS3DestinationConfiguration\":" + S3 + "}").type()).isEqualTo("ResourceInUseException");
    }

    @Test
    void anUnknownStreamIsNotFoundInAwsWords() throws Exception {
        Answer answer = call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"ghost\"}");
        assertThat(answer.type()).isEqualTo("ResourceNotFoundException");
        assertThat(answer.body().get("message").asText())
                .isEqualTo("Firehose ghost under account 000000000000 not found.");
    }

    @Test
    void listingPagesAlphabetically() throws Exception {
        for (String name : new String[]{"c", "a", "b"}) {
            createActive(name);
        }
        JsonNode first = call("ListDeliveryStreams", "{\"Limit\":2}").body();
        assertThat(first.get("DeliveryStreamNames")).extracting(JsonNode::asText).containsExactly("a", "b");
        assertThat(first.get("HasMoreDeliveryStreams").asBoolean()).isTrue();
        JsonNode rest = call("ListDeliveryStreams", "{\"ExclusiveStartDeliveryStreamName\":\"b\"}").body();
        assertThat(rest.get("DeliveryStreamNames")).extracting(JsonNode::asText).containsExactly("c");
        assertThat(call("ListDeliveryStreams", "{\"DeliveryStreamType\":\"KinesisStreamAsSource\"}").body()
                .get("DeliveryStreamNames")).isEmpty();
    }

    @Test
    void updateDestinationChecksTheVersionAndMergesTheUpdate() throws Exception {
        createActive("u");
        Answer stale = call("UpdateDestination", "{\"DeliveryStreamName\":\"u\",\"CurrentDeliveryStreamVersionId\":"
                + "\"7\",\"DestinationId\":\"destinationId-000000000001\",\"ExtendedS3DestinationUpdate\":{}}");
        assertThat(stale.type()).isEqualTo("ConcurrentModificationException");

        Answer ok = call("UpdateDestination", "{\"DeliveryStreamName\":\"u\",\"CurrentDeliveryStreamVersionId\":"
                + "\"1\",\"DestinationId\":\"destinationId-000000000001\",\"ExtendedS3DestinationUpdate\":"
                + "{\"Prefix\":\"new/\",\"CompressionFormat\":\"GZIP\"}}");
        assertThat(ok.status()).isEqualTo(200);
        JsonNode d = call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"u\"}").body()
                .get("DeliveryStreamDescription");
        assertThat(d.get("VersionId").asText()).isEqualTo("2");
        JsonNode s3 = d.get("Destinations").get(0).get("ExtendedS3DestinationDescription");
        assertThat(s3.get("Prefix").asText()).isEqualTo("new/");
        assertThat(s3.get("CompressionFormat").asText()).isEqualTo("GZIP");
        assertThat(s3.get("BucketARN").asText()).isEqualTo("arn:aws:s3:::bucket");
    }

    @Test
    void updateDestinationCanSwitchToAnHttpEndpoint() throws Exception {
        createActive("switch");
        Answer ok = call("UpdateDestination", "{\"DeliveryStreamName\":\"switch\","
                + "\"CurrentDeliveryStreamVersionId\":\"1\",\"DestinationId\":\"destinationId-000000000001\","
                + "\"HttpEndpointDestinationUpdate\":{\"EndpointConfiguration\":{\"Url\":\"https://example.com/in\","
                + "\"AccessKey\":\"k\"},\"S3Update\":" + S3 + "}}");
        assertThat(ok.status()).isEqualTo(200);
        JsonNode http = call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"switch\"}").body()
                .get("DeliveryStreamDescription").get("Destinations").get(0).get("HttpEndpointDestinationDescription");
        assertThat(http.get("EndpointConfiguration").get("Url").asText()).isEqualTo("https://example.com/in");
        assertThat(http.get("EndpointConfiguration").has("AccessKey")).isFalse();
        assertThat(http.get("S3BackupMode").asText()).isEqualTo("FailedDataOnly");
        assertThat(http.get("RetryOptions").get("DurationInSeconds").asInt()).isEqualTo(300);
    }

    @Test
    void putRecordBatchAnswersOneIdPerRecordAndRefusesTooMuchData() throws Exception {
        createActive("p");
        JsonNode batch = call("PutRecordBatch", "{\"DeliveryStreamName\":\"p\",\"Records\":[{\"Data\":\"YQ==\"},"
                + "{\"Data\":\"Yg==\"}]}").body();
        assertThat(batch.get("FailedPutCount").asInt()).isZero();
        assertThat(batch.get("Encrypted").asBoolean()).isFalse();
        assertThat(batch.get("RequestResponses")).hasSize(2).allMatch(r -> r.has("RecordId"));
        assertThat(batch.get("RequestResponses").get(0).get("RecordId").asText())
                .isNotEqualTo(batch.get("RequestResponses").get(1).get("RecordId").asText());

        String big = java.util.Base64.getEncoder().encodeToString(new byte[1_000_000]);
        StringBuilder body = new StringBuilder("{\"DeliveryStreamName\":\"p\",\"Records\":[");
        for (int i = 0; i < 5; i++) {
            body.append(i == 0 ? "" : ",").append("{\"Data\":\"").append(big).append("\"}");
        }
        assertThat(call("PutRecordBatch", body + "]}").type()).isEqualTo("InvalidArgumentException");
        assertThat(call("PutRecord", "{\"DeliveryStreamName\":\"p\",\"Record\":{\"Data\":\""
                + java.util.Base64.getEncoder().encodeToString(new byte[1_024_001]) + "\"}}").type())
                .isEqualTo("ValidationException");
    }

    @Test
    void putRecordOnACreatingStreamIsRefused() throws Exception {
        call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"early\",\"ExtendedS3DestinationConfiguration\":"
                + S3 + "}");
        assertThat(call("PutRecord", "{\"DeliveryStreamName\":\"early\",\"Record\":{\"Data\":\"YQ==\"}}").type())
                .isEqualTo("ResourceNotFoundException");
    }

    @Test
    void tagsAreAddedListedInKeyOrderAndRemoved() throws Exception {
        createActive("t");
        call("TagDeliveryStream", "{\"DeliveryStreamName\":\"t\",\"Tags\":[{\"Key\":\"b\",\"Value\":\"2\"},"
                + "{\"Key\":\"a\",\"Value\":\"1\"}]}");
        JsonNode tags = call("ListTagsForDeliveryStream", "{\"DeliveryStreamName\":\"t\",\"Limit\":1}").body();
        assertThat(tags.get("Tags").get(0).get("Key").asText()).isEqualTo("a");
        assertThat(tags.get("HasMoreTags").asBoolean()).isTrue();
        call("UntagDeliveryStream", "{\"DeliveryStreamName\":\"t\",\"TagKeys\":[\"a\"]}");
        JsonNode rest = call("ListTagsForDeliveryStream", "{\"DeliveryStreamName\":\"t\"}").body();
        assertThat(rest.get("Tags")).extracting(t -> t.get("Key").asText()).containsExactly("b");
        assertThat(call("TagDeliveryStream", "{\"DeliveryStreamName\":\"t\",\"Tags\":[{\"Key\":\"aws:x\"}]}").type())
                .isEqualTo("ValidationException");
    }

    @Test
    void encryptionGoesEnablingThenEnabledSealsTheBufferAndRecordsSaySo() throws Exception {
        createActive("e");
        call("StartDeliveryStreamEncryption", "{\"DeliveryStreamName\":\"e\"}");
        JsonNode config = call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"e\"}").body()
                .get("DeliveryStreamDescription").get("DeliveryStreamEncryptionConfiguration");
        assertThat(config.get("Status").asText()).isEqualTo("ENABLING");
        assertThat(config.get("KeyType").asText()).isEqualTo("AWS_OWNED_CMK");
        clock.advance(Duration.ofSeconds(1));
        String secret = "VERY-SECRET-FIREHOSE-RECORD";
        String data = java.util.Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(call("PutRecord", "{\"DeliveryStreamName\":\"e\",\"Record\":{\"Data\":\"" + data + "\"}}")
                .body().get("Encrypted").asBoolean()).isTrue();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                assertThat(new String(java.nio.file.Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(secret);
            }
        }
        call("StopDeliveryStreamEncryption", "{\"DeliveryStreamName\":\"e\"}");
        clock.advance(Duration.ofSeconds(1));
        assertThat(call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"e\"}").body()
                .get("DeliveryStreamDescription").get("DeliveryStreamEncryptionConfiguration").get("Status").asText())
                .isEqualTo("DISABLED");
        assertThat(call("StartDeliveryStreamEncryption", "{\"DeliveryStreamName\":\"e\","
                + "\"DeliveryStreamEncryptionConfigurationInput\":{\"KeyType\":\"CUSTOMER_MANAGED_CMK\"}}").type())
                .isEqualTo("InvalidArgumentException");
        assertThat(call("StartDeliveryStreamEncryption", "{\"DeliveryStreamName\":\"e\","
                + "\"DeliveryStreamEncryptionConfigurationInput\":{\"KeyType\":\"CUSTOMER_MANAGED_CMK\","
                + "\"KeyARN\":\"arn:aws:kms:us-east-1:000000000000:key/12345678-1234-1234-1234-123456789012\"}}")
                .type()).isEqualTo("InvalidKMSResourceException");
    }

    @Test
    void dynamicPartitioningNeedsPartitionKeysInThePrefixAndAnErrorPrefix() throws Exception {
        Answer answer = call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"dp\","
                + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\","
                + "\"BucketARN\":\"arn:aws:s3:::b\",\"Prefix\":\"static/\","
                + "\"DynamicPartitioningConfiguration\":{\"Enabled\":true}}}");
        assertThat(answer.type()).isEqualTo("InvalidArgumentException");
        assertThat(answer.body().get("message").asText()).contains("partitionKeyFromQuery");
    }

    @Test
    void aLambdaProcessorNamesAFunctionArnOrAUrl() throws Exception {
        assertThat(createWithLambda("by-arn", "arn:aws:lambda:us-east-1:000000000000:function:f:live").status())
                .isEqualTo(200);
        assertThat(createWithLambda("by-url", "http://127.0.0.1:9000/2015-03-31/functions/function/invocations")
                .status()).isEqualTo(200);

        Answer answer = createWithLambda("by-name", "just-a-name");
        assertThat(answer.type()).isEqualTo("InvalidArgumentException");
        assertThat(answer.body().get("message").asText()).contains("Lambda function ARN");
    }

    private Answer createWithLambda(String name, String lambdaArn) throws Exception {
        return call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"" + name + "\","
                + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::000000000000:role/r\","
                + "\"BucketARN\":\"arn:aws:s3:::b\",\"ProcessingConfiguration\":{\"Enabled\":true,\"Processors\":"
                + "[{\"Type\":\"Lambda\",\"Parameters\":[{\"ParameterName\":\"LambdaArn\",\"ParameterValue\":"
                + "\"" + lambdaArn + "\"}]}]}}}");
    }

    @Test
    void deletingTakesTheStreamThroughDeleting() throws Exception {
        createActive("d");
        assertThat(call("DeleteDeliveryStream", "{\"DeliveryStreamName\":\"d\"}").status()).isEqualTo(200);
        assertThat(call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"d\"}").body()
                .get("DeliveryStreamDescription").get("DeliveryStreamStatus").asText()).isEqualTo("DELETING");
        clock.advance(Duration.ofSeconds(1));
        engine.runOnce();
        assertThat(call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"d\"}").type())
                .isEqualTo("ResourceNotFoundException");
    }

    @Test
    void unknownOperationsAndBadBodiesGetAwsErrors() throws Exception {
        assertThat(call("Nope", "{}").type()).isEqualTo("UnknownOperationException");
        assertThat(call("ListDeliveryStreams", "[").type()).isEqualTo("SerializationException");
    }
}
