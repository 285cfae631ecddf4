package io.sluice.e2e.flink;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.connector.kinesis.source.KinesisStreamsSource;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants.InitialPosition;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apache Flink's Kinesis connector in a Flink MiniCluster: one job writes records with the
 * {@code KinesisStreamsSink} (async client, Netty, HTTP/2 cleartext), a second job reads them back from
 * TRIM_HORIZON with the FLIP-27 {@code KinesisStreamsSource} (sync client, Apache HTTP, polling GetRecords) and
 * collects them until every record has arrived; then that job is cancelled.
 */
class FlinkKinesisE2eTest {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkKinesisE2eTest.class);
    private static final int RECORDS = 500;
    private static final String STREAM = "flink-a";

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static JsonNode call(String operation, String body) throws Exception {
        return SERVER.plain().call(operation, body);
    }

    /** The connector's AWS settings: Sluice's plain HTTP port, us-east-1, static dummy credentials. */
    private static Map<String, String> awsSettings() {
        return Map.of(
                "aws.region", "us-east-1",
                "aws.endpoint", "http://127.0.0.1:" + SERVER.port(),
                "aws.credentials.provider", "BASIC",
                "aws.credentials.provider.basic.accesskeyid", "AKIDFLINK",
                "aws.credentials.provider.basic.secretkey", "secret");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void recordsWrittenByTheSinkAreAllReadByTheSource() throws Exception {
        call("CreateStream", "{\"StreamName\":\"" + STREAM + "\",\"ShardCount\":2}");
        JsonNode summary = call("DescribeStreamSummary", "{\"StreamName\":\"" + STREAM + "\"}")
                .get("StreamDescriptionSummary");
        assertThat(summary.get("StreamStatus").asText()).isEqualTo("ACTIVE");
        String streamArn = summary.get("StreamARN").asText();

        Set<String> expected = IntStream.range(0, RECORDS).mapToObj(i -> "flink-record-" + i)
                .collect(Collectors.toSet());

        // Job 1: a bounded source of RECORDS strings into the KinesisStreamsSink.
        Properties clientProperties = new Properties();
        clientProperties.putAll(awsSettings());
        KinesisStreamsSink<String> sink = KinesisStreamsSink.<String>builder()
                .setKinesisClientProperties(clientProperties)
                .setSerializationSchema(new SimpleStringSchema())
                .setPartitionKeyGenerator(element -> Integer.toString(element.hashCode()))
                .setStreamName(STREAM)
                .setFailOnError(true)
                .build();
        StreamExecutionEnvironment writer = StreamExecutionEnvironment.createLocalEnvironment(2, jobConfig());
        writer.fromSequence(0, RECORDS - 1).map(i -> "flink-record-" + i).returns(Types.STRING).sinkTo(sink);
        JobClient writeJob = writer.executeAsync("write to Sluice");
        writeJob.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        LOG.info("the sink job finished");

        long stored = 0;
        for (JsonNode shard : call("ListShards", "{\"StreamName\":\"" + STREAM + "\"}").get("Shards")) {
            String iterator = call("GetShardIterator", "{\"StreamName\":\"" + STREAM + "\",\"ShardId\":\""
                    + shard.get("ShardId").asText() + "\",\"ShardIteratorType\":\"TRIM_HORIZON\"}")
                    .get("ShardIterator").asText();
            stored += call("GetRecords", "{\"ShardIterator\":\"" + iterator + "\",\"Limit\":10000}")
                    .get("Records").size();
        }
        assertThat(stored).as("records the sink stored").isEqualTo(RECORDS);

        // Job 2: the KinesisStreamsSource from TRIM_HORIZON, collected until every record is in, then cancelled.
        Configuration sourceConfig = new Configuration();
        awsSettings().forEach(sourceConfig::setString);
        sourceConfig.set(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION, InitialPosition.TRIM_HORIZON);
        KinesisStreamsSource<String> source = KinesisStreamsSource.<String>builder()
                .setStreamArn(streamArn)
                .setSourceConfig(sourceConfig)
                .setDeserializationSchema(new SimpleStringSchema())
                .build();
        StreamExecutionEnvironment reader = StreamExecutionEnvironment.createLocalEnvironment(2, jobConfig());
        CloseableIterator<String> results = reader
                .fromSource(source, WatermarkStrategy.noWatermarks(), "Sluice stream " + STREAM)
                .returns(Types.STRING)
                .collectAsync();
        JobClient readJob = reader.executeAsync("read from Sluice");
        ExecutorService collector = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> read = collector.submit(() -> {
                List<String> seen = new ArrayList<>();
                Set<String> missing = new HashSet<>(expected);
                while (!missing.isEmpty() && results.hasNext()) {
                    String record = results.next();
                    seen.add(record);
                    missing.remove(record);
                }
                return seen;
            });
            List<String> seen = read.get(90, TimeUnit.SECONDS);
            LOG.info("the source job delivered {} records", seen.size());
            assertThat(new HashSet<>(seen)).isEqualTo(expected);
            assertThat(seen).as("no record read twice").hasSize(RECORDS);
        } finally {
            collector.shutdownNow();
            results.close(); // cancels the job
            try {
                readJob.cancel().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException alreadyGone) {
                // closing the results cancelled the job (and its MiniCluster) first
            }
        }
    }

    /**
     * The local cluster's settings: no Hadoop delegation tokens. The server in this JVM brings Hadoop's client (for
     * Firehose's Parquet and ORC), which makes Flink ask Hadoop for the current user, and that fails on JDK 24+.
     */
    private static Configuration jobConfig() {
        Configuration config = new Configuration();
        config.setString("security.delegation.tokens.enabled", "false");
        return config;
    }
}
