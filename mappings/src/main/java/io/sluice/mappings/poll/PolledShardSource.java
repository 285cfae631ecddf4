package io.sluice.mappings.poll;

import io.sluice.common.ServiceException;
import io.sluice.engine.GetRecordsResult;
import io.sluice.engine.IteratorType;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a shard with GetShardIterator and GetRecords through the engine's data plane, as a reader inside the
 * server (held to the shard's read bytes per second, not to an API client's calls per second). A failed read
 * (throttled, iterator expired, stream briefly unavailable) drops the iterator; the next read makes a new one
 * after the last record returned.
 *
 * <p><b>Threading</b>: confined to the mapping's task thread.
 */
final class PolledShardSource implements ShardSource {

    private static final Logger LOG = LoggerFactory.getLogger(PolledShardSource.class);

    private final KinesisEngine engine;
    private final StreamKey stream;
    private final String shardId;
    private final Checkpoint start;
    private String lastSequence;
    private String iterator;

    PolledShardSource(KinesisEngine engine, StreamKey stream, String shardId, Checkpoint start) {
        this.engine = engine;
        this.stream = stream;
        this.shardId = shardId;
        this.start = start;
    }

    @Override
    public Read read(int max) {
        try {
            if (iterator == null) {
                iterator = openIterator();
            }
            GetRecordsResult result = engine.records().getRecordsInternal(iterator, Math.min(max, 10_000));
            iterator = result.nextShardIterator();
            if (!result.records().isEmpty()) {
                lastSequence = result.records().getLast().sequenceNumber().format();
            }
            return new Read(result.records(), iterator == null);
        } catch (ServiceException e) {
            LOG.debug("reading {} of {} failed: {}", shardId, stream, e.getMessage());
            iterator = null;
            return Read.NOTHING;
        }
    }

    private String openIterator() {
        if (lastSequence != null) {
            return engine.records().getShardIterator(stream, shardId, IteratorType.AFTER_SEQUENCE_NUMBER,
                    lastSequence, null);
        }
        return switch (start.kind()) {
            case FROM_START -> engine.records().getShardIterator(stream, shardId, IteratorType.TRIM_HORIZON, null,
                    null);
            case FROM_TIMESTAMP -> engine.records().getShardIterator(stream, shardId, IteratorType.AT_TIMESTAMP,
                    null, start.fromMillis());
            case AFTER_SEQUENCE -> engine.records().getShardIterator(stream, shardId,
                    IteratorType.AFTER_SEQUENCE_NUMBER, start.sequenceNumber(), null);
            case SHARD_END -> throw new IllegalStateException("shard " + shardId + " is already done");
        };
    }

    @Override
    public void close() {
        iterator = null;
    }
}
