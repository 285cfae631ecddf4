package io.sluice.analytics.host;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a Sluice stream through the engine's data plane (GetShardIterator, and GetRecords as a reader inside the
 * server: held to the shard's read bytes, not to an API client's calls per second), every shard, parents before
 * children after a reshard, as a KDA input reads its Kinesis source. A shard whose last read returned
 * nothing waits {@code pollMillis} before its next read, unless records are appended to it meanwhile: the
 * reader takes the shard's append signal before each read, and an append both makes the shard due again and wakes
 * the application's task, so rows reach the program within milliseconds of their put rather than a poll later. A failed read (throttled, iterator expired, stream
 * briefly unavailable) drops the shard's iterator; the next read makes a new one after the last record read.
 *
 * <p><b>Threading</b>: single-threaded, the application's task.
 */
final class KinesisInputReader implements InputReader {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisInputReader.class);

    private final KinesisEngine engine;
    private final StreamKey stream;
    private final long sinceMillis;
    private final Clock clock;
    private final long pollMillis;
    private final Runnable wake;
    /** Per shard: the sequence number after which to read next, or SHARD_END. */
    private final Map<String, String> positions;
    private final Map<String, String> iterators = new HashMap<>();
    private final Map<String, Long> nextPoll = new HashMap<>();
    /** Per shard that returned nothing: the append signal taken before that read. */
    private final Map<String, CompletableFuture<Void>> appended = new HashMap<>();
    private long millisBehind;

    /** @param wake asks the application's task to read now; called from the appending thread */
    KinesisInputReader(KinesisEngine engine, StreamKey stream, ShardStart start, Clock clock, long pollMillis,
                       Runnable wake) {
        this.engine = engine;
        this.stream = stream;
        this.sinceMillis = start.sinceMillis();
        this.positions = new HashMap<>(start.positions());
        this.clock = clock;
        this.pollMillis = pollMillis;
        this.wake = wake;
    }

    @Override
    public Read read(int max) {
        List<ShardMeta> shards;
        try {
            shards = engine.streams().describe(stream).meta().shards();
        } catch (ServiceException e) {
            LOG.debug("source stream {} unavailable: {}", stream, e.getMessage());
            return new Read(List.of(), List.of());
        }
        Set<String> listed = new HashSet<>();
        shards.forEach(s -> listed.add(s.id().toString()));
        List<SourceRecord> out = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        long now = clock.millis();
        long behind = 0;
        for (ShardMeta shard : shards) {
            String id = shard.id().toString();
            if (out.size() >= max || finished(id) || !parentsFinished(shard, listed)
                    || now < nextPoll.getOrDefault(id, Long.MIN_VALUE) && !appendedTo(id)) {
                continue;
            }
            try {
                CompletableFuture<Void> signal = engine.records().nextAppend(stream, id);
                GetRecordsResult result = engine.records().getRecordsInternal(iterator(id),
                        max - out.size());
                for (ReadRecord r : result.records()) {
                    String seq = r.sequenceNumber().format();
                    out.add(new SourceRecord(id, seq, r.arrivalMillis(), r.partitionKey(), r.data()));
                    positions.put(id, seq);
                }
                behind = Math.max(behind, result.millisBehindLatest());
                if (result.nextShardIterator() == null) {
                    positions.put(id, PositionsCodec.SHARD_END);
                    iterators.remove(id);
                    ended.add(id);
                } else {
                    iterators.put(id, result.nextShardIterator());
                }
                if (result.records().isEmpty()) {
                    nextPoll.put(id, now + pollMillis);
                    // one wake-up per signal: a shard idle for hours must not pile callbacks on one future
                    if (appended.put(id, signal) != signal) {
                        signal.thenRun(wake);
                    }
                } else {
                    // more may follow at once: read again on the next step, where an empty read takes a signal
                    appended.remove(id);
                    nextPoll.remove(id);
                }
            } catch (ServiceException e) {
                iterators.remove(id);
                nextPoll.put(id, now + pollMillis);
                if (e.type() != ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED) {
                    LOG.debug("reading {} of {} failed: {}", id, stream, e.getMessage());
                }
            }
        }
        millisBehind = behind;
        return new Read(out, ended);
    }

    private boolean appendedTo(String shardId) {
        CompletableFuture<Void> signal = appended.get(shardId);
        return signal != null && signal.isDone();
    }

    private boolean finished(String shardId) {
        return PositionsCodec.SHARD_END.equals(positions.get(shardId));
    }

    private boolean parentsFinished(ShardMeta shard, Set<String> listed) {
        for (ShardId parent : Arrays.asList(shard.parent(), shard.adjacentParent())) {
            // a parent trimmed by retention is no longer listed: nothing of it is left to read
            if (parent != null && listed.contains(parent.toString()) && !finished(parent.toString())) {
                return false;
            }
        }
        return true;
    }

    private String iterator(String shardId) {
        String iterator = iterators.get(shardId);
        if (iterator != null) {
            return iterator;
        }
        String position = positions.get(shardId);
        if (position != null) {
            return engine.records().getShardIterator(stream, shardId, IteratorType.AFTER_SEQUENCE_NUMBER, position,
                    null);
        }
        return sinceMillis == 0
                ? engine.records().getShardIterator(stream, shardId, IteratorType.TRIM_HORIZON, null, null)
                : engine.records().getShardIterator(stream, shardId, IteratorType.AT_TIMESTAMP, null, sinceMillis);
    }

    @Override
    public long millisBehindLatest() {
        return millisBehind;
    }

    @Override
    public void close() {
        iterators.clear();
    }
}
