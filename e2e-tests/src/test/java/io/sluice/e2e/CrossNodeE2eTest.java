package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of one cluster, each reached directly through the AWS SDK (no proxy): what one node does, the other
 * sees; racing control-plane calls on both give one winner; a split through one node while the other takes puts
 * loses no acknowledged record; and a plain Kafka consumer of the stream's topic sees the records Kinesis serves.
 * Runs only in the cluster execution ({@code -Dsluice.e2e.backend=kafka}).
 */
@EnabledIfSystemProperty(named = SluiceServerExtension.BACKEND_PROPERTY, matches = "kafka")
class CrossNodeE2eTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static final String ACCOUNT = "000000000000";
    private static final long WAIT_MILLIS = 30_000;

    private static KinesisClient a;
    private static KinesisClient b;

    @BeforeAll
    static void connect() {
        a = Clients.sync(SERVER.nodeEndpoint(0), true, 0);
        b = Clients.sync(SERVER.nodeEndpoint(1), true, 0);
    }

    @AfterAll
    static void disconnect() {
        a.close();
        b.close();
    }

    @Test
    void aStreamCreatedThroughOneNodeTakesPutsThroughTheOtherAndServesThemThroughTheFirst() {
        String name = KinesisContractTest.uniqueName("cross");
        a.createStream(r -> r.streamName(name).shardCount(2));
        awaitActive(b, name);

        Map<String, String> sequenceToData = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            String data = "single-" + i;
            PutRecordResponse put = b.putRecord(r -> r.streamName(name).partitionKey("key-" + data)
                    .data(SdkBytes.fromUtf8String(data)));
            sequenceToData.put(put.sequenceNumber(), data);
        }
        PutRecordsResponse batch = b.putRecords(r -> r.streamName(name).records(IntStream.range(0, 20)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("batch-key-" + i)
                        .data(SdkBytes.fromUtf8String("batch-" + i)).build()).toList()));
        assertThat(batch.failedRecordCount()).isZero();
        for (int i = 0; i < 20; i++) {
            sequenceToData.put(batch.records().get(i).sequenceNumber(), "batch-" + i);
        }

        Map<String, String> read = new HashMap<>();
        for (Record record : readAll(a, name)) {
            read.put(record.sequenceNumber(), record.data().asUtf8String());
        }
        assertThat(read).isEqualTo(sequenceToData);
    }

    @Test
    void oneGetRecordsThroughOneNodeReturnsEveryRecordAcknowledgedThroughTheOther() {
        String name = KinesisContractTest.uniqueName("cross-read");
        a.createStream(r -> r.streamName(name).shardCount(1));
        awaitActive(b, name);
        b.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("first")));
        assertThat(readOnce(a, name)).containsExactly("first");

        PutRecordsResponse batch = b.putRecords(r -> r.streamName(name).records(IntStream.range(0, 100)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k")
                        .data(SdkBytes.fromUtf8String("next-" + i)).build()).toList()));
        assertThat(batch.failedRecordCount()).isZero();
        // as on one node: what was acknowledged before the call is in one GetRecords of 10,000 from the start
        assertThat(readOnce(a, name)).as("one GetRecords through the node that did not take the puts")
                .hasSize(101);
    }

    private static List<String> readOnce(KinesisClient node, String name) {
        String iterator = node.getShardIterator(r -> r.streamName(name).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return node.getRecords(r -> r.shardIterator(iterator).limit(10_000)).records().stream()
                .map(r -> r.data().asUtf8String()).toList();
    }

    @Test
    void aSubscriberOnOneNodeSeesPutsMadeOnTheOther() throws Exception {
        String name = KinesisContractTest.uniqueName("cross-sub");
        a.createStream(r -> r.streamName(name).shardCount(1));
        String consumerArn = a.registerStreamConsumer(r -> r.streamARN(streamArn(name)).consumerName("c"))
                .consumer().consumerARN();
        awaitActive(b, name);
        List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
        try (KinesisAsyncClient asyncA = Clients.async(SERVER.nodeEndpoint(0))) {
            CompletableFuture<Void> subscription = asyncA.subscribeToShard(r -> r.consumerARN(consumerArn)
                            .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.LATEST)),
                    SubscribeToShardResponseHandler.builder()
                            .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                                    .onSubscribeToShardEvent(events::add).build())
                            .build());
            waitUntil(() -> !events.isEmpty(), "the subscription's first event");

            List<String> put = IntStream.range(0, 30).mapToObj(i -> "pushed-" + i).toList();
            for (String data : put) {
                b.putRecord(r -> r.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String(data)));
            }
            waitUntil(() -> pushed(events).size() >= put.size(), "30 records pushed to the subscriber");
            assertThat(pushed(events)).containsExactlyElementsOf(put);
            subscription.cancel(true);
        }
    }

    @Test
    void twoNodesRacingToCreateTheSameStreamGiveOneSuccessAndOneResourceInUse() throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String name = KinesisContractTest.uniqueName("race");
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (KinesisClient node : List.of(a, b)) {
                    outcomes.add(racers.submit(() -> {
                        start.await();
                        try {
                            node.createStream(r -> r.streamName(name).shardCount(1));
                            return "created";
                        } catch (AwsServiceException e) {
                            return e.awsErrorDetails().errorCode();
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get());
                }
                assertThat(results).as("round %d", round)
                        .containsExactlyInAnyOrder("created", "ResourceInUseException");
                awaitActive(a, name);
                awaitActive(b, name);
                assertThat(a.describeStream(r -> r.streamName(name)).streamDescription().shards()).hasSize(1);
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @Test
    void aSplitThroughOneNodeWhileTheOtherTakesPutsLosesNoAcknowledgedRecord() throws Exception {
        String name = KinesisContractTest.uniqueName("cross-split");
        a.createStream(r -> r.streamName(name).shardCount(1));
        awaitActive(b, name);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService producers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> failures = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int producer = p;
            failures.add(producers.submit(() -> {
                int failed = 0;
                for (int i = 0; !stop.get(); i++) {
                    String data = "p" + producer + "-" + i;
                    try {
                        PutRecordResponse put = b.putRecord(r -> r.streamName(name).partitionKey("key-" + data)
                                .data(SdkBytes.fromUtf8String(data)));
                        acknowledged.put(data, put.shardId());
                    } catch (AwsServiceException e) {
                        failed++; // not acknowledged: may or may not be stored
                    }
                }
                return failed;
            }));
        }
        waitUntil(() -> acknowledged.size() >= 100, "100 puts before the split");
        a.splitShard(r -> r.streamName(name).shardToSplit("shardId-000000000000")
                .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
        int before = acknowledged.size();
        waitUntil(() -> acknowledged.size() >= before + 200, "200 puts after the split");
        stop.set(true);
        producers.shutdown();
        int failed = 0;
        for (Future<Integer> f : failures) {
            failed += f.get();
        }
        System.out.printf("%d puts acknowledged, %d refused%n", acknowledged.size(), failed);

        Map<String, Integer> seen = new HashMap<>();
        for (Record record : readAll(a, name)) {
            seen.merge(record.data().asUtf8String(), 1, Integer::sum);
        }
        assertThat(seen).as("no record is served twice").allSatisfy((data, count) -> assertThat(count).isOne());
        assertThat(seen.keySet()).as("every acknowledged record is served").containsAll(acknowledged.keySet());
        assertThat(acknowledged.values()).as("puts after the split went to the children")
                .contains("shardId-000000000001", "shardId-000000000002");
    }

    @Test
    void aPlainKafkaConsumerOfTheStreamsTopicSeesTheRecordsKinesisServes() throws Exception {
        String name = KinesisContractTest.uniqueName("topic");
        a.createStream(r -> r.streamName(name).shardCount(2));
        awaitActive(b, name);
        Set<List<String>> put = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String key = "key-" + i;
            String data = "before-" + i;
            PutRecordResponse response = b.putRecord(r -> r.streamName(name).partitionKey(key)
                    .data(SdkBytes.fromUtf8String(data)));
            put.add(List.of(Integer.toString(shardIndex(response.shardId())), key, data));
        }
        // a split writes a seal marker into the parent's partition, which a Kafka reader must skip
        a.splitShard(r -> r.streamName(name).shardToSplit("shardId-000000000000")
                .newStartingHashKey(BigInteger.ONE.shiftLeft(126).toString()));
        awaitActive(b, name);
        for (int i = 0; i < 20; i++) {
            String key = "key-" + i;
            String data = "after-" + i;
            PutRecordResponse response = b.putRecord(r -> r.streamName(name).partitionKey(key)
                    .data(SdkBytes.fromUtf8String(data)));
            put.add(List.of(Integer.toString(shardIndex(response.shardId())), key, data));
        }
        Set<List<String>> served = new HashSet<>();
        for (Record record : readAll(a, name)) {
            served.add(List.of(record.partitionKey(), record.data().asUtf8String()));
        }
        assertThat(served).isEqualTo(put.stream().map(p -> p.subList(1, 3)).collect(Collectors.toSet()));

        String topic = streamTopic(name);
        Set<List<String>> consumed = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVER.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            assertThat(partitions).as("two shards and the two children of one").hasSize(4);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (consumed.size() < put.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.headers().lastHeader("sluice.seal") != null) {
                        continue;
                    }
                    consumed.add(List.of(Integer.toString(record.partition()),
                            new String(record.key(), StandardCharsets.UTF_8),
                            new String(record.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        assertThat(consumed).isEqualTo(put);
    }

    @Test
    void aStreamCreatedRightAfterTheOtherNodesChangeHasOneTopic() throws Exception {
        // the other node's change takes the metadata writer over, so this node's create runs again (fenced once)
        b.createStream(r -> r.streamName(KinesisContractTest.uniqueName("other")).shardCount(1));
        String name = KinesisContractTest.uniqueName("one-topic");
        a.createStream(r -> r.streamName(name).shardCount(1));
        assertThat(streamTopics(name)).containsExactly(streamTopic(name));
    }

    /** The topic of this stream's incarnation, {@code <prefix>stream.<account>.<region>.<name>-<createdAt>}. */
    private static String streamTopic(String name) {
        long createdAt = a.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary()
                .streamCreationTimestamp().toEpochMilli();
        return SERVER.topicPrefix() + "stream." + ACCOUNT + ".us-east-1." + name + "-" + createdAt;
    }

    /** The stream topics in the broker whose stream has this name, whatever their creation time. */
    private static List<String> streamTopics(String name) throws Exception {
        String prefix = SERVER.topicPrefix() + "stream." + ACCOUNT + ".us-east-1." + name + "-";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SERVER.kafkaBootstrapServers()))) {
            return admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(prefix) && t.substring(prefix.length()).matches("[0-9]+")).toList();
        }
    }

    private static int shardIndex(String shardId) {
        return Integer.parseInt(shardId.substring("shardId-".length()));
    }

    private static String streamArn(String name) {
        return "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + name;
    }

    /** Every record of every shard, each shard read from its start to its end (closed) or to its tip (open). */
    private static List<Record> readAll(KinesisClient client, String name) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : client.listShards(r -> r.streamName(name)).shards()) {
            String iterator = client.getShardIterator(r -> r.streamName(name).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            BigInteger low = new BigInteger(shard.hashKeyRange().startingHashKey());
            BigInteger high = new BigInteger(shard.hashKeyRange().endingHashKey());
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = client.getRecords(r -> r.shardIterator(current).limit(1000));
                for (Record record : response.records()) {
                    BigInteger hash = hashKey(record.partitionKey());
                    assertThat(hash).as("%s served by %s", record.partitionKey(), shard.shardId())
                            .isBetween(low, high);
                    records.add(record);
                }
                boolean atOpenTip = shard.sequenceNumberRange().endingSequenceNumber() == null
                        && response.records().isEmpty() && response.millisBehindLatest() == 0;
                iterator = atOpenTip ? null : response.nextShardIterator();
            }
        }
        return records;
    }

    private static BigInteger hashKey(String partitionKey) {
        try {
            return new BigInteger(1, MessageDigest.getInstance("MD5")
                    .digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> pushed(List<SubscribeToShardEvent> events) {
        return events.stream().flatMap(e -> e.records().stream()).map(r -> r.data().asUtf8String()).toList();
    }

    /** Waits until the node sees the stream ACTIVE: control-plane changes reach other nodes through Kafka. */
    private static void awaitActive(KinesisClient node, String name) {
        waitUntil(() -> {
            try {
                return node.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary()
                        .streamStatus() == StreamStatus.ACTIVE;
            } catch (AwsServiceException notYet) {
                return false;
            }
        }, name + " ACTIVE");
    }

    private static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
