package io.sluice.engine;

import io.sluice.common.ManualClock;
import io.sluice.engine.store.SharedInMemoryCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that applied a split but could not follow it (the children's logs would not open, as when Kafka refused
 * to grow the stream's topic) still shows the parent open and routes puts to it, past the parent's seal. Seen in
 * the cluster Jepsen test: two such records were acknowledged and never read. The node must hold its answer until
 * it has followed the change, and the record must then be stored once, in a child.
 */
class ClusterStaleViewTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "stale-view");
    private static final String PARENT = "shardId-000000000000";
    private static final int A = 0;
    private static final int B = 1;

    @TempDir
    Path keystore;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    @Test
    void aPutThroughANodeThatCannotFollowASplitIsHeldUntilItCanAndThenLandsInAChild() throws Exception {
        try (ClusterEngines nodes = new ClusterEngines(2, keystore, clock, 0, SharedInMemoryCluster.Lag.NONE)) {
            nodes.node(A).streams().create(STREAM, 1, null, null);
            clock.advance(Duration.ofSeconds(1));
            nodes.syncAll();
            nodes.cluster.failOpens(B, true);
            nodes.node(A).shards().split(STREAM, PARENT, BigInteger.ONE.shiftLeft(127));
            nodes.sync(B);
            assertThat(nodes.node(B).streams().describe(STREAM).meta().shard(0).isOpen())
                    .as("node B's view is stale: the parent still open").isTrue();

            CompletableFuture<PutResult> put = nodes.node(B).records().putRecord(STREAM,
                    new PutRecordsEntry("held".getBytes(StandardCharsets.UTF_8), "key", null));
            Thread.sleep(500);
            assertThat(put).as("not answered while node B cannot tell where the parent ends").isNotDone();

            nodes.cluster.failOpens(B, false);
            PutResult stored = put.get(30, TimeUnit.SECONDS);

            assertThat(stored.shardId().toString()).isNotEqualTo(PARENT);
            assertThat(nodes.node(B).streams().describe(STREAM).meta().shard(0).isOpen())
                    .as("node B followed the split").isFalse();
            assertThat(ClusterEngines.readParentsFirst(nodes.node(A), STREAM)).containsExactly("held");
            assertThat(nodes.cluster.recordsPastSeals()).as("the first append, past the parent's seal").isOne();
        }
    }
}
