package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.engine.limits.InMemoryUsageExchange;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.limits.ShardUsage;
import io.sluice.engine.limits.UsageExchange;
import io.sluice.engine.store.SharedInMemoryCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput budgets shared by the nodes of a cluster: two engines on one {@link SharedInMemoryCluster} exchange
 * their usage through an {@link InMemoryUsageExchange}, one round per {@link #INTERVAL} of the manual clock, as
 * the Kafka exchange does every {@code kafka.usage-interval-ms}.
 */
class SharedBudgetsTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "shared");
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final int SECONDS = 10;
    private static final int STEPS = (int) (SECONDS * 1000 / INTERVAL.toMillis());
    private static final EngineConfig AWS_LIMITS = EngineConfig.defaults().withStatusDelays(0, 0, 0)
            .withLimits(LimitSettings.aws());
    private static final long RECORDS_PER_SECOND = LimitSettings.aws().writeRecordsPerSecond();

    @TempDir
    Path keystore;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final InMemoryUsageExchange exchange = new InMemoryUsageExchange();

    private ClusterEngines twoNodes(EngineConfig config, boolean sharing) throws Exception {
        return new ClusterEngines(2, keystore, clock, 1, SharedInMemoryCluster.Lag.NONE, config,
                sharing ? exchange::node : () -> UsageExchange.NONE);
    }

    private void createStream(ClusterEngines nodes, Integer shards, StreamMode mode) {
        nodes.node(0).streams().create(STREAM, shards, mode, null);
        clock.advance(Duration.ofSeconds(1));
        nodes.syncAll();
    }

    /** Puts {@code count} small records through the node; returns how many it admitted. */
    private static int put(KinesisEngine node, int count) {
        List<PutRecordsEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new PutRecordsEntry(new byte[10], "k", null));
        }
        return (int) node.records().putRecords(STREAM, entries).join().stream().filter(o -> !o.failed()).count();
    }

    /**
     * {@link #SECONDS} of both nodes (or only node 0) offering {@code perStep} records every interval, with one
     * exchange round per interval; returns the records admitted per node.
     */
    private int[] offerRecords(ClusterEngines nodes, int perStep, boolean bothNodes) {
        int[] admitted = new int[2];
        for (int step = 0; step < STEPS; step++) {
            admitted[0] += put(nodes.node(0), perStep);
            if (bothNodes) {
                admitted[1] += put(nodes.node(1), perStep);
            }
            clock.advance(INTERVAL);
            exchange.exchange();
        }
        return admitted;
    }

    @Test
    void twoNodesTogetherAreThrottledAtAboutOneShardsLimit() throws Exception {
        try (ClusterEngines nodes = twoNodes(AWS_LIMITS, true)) {
            createStream(nodes, 1, null);

            // each node is offered twice the shard's limit: 4 times the limit in all
            int[] admitted = offerRecords(nodes, 200, true);

            long total = admitted[0] + admitted[1];
            long limit = RECORDS_PER_SECOND * SECONDS;
            // the bound of docs/cluster.md: the limit, one second's burst, what the other node took in one interval
            assertThat(total).isBetween(limit * 9 / 10, limit + RECORDS_PER_SECOND + 200);
            assertThat(admitted).as("both nodes get a share").doesNotContain(0);
        }
    }

    @Test
    void withoutTheExchangeEachNodeAdmitsTheWholeLimitOnItsOwn() throws Exception {
        try (ClusterEngines nodes = twoNodes(AWS_LIMITS, false)) {
            createStream(nodes, 1, null);

            int[] admitted = offerRecords(nodes, 200, true);

            assertThat((long) admitted[0] + admitted[1]).isGreaterThan(RECORDS_PER_SECOND * SECONDS * 19 / 10);
        }
    }

    @Test
    void oneNodeAloneStillGetsTheWholeLimit() throws Exception {
        try (ClusterEngines nodes = twoNodes(AWS_LIMITS, true)) {
            createStream(nodes, 1, null);

            int[] admitted = offerRecords(nodes, 200, false);

            long limit = RECORDS_PER_SECOND * SECONDS;
            assertThat((long) admitted[0]).isBetween(limit, limit + RECORDS_PER_SECOND);
        }
    }

    @Test
    void getRecordsCallsPerSecondAreSharedByTheNodesServingAShard() throws Exception {
        try (ClusterEngines nodes = twoNodes(AWS_LIMITS, true)) {
            createStream(nodes, 1, null);
            String[] iterators = new String[2];
            for (int n = 0; n < 2; n++) {
                iterators[n] = nodes.node(n).records().getShardIterator(STREAM, "shardId-000000000000",
                        IteratorType.TRIM_HORIZON, null, null);
            }
            clock.advance(Duration.ofSeconds(1));
            exchange.exchange();

            int admitted = 0;
            for (int step = 0; step < STEPS; step++) {
                for (int n = 0; n < 2; n++) {
                    try {
                        iterators[n] = nodes.node(n).records().getRecords(iterators[n], 100).nextShardIterator();
                        admitted++;
                    } catch (ServiceException e) {
                        assertThat(e.type()).isEqualTo(ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED);
                    }
                }
                clock.advance(INTERVAL);
                exchange.exchange();
            }

            int callsPerSecond = LimitSettings.aws().readCallsPerSecond();
            // 20 calls a second offered; the limit, one second's burst and one call of the other node's interval
            assertThat(admitted).isBetween(callsPerSecond * SECONDS * 9 / 10, callsPerSecond * (SECONDS + 1) + 1);
        }
    }

    @Test
    void onDemandScalingSeesTheIngestOfEveryNode() throws Exception {
        EngineConfig unlimited = EngineConfig.defaults().withStatusDelays(0, 0, 0).withLimits(LimitSettings.off());
        try (ClusterEngines nodes = twoNodes(unlimited, true)) {
            createStream(nodes, null, StreamMode.ON_DEMAND);
            assertThat(openShards(nodes)).isEqualTo(4);

            // 350 KiB/s through each node into one shard: each alone is under the split threshold (512 KiB/s)
            for (int second = 0; second < 60; second++) {
                for (int n = 0; n < 2; n++) {
                    nodes.node(n).records().putRecords(STREAM,
                            List.of(new PutRecordsEntry(new byte[350 * 1024], "hot", null))).join();
                }
                clock.advance(Duration.ofSeconds(1));
                exchange.exchange();
                nodes.node(0).maintenance().scaling().doWork();
            }

            assertThat(openShards(nodes)).as("the hot shard took 700 KiB/s in all and is split").isEqualTo(5);
        }
    }

    @Test
    void withoutTheExchangeScalingSeesOnlyItsOwnNodesIngest() throws Exception {
        EngineConfig unlimited = EngineConfig.defaults().withStatusDelays(0, 0, 0).withLimits(LimitSettings.off());
        try (ClusterEngines nodes = twoNodes(unlimited, false)) {
            createStream(nodes, null, StreamMode.ON_DEMAND);
            for (int second = 0; second < 60; second++) {
                for (int n = 0; n < 2; n++) {
                    nodes.node(n).records().putRecords(STREAM,
                            List.of(new PutRecordsEntry(new byte[350 * 1024], "hot", null))).join();
                }
                clock.advance(Duration.ofSeconds(1));
                nodes.node(0).maintenance().scaling().doWork();
            }

            assertThat(openShards(nodes)).isEqualTo(4);
        }
    }

    @Test
    void usageReportedForAnotherIncarnationOfTheStreamOrAnUnknownShardIsNotCharged() throws Exception {
        try (ClusterEngines nodes = twoNodes(AWS_LIMITS, true)) {
            createStream(nodes, 1, null);
            long createdAt = nodes.node(0).streams().describe(STREAM).meta().createdAt();

            exchange.deliver(List.of(usage(createdAt - 1, 0), usage(createdAt, 7)));
            assertThat(put(nodes.node(1), 500) + put(nodes.node(1), 500)).isEqualTo(RECORDS_PER_SECOND);

            clock.advance(Duration.ofSeconds(1));
            exchange.deliver(List.of(usage(createdAt, 0)));
            assertThat(put(nodes.node(1), 1)).as("this incarnation's usage is charged").isZero();
        }
    }

    /** Another node's full second of records on shard {@code shard} of the stream incarnation {@code createdAt}. */
    private static ShardUsage usage(long createdAt, int shard) {
        return new ShardUsage(STREAM.account(), STREAM.region(), STREAM.name(), createdAt, shard,
                RECORDS_PER_SECOND * 10, RECORDS_PER_SECOND, 0, 0);
    }

    private static int openShards(ClusterEngines nodes) {
        return nodes.node(0).streams().describe(STREAM).meta().openShardCount();
    }
}
