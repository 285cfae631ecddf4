package io.sluice.analytics.host;

import java.util.Map;

/**
 * What an application's positions file holds: for each input (by KDA's InputId), the source it read, the time
 * from which shards without a position are read, and each shard's position. Immutable.
 */
record StoredPositions(Map<String, Input> inputs) {

    static final StoredPositions NONE = new StoredPositions(Map.of());

    StoredPositions {
        inputs = Map.copyOf(inputs);
    }

    /**
     * @param sinceMillis shards without a position are read from the records that arrived at or after this time
     *                    (0: from the oldest record kept)
     * @param shards      shard id to the sequence number after which to read, or {@link PositionsCodec#SHARD_END}
     */
    record Input(String resourceArn, long sinceMillis, Map<String, String> shards) {
        Input {
            shards = Map.copyOf(shards);
        }
    }
}
