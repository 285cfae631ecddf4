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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key-order race of resharding across nodes, stepped deterministically: node A splits the only shard and is
 * held before it seals the parent; node B, which has seen the split, takes a record into a child; node C, whose
 * view still shows the parent open, then takes the producer's next record of the same key into the parent, before
 * the seal. Reading parents before children must still give the records in the order the producer put them.
 */
class ClusterReshardKeyOrderTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "key-order");
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    @TempDir
    Path keystore;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    @Test
    void aRecordPutThroughALaggingNodeAfterOneAcknowledgedInAChildIsReadAfterIt() throws Exception {
        try (ClusterEngines nodes = new ClusterEngines(3, keystore, clock, 0, SharedInMemoryCluster.Lag.NONE)) {
            nodes.node(A).streams().create(STREAM, 1, null, null);
            clock.advance(Duration.ofSeconds(1));
            nodes.syncAll();
            nodes.cluster.pause(C);
            SharedInMemoryCluster.Hold seals = nodes.cluster.holdSeals();
            Thread split = Thread.ofPlatform().start(() -> nodes.node(A).shards().split(STREAM,
                    "shardId-000000000000", BigInteger.ONE.shiftLeft(127)));
            seals.awaitHeld(); // the split is committed; the parent's seal marker is not written yet
            nodes.sync(B);

            CompletableFuture<PutResult> first = put(nodes.node(B), "first");
            CompletableFuture<PutResult> second = first.thenCompose(acked -> put(nodes.node(C), "second"));
            seals.release();
            split.join();
            nodes.cluster.resume(C);
            second.join();

            assertThat(ClusterEngines.readParentsFirst(nodes.node(A), STREAM)).containsExactly("first", "second");
        }
    }

    private static CompletableFuture<PutResult> put(KinesisEngine node, String data) {
        return node.records().putRecord(STREAM, new PutRecordsEntry(data.getBytes(StandardCharsets.UTF_8), "key",
                null));
    }
}
