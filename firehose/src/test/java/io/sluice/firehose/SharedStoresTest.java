package io.sluice.firehose;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.store.SharedInMemoryCluster;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.store.FirehoseStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two Firehose engines as two nodes of a cluster, on {@link SharedInMemoryCluster}'s shared metadata log and shard
 * logs (node views lag the log by random, seeded amounts): each follows the delivery streams the other creates,
 * changes and deletes, creates race to one winner, and puts through either land in the one buffer that one node
 * delivers. Delivery is stepped by hand, on one node only, as the task placement would have it.
 */
class SharedStoresTest {

    @TempDir
    Path dir;
    private final long seed = System.nanoTime();
    private final ManualClock clock = new ManualClock(Fixture.START);
    private SharedInMemoryCluster cluster;
    private EngineStores storesA;
    private EngineStores storesB;
    private FirehoseEngine a;
    private FirehoseEngine b;
    private Fixture objects;

    @BeforeEach
    void open() throws Exception {
        System.out.println("SharedStoresTest seed " + seed);
        cluster = new SharedInMemoryCluster(clock, seed, SharedInMemoryCluster.Lag.SOME);
        storesA = cluster.node();
        storesB = cluster.node();
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(dir.resolve("objects"));
        a = FirehoseEngine.stepped(FirehoseStores.shared(storesA.metadata(), storesA.logs()),
                Fixture.config(dir.resolve("a")), clock, null, store, DeliveryObserver.NONE, null);
        b = FirehoseEngine.stepped(FirehoseStores.shared(storesB.metadata(), storesB.logs()),
                Fixture.config(dir.resolve("b")), clock, null, store, DeliveryObserver.NONE, null);
        objects = new Fixture(dir, store, DeliveryObserver.NONE);
    }

    @AfterEach
    void close() {
        objects.close();
        a.close();
        b.close();
        cluster.close();
    }

    private static CreateRequest create(String name) {
        return new CreateRequest(Fixture.key(name), DeliveryStreamType.DirectPut, null, null, null,
                Fixture.extendedS3(Fixture.s3("lake", name + "/", new BufferingHints(1, 60), Compression.UNCOMPRESSED),
                        null), Map.of(), null, null);
    }

    private static List<byte[]> data(String... records) {
        return Stream.of(records).map(r -> r.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aStreamCreatedOnOneNodeIsDescribedListedTaggedAndUpdatedOnTheOther() {
        a.create(create("orders"));

        // no wait: a miss catches up with the log before answering not found
        assertThat(b.describe(Fixture.key("orders")).meta().version()).isEqualTo(1);
        assertThat(b.list(Fixture.ACCOUNT, Fixture.REGION, null, null, 10).names()).containsExactly("orders");

        b.tag(Fixture.key("orders"), Map.of("team", "data"));
        storesA.metadata().sync().join();
        assertThat(a.listTags(Fixture.key("orders"), null, 10).tags()).containsExactly(Map.entry("team", "data"));

        a.updateDestination(Fixture.key("orders"), "1", DeliveryStreamMeta.DESTINATION_ID, d -> Fixture.extendedS3(
                Fixture.s3("lake", "v2/", new BufferingHints(1, 60), Compression.UNCOMPRESSED), null));
        storesB.metadata().sync().join();
        assertThat(b.describe(Fixture.key("orders")).meta().version()).isEqualTo(2);
        assertThatThrownBy(() -> b.updateDestination(Fixture.key("orders"), "1", DeliveryStreamMeta.DESTINATION_ID,
                d -> d)).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.CONCURRENT_MODIFICATION));
    }

    @Test
    void twoNodesRacingToCreateOneNameGiveOneSuccessAndOneResourceInUse() throws Exception {
        try (ExecutorService racers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < 20; round++) {
                String name = "race-" + round;
                List<Future<String>> outcomes = new ArrayList<>();
                for (FirehoseEngine node : List.of(a, b)) {
                    outcomes.add(racers.submit(() -> {
                        try {
                            node.create(create(name));
                            return "created";
                        } catch (ServiceException e) {
                            return e.type().name();
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get());
                }
                assertThat(results).as("round %d (seed %d)", round, seed)
                        .containsExactlyInAnyOrder("created", ErrorType.RESOURCE_IN_USE.name());
            }
        }
        assertThat(cluster.committed().keySet().stream().filter(k -> k.startsWith("firehose/stream/")))
                .hasSize(20);
    }

    @Test
    void putsThroughEitherNodeLandInOneBufferAndTheSteppingNodeDeliversEachOnce() throws Exception {
        a.create(create("clicks"));
        List<String> ids = new ArrayList<>(b.put(Fixture.key("clicks"), data("b1;", "b2;")).join());
        ids.addAll(a.put(Fixture.key("clicks"), data("a1;")).join());
        ids.addAll(b.put(Fixture.key("clicks"), data("b3;")).join());
        assertThat(ids).doesNotHaveDuplicates().hasSize(4);

        a.runOnce();
        clock.advance(Duration.ofSeconds(61));
        a.runOnce();

        List<String> delivered = objects.objects("lake").values().stream()
                .flatMap(bytes -> Arrays.stream(Fixture.text(bytes).split("(?<=;)"))).toList();
        assertThat(delivered).containsExactlyInAnyOrder("b1;", "b2;", "a1;", "b3;");
        assertThat(cluster.committed()).containsKey(
                "firehose/checkpoint/" + Fixture.ACCOUNT + "/" + Fixture.REGION + "/clicks-" + Fixture.START);
    }

    @Test
    void aStreamDeletedThroughOneNodeIsFinishedByAnotherAndForgottenByBoth() {
        a.create(create("gone"));
        b.put(Fixture.key("gone"), data("x;")).join();
        b.delete(Fixture.key("gone"));

        storesA.metadata().sync().join();
        assertThat(a.describe(Fixture.key("gone")).status()).isEqualTo(DeliveryStreamStatus.DELETING);
        a.runOnce();

        storesB.metadata().sync().join();
        assertThatThrownBy(() -> b.describe(Fixture.key("gone"))).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.RESOURCE_NOT_FOUND));
        assertThat(cluster.committed().keySet()).noneMatch(k -> k.startsWith("firehose/"));
        assertThat(cluster.logNames()).noneMatch(name -> name.contains("gone"));
    }
}
