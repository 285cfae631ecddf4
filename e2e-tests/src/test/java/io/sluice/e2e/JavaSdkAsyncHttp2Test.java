package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.sluice.e2e.Errors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The async Java SDK on Netty, which speaks HTTP/2 with prior knowledge for every call (as the KCL does):
 * many concurrent streams on one connection, CBOR bodies, and errors.
 */
class JavaSdkAsyncHttp2Test {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static KinesisAsyncClient client;

    @BeforeAll
    static void connect() {
        client = Clients.async(SERVER.endpoint());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void concurrentPutsOverOneHttp2ConnectionAreAllReadBack() {
        String name = KinesisContractTest.uniqueName("h2");
        client.createStream(b -> b.streamName(name).shardCount(2)).join();
        assertThat(client.describeStream(b -> b.streamName(name)).join().streamDescription().streamStatus())
                .isEqualTo(StreamStatus.ACTIVE);
        CompletableFuture<?>[] puts = IntStream.range(0, 200)
                .mapToObj(i -> client.putRecord(b -> b.streamName(name).partitionKey("pk-" + i)
                        .data(SdkBytes.fromUtf8String("v" + i))))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(puts).join();
        List<PutRecordsRequestEntry> batch = IntStream.range(0, 100)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("b-" + i)
                        .data(SdkBytes.fromUtf8String("b" + i)).build()).toList();
        PutRecordsResponse batchResponse = client.putRecords(b -> b.streamName(name).records(batch)).join();
        assertThat(batchResponse.failedRecordCount()).isZero();

        int total = 0;
        for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
            String it = client.getShardIterator(b -> b.streamName(name).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).join().shardIterator();
            GetRecordsResponse got = client.getRecords(b -> b.shardIterator(it)).join();
            total += got.records().size();
            got.records().forEach(r -> assertThat(r.approximateArrivalTimestamp())
                    .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5)));
        }
        assertThat(total).isEqualTo(300);
        assertThat(client.listShards(b -> b.streamName(name)).join().shards()).hasSize(2);
        assertThat(client.listStreams().join().streamNames()).contains(name);
    }

    @Test
    void errorsArriveOverHttp2WithTheirAwsTypes() {
        assertAwsError(() -> client.describeStreamSummary(b -> b.streamName("no-such-stream")).join(),
                "ResourceNotFoundException");
        assertAwsError(() -> client.getRecords(b -> b.shardIterator("garbage")).join(), "InvalidArgumentException");
        assertAwsError(() -> client.createStream(b -> b.streamName("bad name").shardCount(1)).join(),
                "ValidationException");
    }
}
