package io.sluice.storage.kafka;

import io.sluice.common.Clock;
import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskId;
import io.sluice.engine.task.TaskRunner;
import io.sluice.kafka.testkit.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Task ownership shared out by a real broker's group coordinator among placements that stand for nodes. */
class KafkaTaskPlacementTest {

    private static final Duration SESSION = Duration.ofSeconds(3);
    private static final TaskGroupOptions OPTIONS = TaskGroupOptions.DEFAULTS.withSessionTimeout(SESSION);
    private static final AtomicInteger GROUPS = new AtomicInteger();

    private static KafkaBroker broker;

    private final List<KafkaTaskPlacement> opened = new CopyOnWriteArrayList<>();
    private final String prefix = "placement" + GROUPS.incrementAndGet() + ".";

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @AfterEach
    void closePlacements() {
        opened.forEach(KafkaTaskPlacement::close);
    }

    private KafkaTaskPlacement open(String node) throws IOException {
        return open(node, OPTIONS);
    }

    private KafkaTaskPlacement open(String node, TaskGroupOptions options) throws IOException {
        return open(broker, node, options);
    }

    private KafkaTaskPlacement open(KafkaBroker on, String node, TaskGroupOptions options) throws IOException {
        KafkaSettings settings = new KafkaSettings(on.bootstrapServers(), Map.of(), prefix, (short) -1, node);
        KafkaTaskPlacement placement = KafkaTaskPlacement.open(settings, options);
        opened.add(placement);
        return placement;
    }

    private static List<TaskId> tasks(int count) {
        return IntStream.range(0, count).mapToObj(i -> new TaskId("firehose", "123456789012/us-east-1/d" + i))
                .toList();
    }

    /** Every partition held by exactly one of the placements, and each of them holding some. */
    private static boolean settled(KafkaTaskPlacement... nodes) {
        Set<Integer> all = new HashSet<>();
        int held = 0;
        for (KafkaTaskPlacement node : nodes) {
            Set<Integer> owned = node.ownedPartitions();
            if (owned.isEmpty()) {
                return false;
            }
            all.addAll(owned);
            held += owned.size();
        }
        return all.size() == nodes[0].partitions() && held == all.size();
    }

    private static long awaitMillis(String what, BooleanSupplier condition) {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            Thread.onSpinWait();
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static Set<Integer> allPartitions(KafkaTaskPlacement node) {
        Set<Integer> all = new HashSet<>();
        IntStream.range(0, node.partitions()).forEach(all::add);
        return all;
    }

    @Test
    void twoNodesInOneGroupOwnEveryTaskExactlyOnceAndNeverBothAtOnce() throws Exception {
        KafkaTaskPlacement first = open("node-a");
        awaitMillis("the first node owns every partition", () -> first.ownedPartitions().size() == 32);

        KafkaTaskPlacement second = open("node-b");
        // partitions only move from first to second here: reading second before first, a partition in both is
        // one that first still held after second had been given it
        awaitMillis("the group settles", () -> {
            Set<Integer> both = new HashSet<>(second.ownedPartitions());
            both.retainAll(first.ownedPartitions());
            assertThat(both).as("partitions held by both nodes at once").isEmpty();
            return settled(first, second);
        });

        for (TaskId task : tasks(1_000)) {
            assertThat(first.owns(task) ^ second.owns(task)).as("%s owned by exactly one node", task).isTrue();
        }
    }

    @Test
    void closingANodeMovesAllItsTasksToTheOtherAndWakesItsRunner() throws Exception {
        KafkaTaskPlacement staying = open("node-a");
        KafkaTaskPlacement leaving = open("node-b");
        awaitMillis("the group settles", () -> settled(staying, leaving));
        TaskId moved = tasks(1_000).stream().filter(leaving::owns).findFirst().orElseThrow();
        AtomicInteger changes = new AtomicInteger();
        staying.onChange(changes::incrementAndGet);
        AtomicInteger steps = new AtomicInteger();
        try (TaskRunner runner = new TaskRunner(Clock.system(), Duration.ofHours(1), Duration.ofHours(1), staying)) {
            runner.start(new Task() {
                @Override
                public TaskId id() {
                    return moved;
                }

                @Override
                public int doWork() {
                    steps.incrementAndGet();
                    return 0;
                }
            });

            long closing = System.nanoTime();
            leaving.close();
            long closed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);
            long failover = closed + awaitMillis("the staying node owns every partition",
                    () -> staying.ownedPartitions().equals(allPartitions(staying)));
            awaitMillis("the moved task steps on the staying node", () -> steps.get() > 0);
            System.out.printf("failover after close(): %d ms (close itself %d ms), session timeout %d ms%n",
                    failover, closed, SESSION.toMillis());

            assertThat(leaving.ownedPartitions()).isEmpty();
            assertThat(changes.get()).isPositive();
        }
    }

    @Test
    void aNodeThatStopsWithoutLeavingLosesItsTasksOnlyAfterTheSessionTimeout() throws Exception {
        KafkaTaskPlacement surviving = open("node-a");
        KafkaTaskPlacement dying = open("node-b");
        awaitMillis("the group settles", () -> settled(surviving, dying));

        long dyingAt = System.nanoTime();
        dying.abandon();
        awaitMillis("the surviving node owns every partition",
                () -> surviving.ownedPartitions().equals(allPartitions(surviving)));
        long failover = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dyingAt);
        System.out.printf("failover after a silent death: %d ms, session timeout %d ms, heartbeat %d ms%n",
                failover, SESSION.toMillis(), OPTIONS.heartbeatInterval().toMillis());

        // the coordinator heard from the dead node at most one heartbeat before it stopped
        assertThat(failover).isGreaterThanOrEqualTo(SESSION.minus(OPTIONS.heartbeatInterval()).toMillis());
    }

    @Test
    void threeNodesSpreadTheTasksEvenly() throws Exception {
        KafkaTaskPlacement a = open("node-a");
        KafkaTaskPlacement b = open("node-b");
        KafkaTaskPlacement c = open("node-c");
        awaitMillis("the group settles", () -> settled(a, b, c));

        for (KafkaTaskPlacement node : List.of(a, b, c)) {
            assertThat(node.ownedPartitions().size()).isBetween(10, 11);
        }
        List<TaskId> tasks = tasks(3_000);
        for (TaskId task : tasks) {
            assertThat(List.of(a, b, c)).as("nodes owning %s", task).filteredOn(node -> node.owns(task)).hasSize(1);
        }
        for (KafkaTaskPlacement node : List.of(a, b, c)) {
            assertThat(tasks.stream().filter(node::owns).count()).isBetween(600L, 1_400L);
        }
    }

    @Test
    void nodesStartingTogetherShareOneTopicWhosePartitionCountWins() throws Exception {
        TaskGroupOptions eight = new TaskGroupOptions(8, SESSION, OPTIONS.pollInterval());
        CompletableFuture<KafkaTaskPlacement> racing = CompletableFuture.supplyAsync(() -> {
            try {
                return open("node-b", eight);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        KafkaTaskPlacement first = open("node-a", eight);
        KafkaTaskPlacement second = racing.get(60, TimeUnit.SECONDS);
        KafkaTaskPlacement late = open("node-c", OPTIONS);

        assertThat(List.of(first.partitions(), second.partitions(), late.partitions())).containsOnly(8);
        awaitMillis("the group settles", () -> settled(first, second, late));
    }

    @Test
    void nodesCutOffFromTheCoordinatorStopOwningWithinTheSessionTimeoutAndResumeWhenItIsBack() throws Exception {
        try (KafkaBroker own = KafkaBroker.start()) {
            KafkaTaskPlacement a = open(own, "node-a", OPTIONS);
            KafkaTaskPlacement b = open(own, "node-b", OPTIONS);
            awaitMillis("the group settles", () -> settled(a, b));
            AtomicInteger changes = new AtomicInteger();
            a.onChange(changes::incrementAndGet);

            long stopping = System.nanoTime();
            own.kill();
            awaitMillis("no node owns a task", () -> a.ownedPartitions().isEmpty() && b.ownedPartitions().isEmpty());
            long fenced = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
            System.out.printf("tasks stopped %d ms after the coordinator went away, session timeout %d ms%n",
                    fenced, SESSION.toMillis());
            assertThat(tasks(1_000)).noneMatch(task -> a.owns(task) || b.owns(task));
            assertThat(fenced).isLessThan(SESSION.toMillis());
            int whileAway = changes.get();

            own.restart();
            long back = awaitMillis("the group settles again", () -> settled(a, b));
            System.out.printf("tasks owned again %d ms after the broker restarted%n", back);
            // the listener runs after the assignment that settled() saw is in place, on the group's own thread
            awaitMillis("the listener is told of the tasks coming back", () -> changes.get() > whileAway);
            a.close();
            b.close();
        }
    }
}
