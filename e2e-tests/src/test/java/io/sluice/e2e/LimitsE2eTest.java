package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import io.sluice.engine.limits.LimitSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;

import static io.sluice.e2e.Errors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aws limits profile through the SDK: per-record throttling in PutRecords, throttled reads, control-plane
 * rates, and the metrics that count them. The SDK's own retries are off so that the server's answers show.
 */
class LimitsE2eTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension(0, LimitSettings.aws());

    private static KinesisClient client;

    @BeforeAll
    static void connect() {
        client = Clients.sync(SERVER.endpoint(), true, 0);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aShardTakesAThousandRecordsASecondAndThrottlesTheRestPerRecord() throws Exception {
        String name = KinesisContractTest.uniqueName("limits");
        client.createStream(b -> b.streamName(name).shardCount(1));
        List<PutRecordsRequestEntry> batch = IntStream.range(0, 500)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k").data(SdkBytes.fromUtf8String("r"))
                        .build()).toList();
        int throttled = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            PutRecordsResponse response = client.putRecords(b -> b.streamName(name).records(batch));
            throttled += response.failedRecordCount();
            response.records().stream().filter(r -> r.errorCode() != null).forEach(r -> {
                assertThat(r.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                assertThat(r.errorMessage()).contains("Rate exceeded for shard shardId-000000000000");
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int admitted = 3000 - throttled;
        assertThat(throttled).isPositive();
        assertThat((double) admitted).as("a bucket of 1000 records refilling at 1000/s for %.3f s", seconds)
                .isLessThanOrEqualTo(1000 + 1000 * (seconds + 0.05));

        String it = client.getShardIterator(b -> b.streamName(name).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertAwsError(() -> {
            for (int i = 0; i < 10; i++) {
                client.getRecords(b -> b.shardIterator(it).limit(1));
            }
        }, "ProvisionedThroughputExceededException");

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SERVER.endpoint()
                + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("WriteProvisionedThroughputExceeded_total{StreamName=\"" + name + "\"}")
                .contains("ReadProvisionedThroughputExceeded_total{StreamName=\"" + name + "\"}")
                .contains("IncomingRecords_total{StreamName=\"" + name + "\"}")
                .contains("PutRecords_Latency_seconds");
    }

    @Test
    void controlPlaneCallsBeyondTheAccountRateAreLimitExceeded() {
        assertAwsError(() -> {
            for (int i = 0; i < 30; i++) {
                client.listStreams();
            }
        }, "LimitExceededException");
    }
}
