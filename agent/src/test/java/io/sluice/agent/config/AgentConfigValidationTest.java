package io.sluice.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** agent.json's top-level keys: values, defaults, refused keys, and every problem reported at once. */
class AgentConfigValidationTest {

    private static final String FLOWS = "\"flows\": [{\"filePattern\": \"/a\", \"kinesisStream\": \"s\"}]";
    private final AgentConfigReader reader = new AgentConfigReader(2);

    private AgentConfig read(String topKeys) throws AgentConfigException {
        return reader.read("{" + topKeys + (topKeys.isEmpty() ? "" : ", ") + FLOWS + "}");
    }

    private AgentConfigException problems(String topKeys) {
        return catchThrowableOfType(AgentConfigException.class, () -> read(topKeys));
    }

    @Test
    void everyTopLevelKeyIsRead() throws Exception {
        AgentConfig config = read("""
                "cloudwatch.emitMetrics": false, "cloudwatch.endpoint": "monitoring.us-east-1.amazonaws.com",
                "cloudwatch.namespace": "Mine", "kinesis.endpoint": "http://localhost:4567",
                "kinesis.region": "us-west-2", "firehose.endpoint": "https://firehose.eu-central-1.amazonaws.com",
                "sts.endpoint": "https://sts.amazonaws.com",
                "awsAccessKeyId": "AKID", "awsSecretAccessKey": "SECRET", "checkpointFile": "/tmp/cp",
                "checkpointTimeToLiveDays": 3, "maxSendingThreads": "7", "maxConnections": 9,
                "connectionTimeoutMillis": 1500, "socketTimeoutMillis": 2500, "useHttpGzip": "true",
                "shutdownTimeoutMillis": 4000, "log.level": "DEBUG", "log.file": "/var/log/agent.log",
                "log.statusReportingPeriodSeconds": 15, "sluice.metricsPort": 9100""");

        assertThat(config.kinesisEndpoint()).isEqualTo(URI.create("http://localhost:4567"));
        assertThat(config.kinesisRegion()).isEqualTo("us-west-2");
        assertThat(config.firehoseEndpoint()).isEqualTo(URI.create("https://firehose.eu-central-1.amazonaws.com"));
        assertThat(config.firehoseRegion()).isEqualTo("eu-central-1");
        assertThat(config.credentials()).isEqualTo(new AgentConfig.StaticCredentials("AKID", "SECRET"));
        assertThat(config.credentials().toString()).doesNotContain("SECRET");
        assertThat(config.checkpointFile()).hasToString("/tmp/cp");
        assertThat(config.checkpointTimeToLiveDays()).isEqualTo(3);
        assertThat(config.maxSendingThreads()).isEqualTo(7);
        assertThat(config.maxConnections()).isEqualTo(9);
        assertThat(config.connectionTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.socketTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.useHttpGzip()).isTrue();
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.progressInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.metricsPort()).isEqualTo(9100);
    }

    @Test
    void sendingThreadsDefaultToThreadsPerCoreTimesCores() throws Exception {
        AgentConfig config = read("\"maxSendingThreadsPerCore\": 30");

        assertThat(config.maxSendingThreads()).isEqualTo(60);
        assertThat(config.maxConnections()).isEqualTo(60);
    }

    @Test
    void anEndpointWithoutSchemeIsHttpsAndNamesItsRegion() throws Exception {
        AgentConfig config = read("\"kinesis.endpoint\": \"kinesis.ap-southeast-2.amazonaws.com\", "
                + "\"firehose.endpoint\": \"http://127.0.0.1:4567\", \"firehose.region\": \"eu-west-3\"");

        assertThat(config.kinesisEndpoint()).isEqualTo(URI.create("https://kinesis.ap-southeast-2.amazonaws.com"));
        assertThat(config.kinesisRegion()).isEqualTo("ap-southeast-2");
        assertThat(config.firehoseRegion()).isEqualTo("eu-west-3");
    }

    @Test
    void progressIntervalIsSluicesNameForTheStatusPeriod() throws Exception {
        assertThat(read("\"log.progressInterval\": 5").progressInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(problems("\"log.progressInterval\": 5, \"log.statusReportingPeriodSeconds\": 6").problems())
                .containsExactly("log.progressInterval: give log.progressInterval or "
                        + "log.statusReportingPeriodSeconds, not both");
    }

    @Test
    void assumeRoleAndCustomCredentialProvidersAreRefusedAsNotSupportedYet() {
        AgentConfigException e = problems("\"assumeRoleARN\": \"arn:aws:iam::123456789012:role/r\", "
                + "\"assumeRoleExternalId\": \"x\", \"userDefinedCredentialsProvider.classname\": \"a.B\", "
                + "\"userDefinedCredentialsProvider.location\": \"/opt/b.jar\"");

        assertThat(e.problems()).hasSize(4).allSatisfy(p -> assertThat(p).contains("not supported yet"));
        assertThat(e.problems().get(0)).startsWith("assumeRoleARN: ");
        assertThat(e.problems().get(2)).startsWith("userDefinedCredentialsProvider.classname: ");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingKeyAndValue() {
        AgentConfigException e = problems("""
                "checkpointTimeToLiveDays": 0, "useHttpGzip": "maybe", "kinesis.endpoint": "ftp://x",
                "awsAccessKeyId": "AKID", "log.level": "LOUD", "sluice.metricsPort": 70000, "bogus": 1""");

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "checkpointTimeToLiveDays: 0 is out of range 1..3650",
                "useHttpGzip: \"maybe\" is not true or false",
                "kinesis.endpoint: \"ftp://x\" is not an http(s) URL or host name",
                "awsSecretAccessKey: missing: awsAccessKeyId and awsSecretAccessKey go together",
                "log.level: \"LOUD\" is not one of TRACE, DEBUG, INFO, WARN, ERROR",
                "sluice.metricsPort: 70000 is out of range 0..65535",
                "bogus: unknown key");
        assertThat(e).hasMessageStartingWith("agent.json has 7 problems: ");
    }

    @Test
    void invalidJsonIsReportedWithItsPlace() {
        assertThatThrownBy(() -> reader.read("{\"flows\": [\n  {\"filePattern\": }\n]}"))
                .isInstanceOf(AgentConfigException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 2");
    }

    @Test
    void aKeyGivenTwiceIsReported() {
        assertThatThrownBy(() -> reader.read("{\"maxConnections\": 1, \"maxConnections\": 2, " + FLOWS + "}"))
                .isInstanceOf(AgentConfigException.class)
                .hasMessageContaining("maxConnections");
    }

    @Test
    void flowsAreRequired() {
        assertThatThrownBy(() -> reader.read("{}"))
                .isInstanceOf(AgentConfigException.class)
                .hasMessage("agent.json: flows: missing: at least one flow is needed");
        assertThatThrownBy(() -> reader.read("{\"flows\": []}"))
                .hasMessageContaining("flows: [] is not a non-empty list of flows");
    }
}
