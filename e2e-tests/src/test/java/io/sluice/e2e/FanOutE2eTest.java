package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.sluice.e2e.Errors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/** Enhanced fan-out through the async Java SDK over HTTP/2: consumers and SubscribeToShard. */
class FanOutE2eTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static KinesisClient sync;
    private static KinesisAsyncClient async;

    @BeforeAll
    static void connect() {
        sync = Clients.sync(SERVER.endpoint(), true, 0);
        async = Clients.async(SERVER.endpoint());
    }

    @AfterAll
    static void disconnect() {
        sync.close();
        async.close();
    }

    private static String streamArn(String name) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
    }

    @Test
    void consumersAreRegisteredDescribedListedAndDeregistered() {
        String name = KinesisContractTest.uniqueName("efo");
        sync.createStream(b -> b.streamName(name).shardCount(1));
        Consumer consumer = sync.registerStreamConsumer(b -> b.streamARN(streamArn(name)).consumerName("app"))
                .consumer();
        assertThat(consumer.consumerARN()).startsWith(streamArn(name) + "/consumer/app:");
        assertThat(sync.describeStreamConsumer(b -> b.consumerARN(consumer.consumerARN())).consumerDescription()
                .consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        assertThat(sync.describeStreamConsumer(b -> b.streamARN(streamArn(name)).consumerName("app"))
                .consumerDescription().streamARN()).isEqualTo(streamArn(name));
        assertAwsError(() -> sync.registerStreamConsumer(b -> b.streamARN(streamArn(name)).consumerName("app")),
                "ResourceInUseException");
        sync.registerStreamConsumer(b -> b.streamARN(streamArn(name)).consumerName("other"));
        assertThat(sync.listStreamConsumers(b -> b.streamARN(streamArn(name))).consumers())
                .extracting(Consumer::consumerName).containsExactly("app", "other");
        assertThat(sync.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().consumerCount())
                .isEqualTo(2);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"111122223333\"},\"Action\":\"kinesis:SubscribeToShard\",\"Resource\":\"*\"}]}";
        sync.putResourcePolicy(b -> b.resourceARN(consumer.consumerARN()).policy(policy));
        assertThat(sync.getResourcePolicy(b -> b.resourceARN(consumer.consumerARN())).policy()).isEqualTo(policy);
        sync.tagResource(b -> b.resourceARN(consumer.consumerARN()).tags(java.util.Map.of("app", "billing")));
        assertThat(sync.listTagsForResource(b -> b.resourceARN(consumer.consumerARN())).tags()).hasSize(1);
        assertAwsError(() -> sync.deleteStream(b -> b.streamName(name)), "ResourceInUseException");
        sync.deregisterStreamConsumer(b -> b.consumerARN(consumer.consumerARN()));
        assertAwsError(() -> sync.describeStreamConsumer(b -> b.consumerARN(consumer.consumerARN()
                .replace(":" + consumer.consumerARN().substring(consumer.consumerARN().lastIndexOf(':') + 1), ":1"))),
                "ResourceNotFoundException");
        sync.deleteStream(b -> b.streamName(name).enforceConsumerDeletion(true));
    }

    @Test
    void subscriptionPushesRecordsAsTheyArriveAndEndsWithChildShardsAfterASplit() throws Exception {
        String name = KinesisContractTest.uniqueName("sub");
        sync.createStream(b -> b.streamName(name).shardCount(1));
        String consumerArn = sync.registerStreamConsumer(b -> b.streamARN(streamArn(name)).consumerName("c"))
                .consumer().consumerARN();
        List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = async.subscribeToShard(b -> b.consumerARN(consumerArn)
                        .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.LATEST)),
                SubscribeToShardResponseHandler.builder()
                        .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                                .onSubscribeToShardEvent(events::add).build())
                        .build());
        waitUntil(() -> !events.isEmpty());
        assertAwsError(() -> async.subscribeToShard(b -> b.consumerARN(consumerArn).shardId("shardId-000000000000")
                        .startingPosition(p -> p.type(ShardIteratorType.LATEST)),
                SubscribeToShardResponseHandler.builder().subscriber(e -> { }).build()).join(),
                "ResourceInUseException");

        for (int i = 0; i < 50; i++) {
            int n = i;
            sync.putRecord(b -> b.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("r" + n)));
        }
        waitUntil(() -> records(events).size() == 50);
        assertThat(records(events)).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> "r" + i).toList());
        SubscribeToShardEvent last = events.getLast();
        assertThat(last.continuationSequenceNumber()).isNotNull();
        assertThat(last.millisBehindLatest()).isZero();

        sync.splitShard(b -> b.streamName(name).shardToSplit("shardId-000000000000")
                .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
        done.get(30, TimeUnit.SECONDS);
        SubscribeToShardEvent end = events.getLast();
        assertThat(end.continuationSequenceNumber()).isNull();
        assertThat(end.childShards()).hasSize(2);
        assertThat(end.childShards().get(0).parentShards()).containsExactly("shardId-000000000000");
    }

    @Test
    void subscriptionStartsAtTrimHorizonAndAtASequenceNumber() throws Exception {
        String name = KinesisContractTest.uniqueName("sub-pos");
        sync.createStream(b -> b.streamName(name).shardCount(1));
        String second = null;
        for (int i = 0; i < 3; i++) {
            int n = i;
            String seq = sync.putRecord(b -> b.streamName(name).partitionKey("k")
                    .data(SdkBytes.fromUtf8String("p" + n))).sequenceNumber();
            second = i == 1 ? seq : second;
        }
        String consumerArn = sync.registerStreamConsumer(b -> b.streamARN(streamArn(name)).consumerName("c"))
                .consumer().consumerARN();
        String otherArn = sync.registerStreamConsumer(b -> b.streamARN(streamArn(name)).consumerName("d"))
                .consumer().consumerARN();
        assertThat(collect(consumerArn, ShardIteratorType.TRIM_HORIZON, null, 3)).containsExactly("p0", "p1", "p2");
        assertThat(collect(otherArn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second, 1)).containsExactly("p2");
    }

    private static List<String> collect(String consumerArn, ShardIteratorType type, String sequence, int expected)
            throws Exception {
        List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = async.subscribeToShard(b -> b.consumerARN(consumerArn)
                        .shardId("shardId-000000000000")
                        .startingPosition(p -> p.type(type).sequenceNumber(sequence)),
                SubscribeToShardResponseHandler.builder().subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                        .onSubscribeToShardEvent(events::add).build()).build());
        waitUntil(() -> records(events).size() >= expected);
        done.cancel(true);
        return records(events);
    }

    private static List<String> records(List<SubscribeToShardEvent> events) {
        return events.stream().flatMap(e -> e.records().stream()).map(r -> r.data().asUtf8String()).toList();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition within 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
