package io.sluice.e2e.kpl;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;
import software.amazon.kinesis.producer.UserRecordResult;
import software.amazon.kinesis.producer.protobuf.Messages;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis Producer Library itself (its native daemon, HTTP/1.1 over TLS, certificate checks off, metrics off)
 * writes aggregated records into Sluice; every user record comes back out of the aggregates.
 */
class KplE2eTest {

    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static JsonNode call(String operation, String body) throws Exception {
        return SERVER.plain().call(operation, body);
    }

    @Test
    void kplAggregatesArriveAndHoldEveryUserRecord() throws Exception {
        call("CreateStream", "{\"StreamName\":\"kpl\",\"ShardCount\":2}");
        KinesisProducerConfiguration config = new KinesisProducerConfiguration()
                .setKinesisEndpoint("localhost")
                .setKinesisPort(SERVER.tlsPort())
                .setVerifyCertificate(false)
                .setMetricsLevel("none")
                .setRegion("us-east-1")
                // long enough for the burst below to be collected and aggregated per shard
                .setRecordMaxBufferedTime(2000)
                .setCredentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDKPL", "secret")));
        KinesisProducer producer = new KinesisProducer(config);
        List<Future<UserRecordResult>> results = new ArrayList<>();
        try {
            // one record first, so that the daemon has learnt the stream's shards before the burst
            assertThat(producer.addUserRecord("kpl", "warm-up", ByteBuffer.wrap(
                    "user-record-warm-up".getBytes(StandardCharsets.UTF_8))).get(60, TimeUnit.SECONDS).isSuccessful())
                    .isTrue();
            for (int i = 0; i < 200; i++) {
                results.add(producer.addUserRecord("kpl", "key-" + i,
                        ByteBuffer.wrap(("user-record-" + i).getBytes(StandardCharsets.UTF_8))));
            }
            producer.flushSync();
            for (Future<UserRecordResult> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS).isSuccessful()).isTrue();
            }
        } finally {
            producer.destroy();
        }
        List<String> userRecords = new ArrayList<>();
        int aggregates = 0;
        for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
            String it = call("GetShardIterator", "{\"StreamName\":\"kpl\",\"ShardId\":\"" + shard
                    + "\",\"ShardIteratorType\":\"TRIM_HORIZON\"}").get("ShardIterator").asText();
            for (JsonNode record : call("GetRecords", "{\"ShardIterator\":\"" + it + "\"}").get("Records")) {
                byte[] data = Base64.getDecoder().decode(record.get("Data").asText());
                if (data.length > 20 && Arrays.equals(Arrays.copyOf(data, 4), MAGIC)) {
                    aggregates++;
                    Messages.AggregatedRecord aggregate = Messages.AggregatedRecord.parseFrom(
                            Arrays.copyOfRange(data, 4, data.length - 16));
                    aggregate.getRecordsList().forEach(r -> userRecords.add(r.getData().toStringUtf8()));
                } else {
                    userRecords.add(new String(data, StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(aggregates).as("the KPL aggregated").isPositive();
        assertThat(userRecords).hasSize(201).doesNotHaveDuplicates()
                .allSatisfy(r -> assertThat(r).startsWith("user-record-"));
    }
}
