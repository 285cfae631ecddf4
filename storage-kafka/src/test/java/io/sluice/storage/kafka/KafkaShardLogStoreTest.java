package io.sluice.storage.kafka;

import io.sluice.engine.store.ShardLogHandle;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.ReadResult;
import io.sluice.storage.StoredRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.sluice.common.UnsupportedFormatVersionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaShardLogStoreTest {

    private static final String DIR = "123456789012/us-east-1/orders-1700000000000";
    private static final String SHARD_0 = DIR + "/shardId-000000000000";
    private static final String SHARD_1 = DIR + "/shardId-000000000001";
    private static final String SHARD_3 = DIR + "/shardId-000000000003";
    private static final long DAY = 86_400_000L;

    private static KafkaBroker broker;
    private static Admin admin;

    private final List<KafkaShardLogStore> stores = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    @BeforeEach
    void prefix(TestInfo test) {
        prefix = "t." + test.getTestMethod().orElseThrow().getName() + ".";
    }

    @AfterEach
    void closeStores() {
        stores.forEach(KafkaShardLogStore::close);
    }

    @Test
    void appendedRecordsAreReadBackWithTheirOffsetsFlagsKeysAndArrivalTimes() throws Exception {
        KafkaShardLogStore store = store("a");
        ShardLogHandle log = store.open(SHARD_0);
        long before = System.currentTimeMillis();

        long first = get(store.append(log, List.of(rec(0, "k1", "one"), rec(1, "k2", "two"), rec(0, "k3", "three"))));
        long second = get(store.append(log, List.of(rec(7, "k4", "four"), rec(0, "", ""))));
        long after = System.currentTimeMillis();
        ReadResult all = log.read(0, 100, Long.MAX_VALUE);

        assertThat(first).isZero();
        assertThat(second).isEqualTo(3);
        assertThat(all.nextOffset()).isEqualTo(5);
        assertThat(all.records()).extracting(StoredRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(all.records()).extracting(StoredRecord::flags)
                .containsExactly((byte) 0, (byte) 1, (byte) 0, (byte) 7, (byte) 0);
        assertThat(all.records()).extracting(r -> text(r.partitionKey())).containsExactly("k1", "k2", "k3", "k4", "");
        assertThat(all.records()).extracting(r -> text(r.data())).containsExactly("one", "two", "three", "four", "");
        assertThat(all.records()).allSatisfy(r -> assertThat(r.timestamp()).isBetween(before - 1000, after + 1000));
        assertThat(all.records()).extracting(StoredRecord::timestamp).isSorted();
        assertThat(log.endOffset()).isEqualTo(5);
        assertThat(log.startOffset()).isZero();
    }

    @Test
    void readsStopAtTheRecordAndByteLimitsAndAtTheEnd() throws Exception {
        KafkaShardLogStore store = store("a");
        ShardLogHandle log = store.open(SHARD_0);
        get(store.append(log, List.of(rec(0, "k", "aaaa"), rec(0, "k", "bbbb"), rec(0, "k", "cccc"))));

        ReadResult two = log.read(0, 2, Long.MAX_VALUE);
        ReadResult byBytes = log.read(0, 100, 9);
        ReadResult oversized = log.read(1, 100, 1);
        ReadResult atEnd = log.read(3, 100, Long.MAX_VALUE);
        ReadResult pastEnd = log.read(42, 100, Long.MAX_VALUE);

        assertThat(two.records()).extracting(StoredRecord::offset).containsExactly(0L, 1L);
        assertThat(two.nextOffset()).isEqualTo(2);
        assertThat(byBytes.records()).extracting(StoredRecord::offset).containsExactly(0L, 1L);
        assertThat(oversized.records()).extracting(StoredRecord::offset).containsExactly(1L);
        assertThat(oversized.nextOffset()).isEqualTo(2);
        assertThat(atEnd.records()).isEmpty();
        assertThat(atEnd.nextOffset()).isEqualTo(3);
        assertThat(pastEnd.records()).isEmpty();
        assertThat(pastEnd.nextOffset()).isEqualTo(3);
    }

    @Test
    void aReadBelowTheLogStartContinuesAtTheStart() throws Exception {
        KafkaShardLogStore store = store("a");
        ShardLogHandle log = store.open(SHARD_0);
        get(store.append(log, List.of(rec(0, "k", "0"), rec(0, "k", "1"), rec(0, "k", "2"), rec(0, "k", "3"))));
        TopicPartition partition = new TopicPartition(topic(), 0);
        admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(2))).all().get(30, TimeUnit.SECONDS);

        ReadResult read = log.read(0, 100, Long.MAX_VALUE);

        assertThat(log.startOffset()).isEqualTo(2);
        assertThat(read.records()).extracting(StoredRecord::offset).containsExactly(2L, 3L);
        assertThat(read.nextOffset()).isEqualTo(4);
    }

    @Test
    void openingAnOpenLogAgainGivesTheSameHandle() throws Exception {
        KafkaShardLogStore store = store("a");

        assertThat(store.open(SHARD_0)).isSameAs(store.open(SHARD_0));
        assertThat(store.open(SHARD_1)).isNotSameAs(store.open(SHARD_0));
    }

    @Test
    void theStreamTopicHoldsOnePartitionPerShardWithArrivalTimestampsAndRetention() throws Exception {
        KafkaShardLogStore one = store("a");
        KafkaShardLogStore other = store("b");
        one.open(SHARD_0);

        ShardLogHandle third = other.open(SHARD_3);
        ShardLogHandle firstAgain = one.open(SHARD_0);
        long offset = get(other.append(third, List.of(rec(0, "k", "v"))));
        one.retain(DIR, 3_600_000L);

        assertThat(topic()).isEqualTo(prefix + "stream.123456789012.us-east-1.orders-1700000000000");
        assertThat(admin.describeTopics(List.of(topic())).allTopicNames().get().get(topic()).partitions()).hasSize(4);
        assertThat(offset).isZero();
        assertThat(firstAgain.endOffset()).isZero();
        var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic())))
                .all().get().values().iterator().next();
        assertThat(config.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
        assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
    }

    @Test
    void twoNodesOpeningOneTopicAtOnceBothSucceed() throws Exception {
        KafkaShardLogStore one = store("a");
        KafkaShardLogStore other = store("b");

        CompletableFuture<ShardLogHandle> a = CompletableFuture.supplyAsync(() -> open(one, SHARD_3));
        CompletableFuture<ShardLogHandle> b = CompletableFuture.supplyAsync(() -> open(other, SHARD_1));

        assertThat(a.get(60, TimeUnit.SECONDS).name()).isEqualTo(SHARD_3);
        assertThat(b.get(60, TimeUnit.SECONDS).name()).isEqualTo(SHARD_1);
        assertThat(admin.describeTopics(List.of(topic())).allTopicNames().get().get(topic()).partitions()).hasSize(4);
    }

    @Test
    void aNodeSeesAppendsMadeThroughAnother() throws Exception {
        KafkaShardLogStore nodeA = store("a");
        KafkaShardLogStore nodeB = store("b");
        ShardLogHandle onA = nodeA.open(SHARD_0);
        ShardLogHandle onB = nodeB.open(SHARD_0);
        CompletableFuture<Void> woken = onA.appendedPast(0);
        assertThat(woken).isNotDone();

        long offset = get(nodeB.append(onB, List.of(rec(0, "k", "from b"))));
        woken.get(30, TimeUnit.SECONDS);

        assertThat(offset).isZero();
        assertThat(onA.endOffset()).isEqualTo(1);
        assertThat(onA.read(0, 10, Long.MAX_VALUE).records()).extracting(r -> text(r.data()))
                .containsExactly("from b");
        assertThat(onA.appendedPast(0)).succeedsWithin(Duration.ofSeconds(30));
        assertThat(get(nodeA.append(onA, List.of(rec(0, "k", "from a"))))).isEqualTo(1);
        assertThat(onB.read(1, 10, Long.MAX_VALUE).records()).extracting(r -> text(r.data()))
                .containsExactly("from a");
    }

    @Test
    void batchesOfTwoNodesInterleavedOnOnePartitionReportWhereEachRecordLanded() throws Exception {
        KafkaShardLogStore nodeA = store("a");
        KafkaShardLogStore nodeB = store("b");
        ShardLogHandle onA = nodeA.open(SHARD_0);
        ShardLogHandle onB = nodeB.open(SHARD_0);
        String padding = "x".repeat(1000);
        Map<String, CompletableFuture<long[]>> appends = new java.util.LinkedHashMap<>();
        Map<String, List<AppendRecord>> batches = new java.util.HashMap<>();
        for (int round = 0; round < 10; round++) {
            for (String node : List.of("a", "b")) {
                List<AppendRecord> batch = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    batch.add(rec(0, node, node + "-" + round + "-" + i + "-" + padding));
                }
                String id = node + round;
                batches.put(id, batch);
                appends.put(id, node.equals("a") ? nodeA.appendEach(onA, batch) : nodeB.appendEach(onB, batch));
            }
        }

        Map<Long, String> stored = new java.util.HashMap<>();
        for (long next = 0; next < 10_000; ) {
            ReadResult read = onA.read(next, 10_000, Long.MAX_VALUE);
            read.records().forEach(r -> stored.put(r.offset(), text(r.data())));
            next = read.nextOffset();
        }

        assertThat(stored).hasSize(10_000);
        for (var append : appends.entrySet()) {
            long[] offsets = get(append.getValue());
            List<AppendRecord> batch = batches.get(append.getKey());
            assertThat(offsets).hasSize(batch.size()).isSorted();
            for (int i = 0; i < offsets.length; i++) {
                assertThat(stored.get(offsets[i])).isEqualTo(text(batch.get(i).data()));
            }
        }
    }

    @Test
    void aCancelledWaiterIsDroppedAndOthersStillWake() throws Exception {
        KafkaShardLogStore nodeA = store("a");
        KafkaShardLogStore nodeB = store("b");
        ShardLogHandle onA = nodeA.open(SHARD_0);
        ShardLogHandle onB = nodeB.open(SHARD_0);
        CompletableFuture<Void> cancelled = onA.appendedPast(0);
        CompletableFuture<Void> later = onA.appendedPast(1);
        CompletableFuture<Void> now = onA.appendedPast(0);
        cancelled.cancel(false);

        get(nodeB.append(onB, List.of(rec(0, "k", "v"))));

        assertThat(now).succeedsWithin(Duration.ofSeconds(30));
        assertThat(later).isNotDone();
        get(nodeB.append(onB, List.of(rec(0, "k", "v"))));
        assertThat(later).succeedsWithin(Duration.ofSeconds(30));
    }

    @Test
    void readsInRandomStepsAcrossShardsReturnEveryRecordOnceInOrderAndStopAtTheSeal() throws Exception {
        long seed = System.nanoTime();
        System.out.println("random read steps, seed " + seed);
        Random random = new Random(seed);
        KafkaShardLogStore store = store("a");
        KafkaShardLogStore lagging = store("b");
        ShardLogHandle[] logs = {store.open(SHARD_0), store.open(SHARD_1)};
        int perShard = 2_500;
        for (int shard = 0; shard < 2; shard++) {
            for (int first = 0; first < perShard; first += 250) {
                List<AppendRecord> batch = new ArrayList<>();
                for (int i = first; i < first + 250; i++) {
                    batch.add(rec(0, "k" + i, "s" + shard + "-" + i));
                }
                get(store.append(logs[shard], batch));
            }
        }
        assertThat(get(store.seal(logs[0], System.currentTimeMillis()))).isEqualTo(perShard);
        get(lagging.append(lagging.open(SHARD_0), List.of(rec(0, "k", "after the seal"))));

        long[] next = new long[2];
        List<List<String>> read = List.of(new ArrayList<>(), new ArrayList<>());
        for (int step = 0; step < 10_000 && (next[0] < perShard || next[1] < perShard); step++) {
            int shard = random.nextInt(2);
            boolean again = random.nextInt(10) == 0; // now and then a read from an earlier offset
            long from = again ? random.nextLong(next[shard] + 1) : next[shard];
            ReadResult result = logs[shard].read(from, 1 + random.nextInt(1_200),
                    random.nextBoolean() ? Long.MAX_VALUE : 1 + random.nextInt(20_000));
            List<String> data = result.records().stream().map(r -> text(r.data())).toList();
            String context = "seed " + seed + ", step " + step + ", shard " + shard + " from " + from;
            assertThat(result.records()).as(context).extracting(StoredRecord::offset)
                    .containsExactlyElementsOf(LongStream.range(from, result.nextOffset()).boxed().toList());
            assertThat(data).as(context).containsExactlyElementsOf(LongStream.range(from, result.nextOffset())
                    .mapToObj(i -> "s" + shard + "-" + i).toList());
            if (!again) {
                read.get(shard).addAll(data);
                next[shard] = result.nextOffset();
            }
        }

        for (int shard = 0; shard < 2; shard++) {
            int s = shard;
            assertThat(read.get(shard)).as("seed " + seed).containsExactlyElementsOf(
                    IntStream.range(0, perShard).mapToObj(i -> "s" + s + "-" + i).toList());
            assertThat(next[shard]).isEqualTo(perShard);
        }
        assertThat(logs[0].read(perShard, 100, Long.MAX_VALUE).records()).isEmpty();
    }

    @Test
    void aSealedLogEndsAtItsFirstMarkerAndNeverReturnsLaterAppends() throws Exception {
        KafkaShardLogStore sealer = store("a");
        KafkaShardLogStore lagging = store("b");
        ShardLogHandle log = sealer.open(SHARD_0);
        ShardLogHandle stale = lagging.open(SHARD_0);
        get(sealer.append(log, List.of(rec(0, "k", "0"), rec(0, "k", "1"))));
        long closedAt = System.currentTimeMillis();

        long end = get(sealer.seal(log, closedAt));
        long late = get(lagging.append(stale, List.of(rec(0, "k", "late"))));

        assertThat(end).isEqualTo(2);
        assertThat(late).isEqualTo(3);
        assertThat(stale.read(0, 100, Long.MAX_VALUE).records()).extracting(r -> text(r.data()))
                .containsExactly("0", "1");
        assertThat(stale.read(0, 100, Long.MAX_VALUE).nextOffset()).isEqualTo(2);
        assertThat(stale.read(2, 100, Long.MAX_VALUE).records()).isEmpty();
        assertThat(log.read(2, 100, Long.MAX_VALUE).nextOffset()).isEqualTo(2);
        assertThat(log.endOffset()).isEqualTo(2);
        assertThat(get(sealer.seal(log, closedAt))).isEqualTo(2);
        assertThat(get(lagging.seal(stale, closedAt))).isEqualTo(2);
        assertThat(stale.endOffset()).isEqualTo(2);
    }

    @Test
    void nodesSealingAtOnceAgreeOnTheFirstMarker() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = DIR + "/shardId-00000000000" + round;
            KafkaShardLogStore one = store("a" + round);
            KafkaShardLogStore other = store("b" + round);
            ShardLogHandle onOne = one.open(name);
            ShardLogHandle onOther = other.open(name);
            get(one.append(onOne, List.of(rec(0, "k", "before"))));
            long closedAt = System.currentTimeMillis();

            CompletableFuture<Long> a = one.seal(onOne, closedAt);
            CompletableFuture<Long> b = other.seal(onOther, closedAt);
            get(other.append(onOther, List.of(rec(0, "k", "after"))));

            assertThat(get(a)).isEqualTo(get(b)).isIn(1L, 2L);
            assertThat(onOne.read(0, 100, Long.MAX_VALUE).records()).extracting(r -> text(r.data()))
                    .containsExactly("before");
            assertThat(onOther.endOffset()).isEqualTo(1);
        }
    }

    @Test
    void aBarrierCompletesAfterEveryEarlierAppendWithTheEnd() throws Exception {
        KafkaShardLogStore store = store("a");
        ShardLogHandle log = store.open(SHARD_0);
        List<CompletableFuture<Long>> appends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            appends.add(store.append(log, List.of(rec(0, "k", "x" + i), rec(0, "k", "y" + i))));
        }

        long end = get(store.barrier(log));

        assertThat(appends).allSatisfy(f -> assertThat(f).isDone());
        assertThat(end).isEqualTo(100);
        assertThat(appends).extracting(f -> f.join()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void offsetForTimestampFindsTheFirstRecordArrivedAtOrAfterIt() throws Exception {
        KafkaShardLogStore store = store("a");
        ShardLogHandle log = store.open(SHARD_0);
        get(store.append(log, List.of(rec(0, "k", "early"))));
        long earlyTime = log.read(0, 1, Long.MAX_VALUE).records().getFirst().timestamp();
        while (System.currentTimeMillis() <= earlyTime + 1) {
            Thread.onSpinWait(); // the next batch must arrive in a later millisecond
        }
        get(store.append(log, List.of(rec(0, "k", "late"), rec(0, "k", "later"))));
        long lateTime = log.read(1, 1, Long.MAX_VALUE).records().getFirst().timestamp();

        assertThat(lateTime).isGreaterThan(earlyTime);
        assertThat(log.offsetForTimestamp(0)).isZero();
        assertThat(log.offsetForTimestamp(earlyTime)).isZero();
        assertThat(log.offsetForTimestamp(earlyTime + 1)).isEqualTo(1);
        assertThat(log.offsetForTimestamp(lateTime)).isEqualTo(1);
        assertThat(log.offsetForTimestamp(lateTime + 60_000)).isEqualTo(3);
    }

    @Test
    void offsetForTimestampNeverSkipsARecordAnotherNodeAppendsDuringTheLookUp() throws Exception {
        // an analytics application started from NOW opens its input at the start's time a moment later, on
        // whichever node runs it, while records are being put: none arriving at or after that time may be skipped
        ShardLogHandle reading = store("a").open(SHARD_0);
        KafkaShardLogStore writer = store("b");
        ShardLogHandle writing = writer.open(SHARD_0);
        get(writer.append(writing, List.of(rec(0, "k", "first"))));
        CompletableFuture<Void> appending = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 400; i++) {
                writer.append(writing, List.of(rec(0, "k", "r" + i))).join();
            }
        });
        List<String> skipped = new ArrayList<>();
        int lookUps = 0;
        while (!appending.isDone()) {
            long since = System.currentTimeMillis();
            long offset = reading.offsetForTimestamp(since);
            lookUps++;
            if (offset > 0) {
                long before = reading.read(offset - 1, 1, Long.MAX_VALUE).records().getFirst().timestamp();
                if (before >= since) {
                    skipped.add("offset " + (offset - 1) + " arrived at " + before + ", looked up from " + since);
                }
            }
        }
        get(appending);

        assertThat(lookUps).isPositive();
        assertThat(skipped).as("records skipped in %d look-ups", lookUps).isEmpty();
    }

    @Test
    void deletingAShardDeletesTheStreamTopicOnceAndFailsItsAppends() throws Exception {
        KafkaShardLogStore store = store("a");
        ShardLogHandle zero = store.open(SHARD_0);
        ShardLogHandle one = store.open(SHARD_1);
        get(store.append(zero, List.of(rec(0, "k", "v"))));

        store.delete(SHARD_0);
        store.delete(SHARD_1);

        // the broker completes a deletion in the background: the topic may still be listed for a moment
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (admin.listTopics().names().get().contains(topic()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(admin.listTopics().names().get()).doesNotContain(topic());
        assertThat(store.append(one, List.of(rec(0, "k", "v")))).failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(IOException.class);
        assertThat(store.append(zero, List.of(rec(0, "k", "v")))).failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(ExecutionException.class).withMessageContaining("deleted");
    }

    @Test
    void aPlainKafkaConsumerSeesTheRecordsAndMarkers() throws Exception {
        KafkaShardLogStore store = store("a");
        ShardLogHandle log = store.open(SHARD_0);
        get(store.append(log, List.of(rec(1, "key", "data"))));
        get(store.seal(log, System.currentTimeMillis()));

        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), "auto.offset.reset", "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (read.size() < 2) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }

        assertThat(text(read.get(0).key())).isEqualTo("key");
        assertThat(text(read.get(0).value())).isEqualTo("data");
        assertThat(read.get(0).headers().lastHeader("sluice.format").value()).containsExactly(1);
        assertThat(read.get(0).headers().lastHeader("sluice.flags").value()).containsExactly(1);
        assertThat(read.get(1).headers().lastHeader("sluice.seal")).isNotNull();
    }

    @Test
    void aRecordOfFlagsZeroGoesToKafkaWithoutHeadersAndReadsLikeOneWrittenWithBoth() throws Exception {
        KafkaShardLogStore store = store("a");
        ShardLogHandle log = store.open(SHARD_0);
        get(store.append(log, List.of(rec(0, "new", "headerless"))));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic(), 0, null, bytes("old"), bytes("both headers"), List.of(
                    new RecordHeader("sluice.format", new byte[] {1}), new RecordHeader("sluice.flags", new byte[] {0}))))
                    .get();
        }

        List<ConsumerRecord<byte[], byte[]>> raw = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), "auto.offset.reset", "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (raw.isEmpty()) {
                consumer.poll(Duration.ofMillis(200)).forEach(raw::add);
            }
        }
        assertThat(raw.getFirst().headers().toArray()).isEmpty();

        List<StoredRecord> read = log.read(0, 10, Long.MAX_VALUE).records();
        assertThat(read).extracting(r -> text(r.partitionKey()), r -> text(r.data()), StoredRecord::flags)
                .containsExactly(tuple("new", "headerless", (byte) 0), tuple("old", "both headers", (byte) 0));
    }

    @Test
    void aRecordAKafkaToolWroteReadsAsVersionOneAndANewerVersionIsRefused() throws Exception {
        KafkaShardLogStore store = store("a");
        ShardLogHandle log = store.open(SHARD_0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic(), 0, bytes("tool"), bytes("plain"))).get();
            producer.send(new ProducerRecord<>(topic(), 0, null, bytes("k"), bytes("future"),
                    List.of(new RecordHeader("sluice.format", new byte[] {2})))).get();
        }

        StoredRecord plain = log.read(0, 1, Long.MAX_VALUE).records().getFirst();
        assertThat(text(plain.partitionKey())).isEqualTo("tool");
        assertThat(text(plain.data())).isEqualTo("plain");
        assertThat(plain.flags()).isZero();
        assertThatThrownBy(() -> log.read(0, 10, Long.MAX_VALUE))
                .isInstanceOf(UnsupportedFormatVersionException.class).hasMessageContaining("offset 1");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaShardLogStore store(String node) {
        KafkaShardLogStore store = KafkaShardLogStore.open(
                new KafkaSettings(broker.bootstrapServers(), Map.of(), prefix, (short) 1, node), DAY);
        stores.add(store);
        return store;
    }

    private String topic() {
        return LogName.topicOf(prefix, DIR);
    }

    private static ShardLogHandle open(KafkaShardLogStore store, String name) {
        try {
            return store.open(name);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static AppendRecord rec(int flags, String key, String data) {
        return new AppendRecord((byte) flags, key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(60, TimeUnit.SECONDS);
    }
}
