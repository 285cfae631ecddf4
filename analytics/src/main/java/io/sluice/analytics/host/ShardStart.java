package io.sluice.analytics.host;

import java.util.Map;

/**
 * Where an input starts reading its source: after the stored position of each shard that has one
 * ({@link PositionsCodec#SHARD_END} for a shard already finished), and at the records that arrived from
 * {@code sinceMillis} on for every other shard (0: from the oldest record kept, TRIM_HORIZON). Immutable.
 */
record ShardStart(long sinceMillis, Map<String, String> positions) {

    ShardStart {
        positions = Map.copyOf(positions);
    }
}
