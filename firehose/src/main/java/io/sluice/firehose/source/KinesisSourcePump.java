package io.sluice.firehose.source;

import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.common.ShardId;
import io.sluice.engine.GetRecordsResult;
import io.sluice.engine.IteratorType;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.ReadRecord;
import io.sluice.engine.ShardMeta;
import io.sluice.engine.StreamKey;
import io.sluice.engine.store.MetaStore;
import io.sluice.firehose.buffer.DurableBuffer;
import io.sluice.firehose.buffer.KinesisRecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the records of a Sluice stream into a KinesisStreamAsSource delivery stream's durable buffer, through
 * the stream engine's Java API (GetShardIterator and GetRecords), as Firehose reads its source stream: records
 * that arrived from the delivery stream's start time on, every shard, parents before children after a reshard.
 *
 * <p>Each shard is polled at most every {@link #POLL_MILLIS} (within the GetRecords rate of a shard). Records
 * are appended to the buffer and only then is the shard's position saved (see {@link ShardPositions}), so nothing
 * is skipped across restarts. A stream that is gone or throttles is simply tried again on a later run.
 *
 * <p>In cluster mode the pump runs on the node that owns the delivery stream's work, reading the source through
 * that node's engine; when the work moves, the new owner {@linkplain #resume resumes} from the saved positions.
 *
 * <p>Threading: {@link #run} and {@link #resume} from the delivery stream's delivery thread only.
 */
public final class KinesisSourcePump implements SourcePump {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisSourcePump.class);
    private static final long POLL_MILLIS = 250;
    private static final int GET_RECORDS_LIMIT = 10_000;

    private final KinesisEngine engine;
    private final StreamKey stream;
    private final long startMillis;
    private final DurableBuffer buffer;
    private final ShardPositions positions;
    private final Clock clock;
    private final Map<String, String> iterators = new HashMap<>();
    private final Map<String, Long> lastPolled = new HashMap<>();

    public KinesisSourcePump(KinesisEngine engine, StreamKey stream, long startMillis, DurableBuffer buffer,
                             MetaStore metadata, String bufferName, Clock clock) {
        this.engine = engine;
        this.stream = stream;
        this.startMillis = startMillis;
        this.buffer = buffer;
        this.positions = new ShardPositions(metadata, bufferName);
        this.clock = clock;
    }

    @Override
    public void run() {
        List<ShardMeta> shards;
        try {
            shards = engine.streams().describe(stream).meta().shards();
        } catch (ServiceException e) {
            LOG.debug("source stream {} unavailable: {}", stream, e.getMessage());
            return;
        }
        Map<String, ShardMeta> byId = new HashMap<>();
        shards.forEach(s -> byId.put(s.id().toString(), s));
        long now = clock.millis();
        for (ShardMeta shard : shards) {
            String id = shard.id().toString();
            if (positions.finished(id) || !parentsFinished(shard, byId)
                    || now - lastPolled.getOrDefault(id, Long.MIN_VALUE / 2) < POLL_MILLIS) {
                continue;
            }
            lastPolled.put(id, now);
            try {
                poll(id);
            } catch (ServiceException e) {
                iterators.remove(id);
                if (e.type() != ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED) {
                    LOG.debug("reading {} of {} failed: {}", id, stream, e.getMessage());
                }
            }
        }
    }

    /** Forgets the iterators held and reads the positions again: another node may have copied further. */
    @Override
    public void resume() {
        iterators.clear();
        lastPolled.clear();
        positions.reload();
    }

    @Override
    public void clear() throws IOException {
        positions.clear();
    }

    /** Holds no connection: the stream is read through this node's engine. */
    @Override
    public void close() {
    }

    private boolean parentsFinished(ShardMeta shard, Map<String, ShardMeta> byId) {
        for (ShardId parent : Arrays.asList(shard.parent(), shard.adjacentParent())) {
            // a parent trimmed by retention is no longer listed: nothing of it is left to copy
            if (parent != null && byId.containsKey(parent.toString()) && !positions.finished(parent.toString())) {
                return false;
            }
        }
        return true;
    }

    private void poll(String shardId) {
        String iterator = iterators.get(shardId);
        if (iterator == null) {
            String position = positions.get(shardId);
            iterator = position == null
                    ? engine.records().getShardIterator(stream, shardId, IteratorType.AT_TIMESTAMP, null, startMillis)
                    : engine.records().getShardIterator(stream, shardId, IteratorType.AFTER_SEQUENCE_NUMBER,
                            position, null);
        }
        GetRecordsResult result = engine.records().getRecords(iterator, GET_RECORDS_LIMIT);
        List<ReadRecord> records = result.records();
        if (!records.isEmpty()) {
            List<KinesisRecordMetadata> sources = new ArrayList<>(records.size());
            List<byte[]> data = new ArrayList<>(records.size());
            for (ReadRecord r : records) {
                sources.add(new KinesisRecordMetadata(shardId, r.partitionKey(), r.sequenceNumber().format(),
                        r.arrivalMillis()));
                data.add(r.data());
            }
            buffer.appendFromKinesis(sources, data).join();
            positions.put(shardId, records.getLast().sequenceNumber().format());
        }
        if (result.nextShardIterator() == null) {
            positions.put(shardId, ShardPositions.SHARD_END);
            iterators.remove(shardId);
        } else {
            iterators.put(shardId, result.nextShardIterator());
        }
    }
}
