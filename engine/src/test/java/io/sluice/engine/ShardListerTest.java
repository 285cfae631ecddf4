package io.sluice.engine;

import io.sluice.common.HashKeyRange;
import io.sluice.common.ShardId;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** ShardFilter semantics on a stream whose shard 0 was split into 1 and 2 at t=2000. */
class ShardListerTest {

    private static final HashKeyRange ALL = HashKeyRange.evenSplit(1).getFirst();
    private static final BigInteger MID = BigInteger.ONE.shiftLeft(127);

    private final StreamMeta meta = new StreamMeta(new StreamKey("000000000000", "us-east-1", "s"), 1000, 1000, -1, -1,
            24, StreamMode.PROVISIONED, 1024, 3, List.of(
            new ShardMeta(new ShardId(0), ALL, null, null, 1000, 2000, 10),
            new ShardMeta(new ShardId(1), new HashKeyRange(BigInteger.ZERO, MID.subtract(BigInteger.ONE)),
                    new ShardId(0), null, 2000, -1, -1),
            new ShardMeta(new ShardId(2), new HashKeyRange(MID, HashKeyRange.MAX_HASH_KEY),
                    new ShardId(0), null, 2000, -1, -1)), Map.of(), null, Set.of(), 0);

    private List<Integer> select(ShardFilter.Type type, long timestamp, long now) {
        return ShardLister.select(meta, type == null ? null : new ShardFilter(type, null, timestamp), now).stream()
                .map(s -> s.id().index()).toList();
    }

    @Test
    void filtersSelectShardsAsAwsDefinesThem() {
        long now = 5000;
        assertThat(select(null, -1, now)).containsExactly(0, 1, 2);
        assertThat(select(ShardFilter.Type.FROM_TRIM_HORIZON, -1, now)).containsExactly(0, 1, 2);
        assertThat(select(ShardFilter.Type.AT_TRIM_HORIZON, -1, now)).containsExactly(0);
        assertThat(select(ShardFilter.Type.AT_LATEST, -1, now)).containsExactly(1, 2);
        assertThat(select(ShardFilter.Type.AT_TIMESTAMP, 1500, now)).containsExactly(0);
        assertThat(select(ShardFilter.Type.AT_TIMESTAMP, 2500, now)).containsExactly(1, 2);
        assertThat(select(ShardFilter.Type.FROM_TIMESTAMP, 1500, now)).containsExactly(0, 1, 2);
        assertThat(select(ShardFilter.Type.FROM_TIMESTAMP, 2500, now)).containsExactly(1, 2);
    }

    @Test
    void closedShardsPastRetentionAreNotListed() {
        long later = 2000 + 25 * 3_600_000L;
        assertThat(select(null, -1, later)).containsExactly(1, 2);
    }
}
