package io.sluice.e2e;

import io.sluice.common.Clock;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.sluice.e2e.Errors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SigV4 and authorization through the Java SDK: keys from a credentials file, identity policies, resource policies
 * across accounts, streams namespaced by account, and the audit log.
 */
class SecurityE2eTest {

    @TempDir
    static Path dir;

    private static SluiceServer server;

    @BeforeAll
    static void start() throws Exception {
        Path credentials = dir.resolve("credentials.json");
        Files.copy(Path.of("src/test/resources/security/credentials.json"), credentials);
        ServerConfig defaults = ServerConfig.defaults(dir.resolve("data")).withPorts(0, -1)
                .withSecurity(credentials, dir.resolve("audit"), false);
        server = SluiceServer.start(defaults.withEngine(defaults.engine().withStatusDelays(0, 0, 0)
                .withLimits(LimitSettings.off())), Clock.system());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static KinesisClient client(String key, String secret) {
        return KinesisClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @Test
    void signaturesAreCheckedAgainstTheCredentialsFile() {
        try (KinesisClient alice = client("AKIAALICE", "alice-secret");
             KinesisClient stranger = client("AKIANOBODY", "whatever");
             KinesisClient impostor = client("AKIAALICE", "wrong-secret")) {
            assertThat(alice.listStreams().streamNames()).isNotNull();
            assertAwsError(stranger::listStreams, "UnrecognizedClientException");
            assertAwsError(impostor::listStreams, "InvalidSignatureException");
        }
    }

    @Test
    void identityPoliciesAllowAndDenyActions() {
        try (KinesisClient alice = client("AKIAALICE", "alice-secret");
             KinesisClient bob = client("AKIABOB", "bob-secret")) {
            bob.createStream(b -> b.streamName("bobs").shardCount(1));
            assertThat(bob.describeStreamSummary(b -> b.streamName("bobs")).streamDescriptionSummary().streamARN())
                    .isEqualTo("arn:aws:kinesis:eu-west-1:222222222222:stream/bobs");
            assertAwsError(() -> bob.putRecord(b -> b.streamName("bobs").partitionKey("k")
                    .data(SdkBytes.fromUtf8String("x"))), "AccessDeniedException");
            assertThat(assertAwsError(() -> bob.deleteStream(b -> b.streamName("bobs")), "AccessDeniedException")
                    .awsErrorDetails().errorMessage()).contains("arn:aws:iam::222222222222:user/bob")
                    .contains("kinesis:DeleteStream");
            alice.createStream(b -> b.streamName("alices").shardCount(1));
        }
    }

    @Test
    void theSameStreamNameInTwoAccountsIsTwoStreams() {
        try (KinesisClient alice = client("AKIAALICE", "alice-secret");
             KinesisClient bob = client("AKIABOB", "bob-secret")) {
            alice.createStream(b -> b.streamName("shared").shardCount(1));
            bob.createStream(b -> b.streamName("shared").shardCount(2));
            assertThat(alice.describeStreamSummary(b -> b.streamName("shared")).streamDescriptionSummary()
                    .openShardCount()).isEqualTo(1);
            assertThat(bob.describeStreamSummary(b -> b.streamName("shared")).streamDescriptionSummary()
                    .openShardCount()).isEqualTo(2);
            assertThat(bob.describeStreamSummary(b -> b.streamName("shared")).streamDescriptionSummary().streamARN())
                    .contains(":222222222222:");
        }
    }

    @Test
    void aResourcePolicyOpensAStreamToAnotherAccount() {
        String arn = "arn:aws:kinesis:eu-west-1:111111111111:stream/open-to-bob";
        try (KinesisClient alice = client("AKIAALICE", "alice-secret");
             KinesisClient bob = client("AKIABOB", "bob-secret")) {
            alice.createStream(b -> b.streamName("open-to-bob").shardCount(1));
            alice.putRecord(b -> b.streamName("open-to-bob").partitionKey("k").data(SdkBytes.fromUtf8String("hi")));
            assertAwsError(() -> bob.describeStreamSummary(b -> b.streamARN(arn)), "AccessDeniedException");
            alice.putResourcePolicy(b -> b.resourceARN(arn).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                    + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},"
                    + "\"Action\":[\"kinesis:DescribeStreamSummary\",\"kinesis:GetShardIterator\","
                    + "\"kinesis:GetRecords\"],\"Resource\":\"" + arn + "\"}]}"));
            assertThat(bob.describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary().streamName())
                    .isEqualTo("open-to-bob");
            String it = bob.getShardIterator(b -> b.streamARN(arn).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            assertThat(bob.getRecords(b -> b.shardIterator(it).streamARN(arn)).records()).hasSize(1);
            assertAwsError(() -> bob.deleteStream(b -> b.streamARN(arn)), "AccessDeniedException");
        }
    }

    @Test
    void controlPlaneCallsAreAudited() throws Exception {
        try (KinesisClient alice = client("AKIAALICE", "alice-secret")) {
            alice.createStream(b -> b.streamName("audited").shardCount(1));
            assertAwsError(() -> alice.describeStream(b -> b.streamName("no-such-stream")),
                    "ResourceNotFoundException");
        }
        List<String> lines;
        try (Stream<Path> files = Files.list(dir.resolve("audit"))) {
            lines = files.flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"eventName\":\"CreateStream\"")
                .contains("\"eventSource\":\"kinesis.amazonaws.com\"").contains("\"awsRegion\":\"eu-west-1\"")
                .contains("arn:aws:iam::111111111111:user/alice").contains("audited"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"eventName\":\"DescribeStream\"")
                .contains("\"errorCode\":\"ResourceNotFoundException\""));
    }

    @Test
    void aClockSkewOfMoreThanFiveMinutesIsRefused() throws Exception {
        ServerConfig skewed = ServerConfig.defaults(dir.resolve("skewed")).withPorts(0, -1)
                .withSecurity(dir.resolve("credentials.json"), null, false);
        SluiceServer ahead = SluiceServer.start(skewed,
                new io.sluice.common.ManualClock(System.currentTimeMillis() + 10 * 60_000));
        try (KinesisClient alice = KinesisClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + ahead.port())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAALICE", "alice-secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))).build()) {
            assertThat(assertAwsError(alice::listStreams, "InvalidSignatureException").awsErrorDetails()
                    .errorMessage()).contains("Signature expired");
        } finally {
            ahead.stop();
        }
    }

    @Test
    void boto3MeetsTheSameChecks() throws Exception {
        Process process = new ProcessBuilder("python3", Path.of(System.getProperty("sluice.python.dir",
                "src/test/python")).resolve("boto3_security.py").toString(), "http://127.0.0.1:" + server.port())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("checks passed");
    }

    @Test
    void boto3AnalyticsMeetsTheSameChecks() throws Exception {
        Process process = new ProcessBuilder("python3", Path.of(System.getProperty("sluice.python.dir",
                "src/test/python")).resolve("boto3_analytics_security.py").toString(),
                "http://127.0.0.1:" + server.port()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("checks passed");
    }

    @Test
    void anOpenServerOnANetworkAddressRefusesToStart() {
        ServerConfig open = new ServerConfig("0.0.0.0", 0, -1, null, null, dir.resolve("open"), null, null, false,
                ServerConfig.DEFAULT_MAX_BODY_BYTES, 100, 1000, io.sluice.engine.EngineConfig.defaults(),
                io.sluice.storage.LogConfig.defaults(),
                io.sluice.firehose.FirehoseConfig.defaults(dir.resolve("open/firehose")), null, dir.resolve("objects"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SluiceServer.start(open, Clock.system()))
                .hasMessageContaining("without authentication");
    }
}
