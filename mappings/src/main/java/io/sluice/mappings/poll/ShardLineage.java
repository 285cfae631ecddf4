package io.sluice.mappings.poll;

import io.sluice.common.ShardId;
import io.sluice.engine.ShardMeta;
import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.StartingPosition;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a shard starts and when, from its place in the stream's lineage:
 * <ul>
 *   <li>a shard seen for the first time starts at its first record if a parent of it already had a checkpoint
 *       (a reshard the mapping followed made it), else at the mapping's starting position, LATEST being "from the
 *       time it was first seen" so that a restart before its first batch loses nothing;</li>
 *   <li>a shard is read only once every parent still listed has reached SHARD_END (a parent trimmed by retention
 *       has nothing left to read).</li>
 * </ul>
 *
 * <p><b>Threading</b>: stateless.
 */
final class ShardLineage {

    private ShardLineage() {
    }

    /**
     * @param hadCheckpoint the shards that had a checkpoint before this look at the stream: shards first seen
     *                      together are all placed by the starting position
     */
    static Checkpoint initial(ShardMeta shard, Set<String> hadCheckpoint, MappingSettings settings, long now) {
        for (ShardId parent : parents(shard)) {
            if (parent != null && hadCheckpoint.contains(parent.toString())) {
                return Checkpoint.fromStart();
            }
        }
        if (settings.startingPosition() == StartingPosition.TRIM_HORIZON) {
            return Checkpoint.fromStart();
        }
        if (settings.startingPosition() == StartingPosition.AT_TIMESTAMP) {
            return Checkpoint.fromTimestamp(Objects.requireNonNullElse(settings.startingPositionTimestampMillis(),
                    now));
        }
        return Checkpoint.fromTimestamp(now);
    }

    static boolean parentsDone(ShardMeta shard, Set<String> listed, Map<String, Checkpoint> known) {
        for (ShardId parent : parents(shard)) {
            if (parent != null && listed.contains(parent.toString())) {
                Checkpoint checkpoint = known.get(parent.toString());
                if (checkpoint == null || !checkpoint.ended()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Iterable<ShardId> parents(ShardMeta shard) {
        return Arrays.asList(shard.parent(), shard.adjacentParent());
    }
}
