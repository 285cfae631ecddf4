package io.sluice.storage.kafka;

import io.sluice.engine.store.MetaStore;
import io.sluice.kafka.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two or more stores (nodes) on one metadata topic of a real broker. */
class KafkaMetaStoreTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** The engine's check in a create: the key is taken. */
    static final class AlreadyExists extends IOException {
        final byte[] existing;

        AlreadyExists(byte[] existing) {
            super("exists");
            this.existing = existing;
        }
    }

    /** A node's view kept by a watcher, as the engine keeps its own. */
    static final class View implements MetaStore.Watcher {
        final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public void changed(String key, byte[] value) {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, text(value));
            }
        }
    }

    private static String newPrefix() {
        return "meta" + PREFIXES.incrementAndGet() + ".";
    }

    private static KafkaSettings settings(String prefix, String node) {
        return new KafkaSettings(broker.bootstrapServers(), Map.of(), prefix, (short) 1, node);
    }

    private static KafkaMetaStore open(String prefix, String node) throws IOException {
        return KafkaMetaStore.open(settings(prefix, node));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> texts(Map<String, byte[]> entries) {
        Map<String, String> result = new HashMap<>();
        entries.forEach((key, value) -> result.put(key, text(value)));
        return result;
    }

    private static Void createIfAbsent(MetaStore store, String key, String value) throws IOException {
        byte[] existing = store.get(key);
        if (existing != null) {
            throw new AlreadyExists(existing);
        }
        store.put(key, bytes(value));
        return null;
    }

    @Test
    void theTopicIsCreatedWithOnePartitionAndCompaction() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore ignored = open(prefix, "a");
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            String topic = prefix + "metadata";
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

            assertThat(description.partitions()).hasSize(1);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
        }
    }

    @Test
    void brokersThatDoNotCreateTopicsOnFirstUseAreNotWarnedAbout() {
        assertThat(AutoCreateCheckTest.autoCreates(broker.bootstrapServers())).isFalse();
    }

    @Test
    void aTopicThatDeletesByAgeIsRefused() throws Exception {
        String prefix = newPrefix();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(prefix + "metadata", 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")))).all().get();
        }

        assertThatThrownBy(() -> open(prefix, "a")).isInstanceOf(IOException.class)
                .hasMessageContaining("cleanup.policy=delete");
    }

    @Test
    void aPutOnOneNodeIsSeenByTheOtherNodesWatcherAndGet() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore a = open(prefix, "a"); KafkaMetaStore b = open(prefix, "b")) {
            View view = new View();
            b.watch(view);

            a.put("stream:one", bytes("v1"));
            b.sync().get(30, TimeUnit.SECONDS);

            assertThat(text(b.get("stream:one"))).isEqualTo("v1");
            assertThat(view.values).containsEntry("stream:one", "v1");

            a.delete("stream:one");
            b.sync().get(30, TimeUnit.SECONDS);

            assertThat(b.get("stream:one")).isNull();
            assertThat(view.values).doesNotContainKey("stream:one");
        }
    }

    @Test
    void aPutIsVisibleOnItsOwnNodeWhenItReturns() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore a = open(prefix, "a")) {
            View view = new View();
            a.watch(view);
            for (int i = 0; i < 20; i++) {
                a.put("key", bytes("v" + i));

                assertThat(text(a.get("key"))).isEqualTo("v" + i);
                assertThat(view.values).containsEntry("key", "v" + i);
            }
        }
    }

    @Test
    void syncMakesEachRemotePutVisible() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore a = open(prefix, "a"); KafkaMetaStore b = open(prefix, "b")) {
            for (int i = 0; i < 50; i++) {
                a.put("counter", bytes(Integer.toString(i)));
                b.sync().get(30, TimeUnit.SECONDS);

                assertThat(text(b.get("counter"))).isEqualTo(Integer.toString(i));
            }
        }
    }

    @Test
    void aStoreOpenedLaterSeesEveryLiveEntryAndNoDeletedOne() throws Exception {
        String prefix = newPrefix();
        Map<String, String> expected = new HashMap<>();
        try (KafkaMetaStore a = open(prefix, "a")) {
            for (int i = 0; i < 30; i++) {
                a.put("k" + i, bytes("first" + i));
                expected.put("k" + i, "first" + i);
            }
            for (int i = 0; i < 30; i += 3) {
                a.delete("k" + i);
                expected.remove("k" + i);
            }
            for (int i = 1; i < 30; i += 5) {
                a.put("k" + i, bytes("second" + i));
                expected.put("k" + i, "second" + i);
            }
            a.atomically(() -> {
                a.put("atomic", bytes("committed"));
                a.delete("k1");
                return null;
            });
            expected.put("atomic", "committed");
            expected.remove("k1");
            assertThatThrownBy(() -> a.atomically(() -> {
                a.put("aborted", bytes("never"));
                throw new IllegalStateException("the change gives up");
            })).isInstanceOf(IllegalStateException.class);
        }

        try (KafkaMetaStore later = open(prefix, "later")) {
            assertThat(texts(later.entries())).isEqualTo(expected);
            assertThat(later.get("k0")).isNull();
            assertThat(later.get("aborted")).isNull();
        }
    }

    @Test
    void aChangeReadsItsOwnWritesAndIsAppliedWhenItReturns() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore a = open(prefix, "a")) {
            a.put("gone", bytes("old"));

            Map<String, String> inside = a.atomically(() -> {
                a.put("new", bytes("fresh"));
                a.delete("gone");
                assertThat(text(a.get("new"))).isEqualTo("fresh");
                assertThat(a.get("gone")).isNull();
                return texts(a.entries());
            });

            assertThat(inside).isEqualTo(Map.of("new", "fresh"));
            assertThat(text(a.get("new"))).isEqualTo("fresh");
            assertThat(a.get("gone")).isNull();
        }
    }

    @Test
    void aChangeThatThrowsStoresNothingAndItsKeysGoBackInTheView() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore a = open(prefix, "a"); KafkaMetaStore b = open(prefix, "b")) {
            a.put("kept", bytes("before"));
            List<String> told = new CopyOnWriteArrayList<>();
            a.watch((key, value) -> told.add(key + "=" + text(value)));

            assertThatThrownBy(() -> a.atomically(() -> {
                a.put("kept", bytes("during"));
                throw new AlreadyExists(null);
            })).isInstanceOf(AlreadyExists.class);

            assertThat(told).containsExactly("kept=before");
            assertThat(text(a.get("kept"))).isEqualTo("before");
            b.sync().get(30, TimeUnit.SECONDS);
            assertThat(text(b.get("kept"))).isEqualTo("before");
        }
    }

    @Test
    void aChangeThatLosesToAnotherNodeIsRolledBackInTheViewAndRunAgain() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore a = open(prefix, "a"); KafkaMetaStore b = open(prefix, "b")) {
            View view = new View();
            a.watch(view);
            a.atomically(() -> null); // a takes the writer
            AtomicInteger runs = new AtomicInteger();

            assertThatThrownBy(() -> a.atomically(() -> {
                runs.incrementAndGet();
                createIfAbsent(a, "stream:x", "from-a");
                view.values.put("stream:x", "from-a"); // the engine updates its view as it goes
                if (runs.get() == 1) {
                    // b takes the writer and creates the stream while a's change is open
                    b.atomically(() -> createIfAbsent(b, "stream:x", "from-b"));
                }
                return null;
            })).isInstanceOf(AlreadyExists.class)
                    .satisfies(e -> assertThat(text(((AlreadyExists) e).existing)).isEqualTo("from-b"));

            assertThat(runs).hasValue(2);
            assertThat(view.values).containsEntry("stream:x", "from-b");
            assertThat(text(a.get("stream:x"))).isEqualTo("from-b");
        }
    }

    @Test
    void aChangeThatKeepsLosingFailsWithConflictAndIsRolledBack() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore a = open(prefix, "a"); KafkaMetaStore b = open(prefix, "b")) {
            View view = new View();
            a.watch(view);
            AtomicInteger runs = new AtomicInteger();

            assertThatThrownBy(() -> a.atomically(() -> {
                int run = runs.incrementAndGet();
                a.put("contended", bytes("a" + run));
                view.values.put("contended", "a" + run);
                b.atomically(() -> {
                    b.put("contended", bytes("b" + run));
                    return null;
                });
                return null;
            })).isInstanceOf(MetaStore.ConflictException.class);

            int attempts = AtomicMetadataWriter.ATTEMPTS;
            assertThat(runs).hasValue(attempts);
            assertThat(view.values).containsEntry("contended", "b" + attempts);
            assertThat(text(a.get("contended"))).isEqualTo("b" + attempts);
        }
    }

    @Test
    void racingCreatesFromTwoNodesHaveExactlyOneWinnerPerKey() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("racingCreatesFromTwoNodesHaveExactlyOneWinnerPerKey seed " + seed);
        Random random = new Random(seed);
        String prefix = newPrefix();
        int keys = 12;
        int threadsPerNode = 3;
        try (KafkaMetaStore a = open(prefix, "a"); KafkaMetaStore b = open(prefix, "b")) {
            List<KafkaMetaStore> nodes = List.of(a, b);
            Map<String, List<String>> winners = new ConcurrentHashMap<>();
            Map<String, List<String>> seenByLosers = new ConcurrentHashMap<>();
            AtomicInteger conflicts = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(nodes.size() * threadsPerNode);
            List<Future<?>> done = new ArrayList<>();
            for (int n = 0; n < nodes.size(); n++) {
                for (int t = 0; t < threadsPerNode; t++) {
                    KafkaMetaStore store = nodes.get(n);
                    String me = "node" + n + "-thread" + t;
                    List<String> order = new ArrayList<>();
                    for (int k = 0; k < keys; k++) {
                        order.add("stream:" + k);
                    }
                    Collections.shuffle(order, new Random(random.nextLong()));
                    done.add(threads.submit(() -> {
                        for (String key : order) {
                            while (true) {
                                try {
                                    store.atomically(() -> createIfAbsent(store, key, me));
                                    winners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(me);
                                    break;
                                } catch (AlreadyExists e) {
                                    seenByLosers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
                                            .add(text(e.existing));
                                    break;
                                } catch (MetaStore.ConflictException e) {
                                    conflicts.incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> future : done) {
                future.get(5, TimeUnit.MINUTES);
            }
            threads.shutdown();
            System.out.println("racing creates: " + conflicts.get() + " conflict(s) surfaced to callers");

            a.sync().get(30, TimeUnit.SECONDS);
            b.sync().get(30, TimeUnit.SECONDS);
            for (int k = 0; k < keys; k++) {
                String key = "stream:" + k;
                assertThat(winners.get(key)).as(key).hasSize(1);
                String winner = winners.get(key).get(0);
                assertThat(seenByLosers.get(key)).as(key).hasSize(nodes.size() * threadsPerNode - 1)
                        .containsOnly(winner);
                assertThat(text(a.get(key))).isEqualTo(winner);
                assertThat(text(b.get(key))).isEqualTo(winner);
            }
        }
    }

    @Test
    void aWriterThatDiedInsideATransactionDoesNotBlockTheNextAtomicChange() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore b = open(prefix, "b");
             KafkaProducer<byte[], byte[]> dead = new KafkaProducer<>(Map.of(
                     "bootstrap.servers", broker.bootstrapServers(),
                     "transactional.id", prefix + "metadata-writer",
                     "transaction.timeout.ms", "600000"), new ByteArraySerializer(), new ByteArraySerializer())) {
            dead.initTransactions();
            dead.beginTransaction();
            dead.send(new ProducerRecord<>(prefix + "metadata", MetadataRecordFormat.encodeKey("dangling"),
                    MetadataRecordFormat.encodeValue(bytes("never committed")))).get();

            b.atomically(() -> createIfAbsent(b, "stream:after", "b"));
            b.put("plain", bytes("after"));

            assertThat(text(b.get("stream:after"))).isEqualTo("b");
            assertThat(text(b.get("plain"))).isEqualTo("after");
            assertThat(b.get("dangling")).isNull();
        }
    }

    @Test
    void theStoreKeepsFollowingTheTopicAcrossABrokerCrash() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore a = open(prefix, "a"); KafkaMetaStore b = open(prefix, "b")) {
            a.put("before", bytes("1"));
            a.atomically(() -> null); // a holds the writer across the restart

            broker.kill();
            broker.restart();
            a.put("after", bytes("2"));
            a.atomically(() -> createIfAbsent(a, "stream:after-restart", "a"));
            b.sync().get(60, TimeUnit.SECONDS);

            assertThat(texts(b.entries())).isEqualTo(Map.of("before", "1", "after", "2", "stream:after-restart", "a"));
        }
    }

    @Test
    void concurrentSyncsShareEndOffsetRequests() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore a = open(prefix, "a"); KafkaMetaStore b = open(prefix, "b")) {
            a.put("warm", bytes("up"));
            b.sync().get(30, TimeUnit.SECONDS);
            int sequential = 300;
            long[] latencies = new long[sequential];
            for (int i = 0; i < sequential; i++) {
                long start = System.nanoTime();
                b.sync().get(30, TimeUnit.SECONDS);
                latencies[i] = System.nanoTime() - start;
            }
            java.util.Arrays.sort(latencies);
            System.out.printf("sync, one caller: %d syncs, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", sequential,
                    latencies[sequential / 2] / 1e6, latencies[sequential * 99 / 100] / 1e6,
                    latencies[sequential - 1] / 1e6);

            int callers = 32;
            int each = 50;
            long requestsBefore = b.syncRequests();
            ExecutorService threads = Executors.newFixedThreadPool(callers);
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < callers; c++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        b.sync().get(30, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            threads.shutdown();
            long requests = b.syncRequests() - requestsBefore;
            System.out.printf("sync, %d callers: %d syncs in %.2f s (%.0f syncs/s) served by %d end-offset requests%n",
                    callers, callers * each, seconds, callers * each / seconds, requests);

            assertThat(requests).isLessThan(callers * each);
        }
    }

    @Test
    void aRecordWrittenByHandInTheGoldenFormatIsRead() throws Exception {
        String prefix = newPrefix();
        open(prefix, "creator").close();
        produce(prefix + "metadata", MetadataRecordFormatTest.GOLDEN_KEY, MetadataRecordFormatTest.GOLDEN_VALUE);

        try (KafkaMetaStore store = open(prefix, "a")) {
            assertThat(texts(store.entries())).isEqualTo(Map.of("stream:golden", "hi"));
        }
    }

    @Test
    void aRecordOfAnUnknownVersionFailsTheOpenNamingItsOffset() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore store = open(prefix, "creator")) {
            store.put("fine", bytes("v1"));
        }
        produce(prefix + "metadata", bytes("future"), new byte[] {2, 'x'});

        assertThatThrownBy(() -> open(prefix, "a")).isInstanceOf(MetadataFormatException.class)
                .hasMessageContaining("offset 1").hasMessageContaining("version 2");
    }

    @Test
    void aRecordOfAnUnknownVersionMetWhileRunningStopsTheNodesWrites() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore a = open(prefix, "a")) {
            a.put("fine", bytes("v1"));
            produce(prefix + "metadata", bytes("future"), new byte[] {2, 'x'});

            assertThatThrownBy(() -> a.put("after", bytes("v1"))).isInstanceOf(MetadataFormatException.class)
                    .hasMessageContaining("offset 1");
            assertThatThrownBy(() -> a.sync().get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(MetadataFormatException.class);
            assertThat(text(a.get("fine"))).isEqualTo("v1");
        }
    }

    @Test
    void aWatcherCannotWriteBecauseItWouldWaitForItself() throws Exception {
        String prefix = newPrefix();
        try (KafkaMetaStore a = open(prefix, "a")) {
            List<Throwable> refused = new CopyOnWriteArrayList<>();
            a.watch((key, value) -> {
                try {
                    a.put("echo", bytes("x"));
                } catch (IOException | IllegalStateException e) {
                    refused.add(e);
                }
            });

            a.put("trigger", bytes("x"));

            assertThat(refused).singleElement().isInstanceOf(IllegalStateException.class);
            assertThat(a.get("echo")).isNull();
        }
    }

    private static void produce(String topic, byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
