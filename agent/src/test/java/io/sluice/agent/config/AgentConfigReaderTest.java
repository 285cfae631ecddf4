package io.sluice.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.agent.config.FlowConfig.Destination;
import io.sluice.agent.config.FlowConfig.InitialPosition;
import io.sluice.agent.config.FlowConfig.PartitionKeyOption;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigReaderTest {

    private final AgentConfigReader reader = new AgentConfigReader(4);

    @Test
    void aMinimalFileGetsAwsDefaults() throws Exception {
        AgentConfig config = reader.read("""
                {"flows": [{"filePattern": "/var/log/app/*.log", "kinesisStream": "logs"}]}
                """);

        assertThat(config.kinesisEndpoint()).isNull();
        assertThat(config.credentials()).isNull();
        assertThat(config.checkpointFile()).isEqualTo(Path.of("/var/run/aws-kinesis-agent/checkpoints"));
        assertThat(config.checkpointTimeToLiveDays()).isEqualTo(7);
        assertThat(config.maxSendingThreads()).isEqualTo(48);
        assertThat(config.maxConnections()).isEqualTo(50);
        assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(50));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.progressInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.metricsPort()).isZero();
        FlowConfig flow = config.flows().get(0);
        assertThat(flow.id()).isEqualTo("/var/log/app/*.log->logs");
        assertThat(flow.destination()).isEqualTo(new Destination(Destination.Kind.KINESIS_STREAM, "logs"));
        assertThat(flow.partitionKeyOption()).isEqualTo(PartitionKeyOption.RANDOM);
        assertThat(flow.initialPosition()).isEqualTo(InitialPosition.END_OF_FILE);
        assertThat(flow.maxBufferAgeMillis()).isEqualTo(60_000);
        assertThat(flow.maxBufferSizeRecords()).isEqualTo(500);
        assertThat(flow.maxBufferSizeBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(flow.minTimeBetweenFilePollsMillis()).isEqualTo(100);
        assertThat(flow.maxTimeBetweenFileTrackerRefreshMillis()).isEqualTo(10_000);
        assertThat(flow.multiLineStartPattern()).isNull();
        assertThat(flow.skipHeaderLines()).isZero();
        assertThat(flow.truncatedRecordTerminator()).isEqualTo("\n");
        assertThat(flow.fileFooterPattern()).isNull();
        assertThat(flow.aggregatedRecordSizeBytes()).isZero();
        assertThat(flow.retryInitialBackoffMillis()).isEqualTo(100);
        assertThat(flow.retryMaxBackoffMillis()).isEqualTo(10_000);
        assertThat(flow.publishQueueCapacity()).isEqualTo(100);
        assertThat(flow.waitOnFullPublishQueueMillis()).isEqualTo(60_000);
        assertThat(flow.processing()).isEmpty();
    }

    @Test
    void aFirehoseFlowHasFirehoseLimits() throws Exception {
        FlowConfig flow = reader.read("""
                {"flows": [{"filePattern": "/a", "deliveryStream": "d", "aggregatedRecordSizeBytes": 4096}]}
                """).flows().get(0);

        assertThat(flow.destination().kind()).isEqualTo(Destination.Kind.DELIVERY_STREAM);
        assertThat(flow.destination().kind().maxRecordBytes()).isEqualTo(1000 * 1024);
        assertThat(flow.maxBufferSizeBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(flow.aggregatedRecordSizeBytes()).isEqualTo(4096);
    }

    @Test
    void readsAFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.json");
        Files.writeString(file, """
                {"kinesis.endpoint": "http://localhost:4567", "kinesis.region": "eu-west-1",
                 "flows": [{"filePattern": "/a", "kinesisStream": "s"}]}
                """);

        AgentConfig config = reader.read(file);

        assertThat(config.kinesisEndpoint()).isEqualTo(URI.create("http://localhost:4567"));
        assertThat(config.kinesisRegion()).isEqualTo("eu-west-1");
    }

    @Test
    void theConfigurationAwsDocumentsIsReadAsItIs() throws Exception {
        Path file = Path.of(getClass().getResource("/agent-json/aws-documented.json").toURI());

        AgentConfig config = reader.read(file);

        assertThat(config.kinesisEndpoint()).isNull();
        assertThat(config.firehoseEndpoint()).isEqualTo(URI.create("https://firehose.us-east-1.amazonaws.com"));
        assertThat(config.firehoseRegion()).isEqualTo("us-east-1");
        assertThat(config.flows()).extracting(FlowConfig::id)
                .containsExactly("/tmp/app.log*->yourkinesisstream", "/tmp/app.log*->yourdeliverystream");
        assertThat(config.flows().get(1).processing()).containsExactly(new ProcessingOption.SingleLine(),
                new ProcessingOption.CsvToJson(List.of("field1", "field2", "field3"), "\\t",
                        ProcessingOption.JsonFormat.COMPACT));
    }

    @Test
    void unknownKeysAreNamed() {
        assertThatThrownBy(() -> reader.read("""
                {"kinesisEndpoint": "x", "flows": [{"filePattern": "/a", "kinesisStream": "s", "maxBufferAge": 1}]}
                """))
                .isInstanceOf(AgentConfigException.class)
                .hasMessageContaining("kinesisEndpoint: unknown key")
                .hasMessageContaining("flows[0].maxBufferAge: unknown key");
    }
}
