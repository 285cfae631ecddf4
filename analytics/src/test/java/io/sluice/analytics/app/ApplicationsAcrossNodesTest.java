package io.sluice.analytics.app;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.SharedInMemoryCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.sluice.analytics.app.Definitions.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes' registries on one shared metadata store (in memory, each node's view lagging as a Kafka cluster's
 * does): what one node changes, the other sees, and RUNNING applications run on both nodes' runners (the task
 * placement then picks one). Seeded; the seed is printed.
 */
class ApplicationsAcrossNodesTest {

    private static final ApplicationKey TICKERS = key("tickers");

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final RecordingRunner runnerA = new RecordingRunner();
    private final RecordingRunner runnerB = new RecordingRunner();
    private SharedInMemoryCluster cluster;
    private ApplicationRegistry nodeA;
    private ApplicationRegistry nodeB;

    @BeforeEach
    void open() {
        long seed = System.nanoTime();
        System.out.println("ApplicationsAcrossNodesTest seed " + seed);
        cluster = new SharedInMemoryCluster(clock, seed, SharedInMemoryCluster.Lag.SOME);
        nodeA = new ApplicationRegistry(cluster.node().metadata(), new MarkerCompiler(), runnerA, clock,
                ApplicationLimits.defaults());
        nodeB = new ApplicationRegistry(cluster.node().metadata(), new MarkerCompiler(), runnerB, clock,
                ApplicationLimits.defaults());
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
        cluster.close();
    }

    /** Waits for a node's follower, which works on a thread of its own: at most ten seconds. */
    private static void eventually(Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(5);
            }
        }
    }

    private void createAndStartOnA() throws InterruptedException {
        nodeA.create(TICKERS, Definitions.withInput(), Map.of());
        nodeA.start(TICKERS, Map.of("1.1", StartingPosition.NOW));
        eventually(() -> assertThat(runnerB.calls).contains("follow tickers v1"));
    }

    @Test
    void anApplicationCreatedOnOneNodeIsDescribedOnTheOtherAtOnce() {
        Application created = nodeA.create(TICKERS, Definitions.withInput(), Map.of("team", "quant"));

        assertThat(nodeB.describe(TICKERS)).isEqualTo(created);
        assertThat(nodeB.list("000000000000", "us-east-1", null, 10).applications()).containsExactly(created);
    }

    @Test
    void twoNodesRacingToCreateOneApplicationGiveOneSuccessAndOneResourceInUse() throws Exception {
        for (int round = 0; round < 10; round++) {
            ApplicationKey name = key("race" + round);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<String>> attempts = new ArrayList<>();
            for (ApplicationRegistry node : List.of(nodeA, nodeB)) {
                attempts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        node.create(name, Definitions.withInput(), Map.of());
                        return "created";
                    } catch (ServiceException e) {
                        return e.type().name();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            go.countDown();
            List<String> outcomes = attempts.stream().map(CompletableFuture::join).toList();

            assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder("created",
                    ErrorType.RESOURCE_IN_USE.name());
        }
    }

    @Test
    void anApplicationStartedOnOneNodeRunsOnTheOtherFromWhatTheFirstStored() throws Exception {
        createAndStartOnA();

        // node A's follower sees its own change again: following what already runs there changes nothing
        assertThat(runnerA.calls).first().isEqualTo("start tickers v1 NOW");
        assertThat(runnerA.calls.subList(1, runnerA.calls.size())).allSatisfy(call -> assertThat(call)
                .isEqualTo("follow tickers v1"));
        assertThat(nodeB.describe(TICKERS).status()).isEqualTo(ApplicationStatus.RUNNING);
    }

    @Test
    void stoppingThroughTheOtherNodeStopsItWhereItRuns() throws Exception {
        createAndStartOnA();

        nodeB.stop(TICKERS);

        assertThat(nodeB.describe(TICKERS).status()).isEqualTo(ApplicationStatus.READY);
        eventually(() -> assertThat(runnerA.isRunning(TICKERS.arn())).isFalse());
        assertThat(runnerB.isRunning(TICKERS.arn())).isFalse();
    }

    @Test
    void anUpdateThroughTheOtherNodeReachesTheNodeRunningIt() throws Exception {
        createAndStartOnA();

        nodeB.change(TICKERS, 1, (d, v) -> d.withCode(Definitions.CODE + " -- v2"));

        assertThat(runnerB.calls).contains("update tickers v2");
        eventually(() -> assertThat(runnerA.calls).endsWith("follow tickers v2"));
        assertThat(nodeA.describe(TICKERS).versionId()).isEqualTo(2);
    }

    @Test
    void deletingThroughTheOtherNodeForgetsItEverywhere() throws Exception {
        createAndStartOnA();
        long createdAt = nodeA.describe(TICKERS).createdAt();

        nodeB.delete(TICKERS, createdAt);

        eventually(() -> assertThat(runnerA.calls).contains("delete tickers"));
        eventually(() -> assertThatThrownBy(() -> nodeA.describe(TICKERS)).isInstanceOfSatisfying(
                ServiceException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.RESOURCE_NOT_FOUND)));
    }

    @Test
    void aNodeStartingLateRunsTheApplicationsAlreadyRunning() throws Exception {
        createAndStartOnA();
        RecordingRunner runnerC = new RecordingRunner();

        try (ApplicationRegistry nodeC = new ApplicationRegistry(cluster.node().metadata(), new MarkerCompiler(),
                runnerC, clock, ApplicationLimits.defaults())) {
            nodeC.resume();

            assertThat(runnerC.calls).containsExactly("follow tickers v1");
            assertThat(nodeA.describe(TICKERS).status()).isEqualTo(ApplicationStatus.RUNNING);
        }
    }
}
