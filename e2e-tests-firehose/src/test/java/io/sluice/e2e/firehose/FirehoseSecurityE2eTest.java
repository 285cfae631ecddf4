package io.sluice.e2e.firehose;

import io.sluice.common.Clock;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationUpdate;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Firehose behind the same checks as Kinesis, through the AWS SDK for Java v2 against a real server with a
 * credentials file and an audit log: every action refused unsigned, with a wrong secret and when a policy denies
 * it; allowed calls served and audited as firehose.amazonaws.com; a delivery stream that reads a Kinesis stream
 * of another account only with that stream's resource policy.
 */
class FirehoseSecurityE2eTest {

    private static final String ROLE = "arn:aws:iam::111111111111:role/firehose";
    private static final ExtendedS3DestinationConfiguration S3 = ExtendedS3DestinationConfiguration.builder()
            .roleARN(ROLE).bucketARN("arn:aws:s3:::lake").build();

    @TempDir
    static Path dir;
    private static SluiceServer server;

    @BeforeAll
    static void start() throws Exception {
        Path credentials = Files.copy(Path.of("src/test/resources/security/credentials.json"),
                dir.resolve("credentials.json"));
        ServerConfig defaults = ServerConfig.defaults(dir.resolve("data")).withPorts(0, -1)
                .withSecurity(credentials, dir.resolve("audit"), false);
        server = SluiceServer.start(defaults.withEngine(defaults.engine().withStatusDelays(0, 0, 0)
                .withLimits(LimitSettings.off())), Clock.system());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private static AwsCredentialsProvider key(String id, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
    }

    private static FirehoseClient firehose(AwsCredentialsProvider credentials) {
        return FirehoseClient.builder().endpointOverride(endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(credentials).overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static KinesisClient kinesis(AwsCredentialsProvider credentials) {
        return KinesisClient.builder().endpointOverride(endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(credentials).overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    /** One call of every Firehose action, on a delivery stream named {@code name}. */
    private static Map<String, Consumer<FirehoseClient>> everyAction(String name) {
        Map<String, Consumer<FirehoseClient>> calls = new LinkedHashMap<>();
        calls.put("CreateDeliveryStream", c -> c.createDeliveryStream(b -> b.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(S3)));
        calls.put("DescribeDeliveryStream", c -> c.describeDeliveryStream(b -> b.deliveryStreamName(name)));
        calls.put("ListDeliveryStreams", c -> c.listDeliveryStreams(b -> { }));
        calls.put("UpdateDestination", c -> c.updateDestination(b -> b.deliveryStreamName(name)
                .currentDeliveryStreamVersionId("1").destinationId("destinationId-000000000001")
                .extendedS3DestinationUpdate(ExtendedS3DestinationUpdate.builder().prefix("p/").build())));
        calls.put("PutRecord", c -> c.putRecord(b -> b.deliveryStreamName(name)
                .record(Record.builder().data(SdkBytes.fromUtf8String("x")).build())));
        calls.put("PutRecordBatch", c -> c.putRecordBatch(b -> b.deliveryStreamName(name)
                .records(Record.builder().data(SdkBytes.fromUtf8String("x")).build())));
        calls.put("TagDeliveryStream", c -> c.tagDeliveryStream(b -> b.deliveryStreamName(name)
                .tags(t -> t.key("team").value("a"))));
        calls.put("UntagDeliveryStream", c -> c.untagDeliveryStream(b -> b.deliveryStreamName(name)
                .tagKeys("team")));
        calls.put("ListTagsForDeliveryStream", c -> c.listTagsForDeliveryStream(b -> b.deliveryStreamName(name)));
        calls.put("StartDeliveryStreamEncryption", c -> c.startDeliveryStreamEncryption(b -> b
                .deliveryStreamName(name)));
        calls.put("StopDeliveryStreamEncryption", c -> c.stopDeliveryStreamEncryption(b -> b
                .deliveryStreamName(name)));
        calls.put("DeleteDeliveryStream", c -> c.deleteDeliveryStream(b -> b.deliveryStreamName(name)));
        return calls;
    }

    private static AwsServiceException refusal(Runnable call) {
        AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call::run);
        assertThat(e).as("the call must be refused").isNotNull();
        return e;
    }

    private static void assertEveryActionRefused(FirehoseClient client, String name, String errorCode) {
        everyAction(name).forEach((action, call) -> assertThat(refusal(() -> call.accept(client))
                .awsErrorDetails().errorCode()).as(action).isEqualTo(errorCode));
    }

    @Test
    void everyActionIsRefusedWithoutASignature() {
        try (FirehoseClient anonymous = firehose(AnonymousCredentialsProvider.create())) {
            assertEveryActionRefused(anonymous, "unsigned", "MissingAuthenticationTokenException");
        }
    }

    @Test
    void everyActionIsRefusedWithAWrongSecret() {
        try (FirehoseClient impostor = firehose(key("AKIAALICE", "wrong-secret"))) {
            assertEveryActionRefused(impostor, "impostor", "InvalidSignatureException");
        }
    }

    @Test
    void everyActionIsRefusedWhenAPolicyDeniesIt() {
        try (FirehoseClient alice = firehose(key("AKIAALICE", "alice-secret"));
             FirehoseClient carol = firehose(key("AKIACAROL", "carol-secret"))) {
            alice.createDeliveryStream(b -> b.deliveryStreamName("alices").extendedS3DestinationConfiguration(S3));
            everyAction("alices").forEach((action, call) -> assertThat(refusal(() -> call.accept(carol))
                    .awsErrorDetails().errorMessage()).as(action)
                    .contains("arn:aws:iam::111111111111:user/carol").contains("firehose:" + action));
            assertThat(alice.listTagsForDeliveryStream(b -> b.deliveryStreamName("alices")).tags())
                    .as("carol's refused tag was not applied").isEmpty();
            assertThat(alice.listDeliveryStreams(b -> { }).deliveryStreamNames())
                    .as("carol's refused delete did not delete").contains("alices");
        }
    }

    @Test
    void allowedCallsAreServedInTheCallersAccountAndAudited() throws IOException {
        try (FirehoseClient alice = firehose(key("AKIAALICE", "alice-secret"));
             FirehoseClient bob = firehose(key("AKIABOB", "bob-secret"))) {
            String arn = alice.createDeliveryStream(b -> b.deliveryStreamName("audited")
                    .extendedS3DestinationConfiguration(S3)).deliveryStreamARN();
            assertThat(arn).isEqualTo("arn:aws:firehose:eu-west-1:111111111111:deliverystream/audited");
            assertThat(bob.listDeliveryStreams(b -> { }).deliveryStreamNames()).doesNotContain("audited");
        }
        List<String> lines = Files.readAllLines(dir.resolve("audit/audit.log"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"eventName\":\"CreateDeliveryStream\"")
                .contains("\"eventSource\":\"firehose.amazonaws.com\"").contains("\"awsRegion\":\"eu-west-1\"")
                .contains("arn:aws:iam::111111111111:user/alice").contains("\"readOnly\":false"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"eventName\":\"ListDeliveryStreams\"")
                .contains("\"eventSource\":\"firehose.amazonaws.com\"").contains("arn:aws:iam::222222222222:user/bob"));
    }

    @Test
    void aKinesisSourceInAnotherAccountNeedsItsResourcePolicy() {
        String stream = "arn:aws:kinesis:eu-west-1:111111111111:stream/shared-source";
        try (KinesisClient aliceStreams = kinesis(key("AKIAALICE", "alice-secret"));
             FirehoseClient bob = firehose(key("AKIABOB", "bob-secret"))) {
            aliceStreams.createStream(b -> b.streamName("shared-source").shardCount(1));
            Consumer<String> create = name -> bob.createDeliveryStream(b -> b.deliveryStreamName(name)
                    .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                    .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(stream)
                            .roleARN("arn:aws:iam::222222222222:role/firehose"))
                    .extendedS3DestinationConfiguration(S3));

            AwsServiceException denied = refusal(() -> create.accept("from-alice"));
            assertThat(denied.statusCode()).isEqualTo(400);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(denied.awsErrorDetails().errorMessage()).contains("kinesis:DescribeStream").contains(stream);

            aliceStreams.putResourcePolicy(b -> b.resourceARN(stream).policy("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},"
                    + "\"Action\":[\"kinesis:DescribeStream\",\"kinesis:GetShardIterator\",\"kinesis:GetRecords\","
                    + "\"kinesis:ListShards\"],\"Resource\":\"" + stream + "\"}]}"));
            create.accept("from-alice");
            assertThat(bob.describeDeliveryStream(b -> b.deliveryStreamName("from-alice")).deliveryStreamDescription()
                    .source().kinesisStreamSourceDescription().kinesisStreamARN()).isEqualTo(stream);
        }
    }

    @Test
    void aKinesisSourceNeedsEveryReadPermissionAtCreateAndAtUpdate() {
        try (KinesisClient aliceStreams = kinesis(key("AKIAALICE", "alice-secret"));
             FirehoseClient alice = firehose(key("AKIAALICE", "alice-secret"));
             FirehoseClient dave = firehose(key("AKIADAVE", "dave-secret"))) {
            aliceStreams.createStream(b -> b.streamName("own-source").shardCount(1));
            String stream = "arn:aws:kinesis:eu-west-1:111111111111:stream/own-source";
            AwsServiceException denied = refusal(() -> dave.createDeliveryStream(b -> b.deliveryStreamName("daves")
                    .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                    .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(stream).roleARN(ROLE))
                    .extendedS3DestinationConfiguration(S3)));
            assertThat(denied.awsErrorDetails().errorMessage()).contains("kinesis:GetShardIterator");

            alice.createDeliveryStream(b -> b.deliveryStreamName("alices-reader")
                    .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                    .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(stream).roleARN(ROLE))
                    .extendedS3DestinationConfiguration(S3));
            AwsServiceException update = refusal(() -> dave.updateDestination(b -> b
                    .deliveryStreamName("alices-reader").currentDeliveryStreamVersionId("1")
                    .destinationId("destinationId-000000000001")
                    .extendedS3DestinationUpdate(ExtendedS3DestinationUpdate.builder().prefix("p/").build())));
            assertThat(update.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(update.awsErrorDetails().errorMessage()).contains("kinesis:GetShardIterator");
        }
    }
}
