package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.store.SharedInMemoryCluster;
import io.sluice.storage.StoredRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Three engines on one shared metadata log and one set of shared shard logs ({@link SharedInMemoryCluster}): what
 * one node does, the others see once their view has synced. The cluster lags (appliers pause, commits and appends
 * take a little while) with delays drawn from the seed; re-run with {@code -Dsluice.seed=<seed>}.
 */
class ClusterNodesFollowEachOtherTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "shared");

    @TempDir
    Path keystore;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private long seed;

    @BeforeEach
    void seed() {
        seed = Long.getLong("sluice.seed", System.nanoTime());
        System.out.println(getClass().getSimpleName() + " seed=" + seed);
    }

    private ClusterEngines nodes() throws Exception {
        return new ClusterEngines(3, keystore, clock, seed, SharedInMemoryCluster.Lag.SOME);
    }

    /** Creates the stream on node A and lets it become ACTIVE. */
    private void createOnA(ClusterEngines nodes, int shards) {
        nodes.node(0).streams().create(STREAM, shards, null, null);
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void aStreamCreatedOnOneNodeIsDescribedOnAnotherAfterSync() throws Exception {
        try (ClusterEngines nodes = nodes()) {
            createOnA(nodes, 2);
            nodes.sync(1);

            StreamView onB = nodes.node(1).streams().describe(STREAM);
            assertThat(onB.status()).isEqualTo(StreamStatus.ACTIVE);
            assertThat(onB.meta()).isEqualTo(nodes.node(0).streams().describe(STREAM).meta());
        }
    }

    @Test
    void recordsPutOnOneNodeAreReadThroughAnother() throws Exception {
        try (ClusterEngines nodes = nodes()) {
            createOnA(nodes, 1);
            nodes.sync(1);
            for (int i = 0; i < 5; i++) {
                put(nodes.node(1), "k", "r" + i);
            }

            assertThat(readAll(nodes.node(0))).containsExactly("r0", "r1", "r2", "r3", "r4");
        }
    }

    @Test
    void tagsSetOnOneNodeAreSeenOnAnother() throws Exception {
        try (ClusterEngines nodes = nodes()) {
            createOnA(nodes, 1);
            nodes.sync(2);
            nodes.node(2).settings().addTags(STREAM, Map.of("team", "ingest"));
            nodes.sync(0);

            assertThat(nodes.node(0).settings().tags(STREAM)).containsEntry("team", "ingest");
        }
    }
    @Test
    void racingCreatesOfOneNameOnEveryNodeGiveOneSuccessAndInUseForTheOthers() throws Exception {
        try (ClusterEngines nodes = nodes()) {
            ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
            try {
                for (int round = 0; round < 40; round++) {
                    StreamKey key = new StreamKey(STREAM.account(), STREAM.region(), "race-" + round);
                    CyclicBarrier start = new CyclicBarrier(nodes.size());
                    List<CompletableFuture<ErrorType>> outcomes = new ArrayList<>();
                    for (int i = 0; i < nodes.size(); i++) {
                        KinesisEngine node = nodes.node(i);
                        outcomes.add(CompletableFuture.supplyAsync(() -> {
                            try {
                                start.await();
                                node.streams().create(key, 1 + (int) (seed & 1), null, null);
                                return null;
                            } catch (ServiceException e) {
                                return e.type();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }, threads));
                    }
                    List<ErrorType> errors = outcomes.stream().map(CompletableFuture::join).toList();

                    assertThat(errors).as("round %d, seed %d", round, seed).containsOnlyOnce((ErrorType) null)
                            .filteredOn(e -> e != null).hasSize(nodes.size() - 1)
                            .containsOnly(ErrorType.RESOURCE_IN_USE);
                    nodes.syncAll();
                    long createdAt = nodes.node(0).streams().describe(key).meta().createdAt();
                    for (int i = 1; i < nodes.size(); i++) {
                        assertThat(nodes.node(i).streams().describe(key).meta().createdAt()).isEqualTo(createdAt);
                    }
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void aConsumerRegisteredOnOneNodeIsFoundOnAnother() throws Exception {
        try (ClusterEngines nodes = nodes()) {
            createOnA(nodes, 1);
            ConsumerView registered = nodes.node(0).consumers().register(STREAM, "reader", Map.of());
            nodes.sync(1);

            ConsumerView onB = nodes.node(1).consumers().describe(registered.meta().arn().toString(), null, null);
            assertThat(onB.meta()).isEqualTo(registered.meta());
        }
    }

    @Test
    void encryptionStartedOnOneNodeEncryptsWhatAnotherPutsAndAThirdReadsIt() throws Exception {
        try (ClusterEngines nodes = nodes()) {
            createOnA(nodes, 1);
            nodes.node(0).settings().startEncryption(STREAM, LocalKms.AWS_MANAGED_KEY);
            clock.advance(Duration.ofSeconds(1));
            nodes.syncAll();

            PutResult put = put(nodes.node(1), "secret-key", "secret data");

            assertThat(put.encrypted()).isTrue();
            StreamMeta meta = nodes.node(1).streams().describe(STREAM).meta();
            String logName = StreamRegistry.logName(meta, meta.shards().getFirst());
            List<StoredRecord> stored = nodes.cluster.records(logName);
            assertThat(stored).singleElement().satisfies(record -> {
                assertThat(record.flags()).isEqualTo(StreamEncryption.ENCRYPTED);
                assertThat(new String(record.data(), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
            });
            nodes.sync(2);
            assertThat(readAll(nodes.node(2))).containsExactly("secret data");
        }
    }

    @Test
    void aStreamDeletedOnOneNodeDisappearsFromAnotherOnceTheDeletionTaskRan() throws Exception {
        try (ClusterEngines nodes = nodes()) {
            createOnA(nodes, 2);
            nodes.sync(1);
            put(nodes.node(1), "k", "doomed");
            nodes.node(0).streams().delete(STREAM, false);
            clock.advance(Duration.ofSeconds(1));
            nodes.node(0).maintenance().deletions().doWork();
            nodes.sync(1);

            assertThatThrownBy(() -> nodes.node(1).streams().describe(STREAM)).isInstanceOfSatisfying(
                    ServiceException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.RESOURCE_NOT_FOUND));
            assertThat(nodes.cluster.logNames()).isEmpty();
            assertThat(nodes.cluster.committed().keySet()).noneMatch(key -> key.contains(STREAM.name()));
        }
    }

    private static PutResult put(KinesisEngine node, String key, String data) {
        return node.records().putRecord(STREAM, new PutRecordsEntry(data.getBytes(StandardCharsets.UTF_8), key,
                null)).join();
    }

    private static List<String> readAll(KinesisEngine node) {
        List<String> read = new ArrayList<>();
        for (ShardMeta shard : node.streams().describe(STREAM).meta().shards()) {
            String iterator = node.records().getShardIterator(STREAM, shard.id().toString(),
                    IteratorType.TRIM_HORIZON, null, null);
            GetRecordsResult result = node.records().getRecords(iterator, 100);
            result.records().forEach(r -> read.add(new String(r.data(), StandardCharsets.UTF_8)));
        }
        return read;
    }
}
