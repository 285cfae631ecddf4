package io.sluice.mappings.poll;

import io.sluice.engine.ReadRecord;

import java.util.List;

/**
 * Where a shard's records come from: GetRecords through the engine, or an enhanced fan-out subscription.
 *
 * <p><b>Threading</b>: confined to the mapping's task thread.
 */
interface ShardSource extends AutoCloseable {

    /**
     * Records after the last one returned (or after the starting position), without waiting for more: at most
     * {@code max} from GetRecords, at most one SubscribeToShard event's worth from fan-out.
     */
    Read read(int max);

    @Override
    void close();

    /**
     * @param atEnd the shard is closed and read to its end
     */
    record Read(List<ReadRecord> records, boolean atEnd) {
        static final Read NOTHING = new Read(List.of(), false);
    }
}
