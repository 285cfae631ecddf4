package io.sluice.engine;

import io.sluice.common.ManualClock;
import io.sluice.engine.store.SharedInMemoryCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reshard that loses its atomic change to another node's, stepped deterministically: node A splits shard 0 and
 * is held before its commit; a record put through A meanwhile; node B splits shard 1 and commits first, so A's
 * change is fenced and runs again, numbering its children after B's. Whatever A did with the change it lost, no
 * record may be read from a shard whose hash range does not hold it.
 */
class ClusterReshardConflictTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "conflict");
    private static final int A = 0;
    private static final int B = 1;

    @TempDir
    Path keystore;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    @Test
    void aRecordPutWhileAReshardIsUncommittedIsReadOnlyFromAShardWhoseRangeHoldsIt() throws Exception {
        try (ClusterEngines nodes = new ClusterEngines(2, keystore, clock, 0, SharedInMemoryCluster.Lag.NONE)) {
            nodes.node(A).streams().create(STREAM, 2, null, null);
            clock.advance(Duration.ofSeconds(1));
            nodes.syncAll();
            List<ShardMeta> shards = nodes.node(A).streams().describe(STREAM).meta().shards();
            BigInteger splitA = middle(shards.get(0));
            BigInteger hash = splitA.add(BigInteger.ONE);
            SharedInMemoryCluster.Hold commits = nodes.cluster.holdCommits(A);
            Thread split = Thread.ofPlatform().start(() -> nodes.node(A).shards().split(STREAM,
                    "shardId-000000000000", splitA));
            commits.awaitHeld(); // A's change has run (its view shows the children) but is not committed

            // on its own thread: the put may wait for A's reshard to commit
            CompletableFuture<List<PutOutcome>> put = CompletableFuture.supplyAsync(() -> nodes.node(A).records()
                    .putRecords(STREAM, List.of(new PutRecordsEntry("meanwhile".getBytes(StandardCharsets.UTF_8),
                            "key", hash.toString())))).thenCompose(outcomes -> outcomes);
            nodes.sync(B);
            nodes.node(B).shards().split(STREAM, "shardId-000000000001", middle(shards.get(1)));
            commits.release();
            split.join();
            PutOutcome outcome = put.join().getFirst();

            List<String> shardsHolding = new ArrayList<>();
            nodes.sync(A);
            for (ShardMeta shard : nodes.node(A).streams().describe(STREAM).meta().shards()) {
                String iterator = nodes.node(A).records().getShardIterator(STREAM, shard.id().toString(),
                        IteratorType.TRIM_HORIZON, null, null);
                if (!nodes.node(A).records().getRecords(iterator, 100).records().isEmpty()) {
                    shardsHolding.add(shard.id() + (shard.range().contains(hash) ? "" : " (range excludes it)"));
                }
            }
            assertThat(shardsHolding).as("shards the record is read from; put outcome %s", outcome)
                    .hasSizeLessThanOrEqualTo(1).noneMatch(s -> s.contains("excludes"));
            if (!outcome.failed()) {
                assertThat(shardsHolding).hasSize(1);
            }
        }
    }

    private static BigInteger middle(ShardMeta shard) {
        return shard.range().start().add(shard.range().end()).shiftRight(1);
    }
}
