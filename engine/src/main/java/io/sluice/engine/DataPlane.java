package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.common.ShardId;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The data plane: PutRecord(s), GetShardIterator, GetRecords and SubscribeToShard. Writes go through
 * {@link RecordWriter} under the stream's {@link WriteGate}, reads through {@link RecordReader}, subscriptions
 * through {@link FanOut}.
 *
 * <p>Threading: thread-safe; puts and reads run in parallel, holding no lock but a put's shared gate.
 */
public final class DataPlane {

    private static final int PUT_ATTEMPTS = 3;
    private static final int SEAL_WAITS = 50;
    private static final long SEAL_WAIT_MILLIS = 20;
    private static final Executor RESENDS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("put-resend-", 0).factory());

    private final StreamRegistry registry;
    private final RecordWriter writer;
    private final RecordReader reader;
    private final FanOut fanOut;
    private final boolean sharedLogs;

    DataPlane(StreamRegistry registry, RecordWriter writer, RecordReader reader, FanOut fanOut, boolean sharedLogs) {
        this.sharedLogs = sharedLogs;
        this.registry = registry;
        this.writer = writer;
        this.reader = reader;
        this.fanOut = fanOut;
    }

    public CompletableFuture<List<PutOutcome>> putRecords(StreamKey key, List<PutRecordsEntry> entries) {
        return putRecords(key, entries, 1);
    }

    /**
     * Puts, then puts again (through the shards that replaced it) what landed past the seal of a shard another
     * node closed; after {@link #PUT_ATTEMPTS} the records fail as not stored (InternalFailure: clients retry).
     */
    private CompletableFuture<List<PutOutcome>> putRecords(StreamKey key, List<PutRecordsEntry> entries,
                                                           int attempt) {
        return enqueue(key, entries).thenCompose(outcomes -> {
            List<Integer> cut = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) == RecordWriter.CUT_OFF) {
                    cut.add(i);
                }
            }
            if (cut.isEmpty() || attempt >= PUT_ATTEMPTS) {
                return CompletableFuture.completedFuture(outcomes);
            }
            List<PutRecordsEntry> again = cut.stream().map(entries::get).toList();
            // off the store's thread: the next put may wait for a reshard that waits for that thread
            return CompletableFuture.supplyAsync(() -> putRecords(key, again, attempt + 1), RESENDS)
                    .thenCompose(resent -> resent).thenApply(retried -> {
                        List<PutOutcome> merged = new ArrayList<>(outcomes);
                        for (int k = 0; k < cut.size(); k++) {
                            merged.set(cut.get(k), retried.get(k));
                        }
                        return merged;
                    });
        });
    }

    private CompletableFuture<List<PutOutcome>> enqueue(StreamKey key, List<PutRecordsEntry> entries) {
        while (true) {
            WriteGate gate = registry.readable(key).gate();
            gate.enterPut();
            try {
                OpenStream stream = registry.readable(key);
                if (stream.gate() == gate) {
                    return writer.put(stream, entries);
                }
            } finally {
                gate.exitPut();
            }
        }
    }

    public CompletableFuture<PutResult> putRecord(StreamKey key, PutRecordsEntry entry) {
        return putRecords(key, List.of(entry)).thenApply(outcomes -> {
            PutOutcome outcome = outcomes.getFirst();
            if (outcome.failed()) {
                // throttled → ProvisionedThroughputExceededException; storage back-pressure → ServiceUnavailable
                throw outcome.toException();
            }
            return outcome.result();
        });
    }

    public String getShardIterator(StreamKey key, String shardId, IteratorType type, String sequenceNumber,
                                   Long timestampMillis) {
        OpenStream stream = registry.readable(key);
        ShardId id = ShardId.parseOrNull(shardId);
        ShardMeta shard = id == null ? null : stream.meta().shard(id.index());
        if (shard == null && id != null) {
            // a shard made by a reshard through another node a moment ago
            registry.catchUp();
            stream = registry.readable(key);
            shard = stream.meta().shard(id.index());
        }
        if (shard == null) {
            throw Messages.shardNotFound(key, shardId);
        }
        if (!sharedLogs || shard.isSealed()) {
            return reader.iterator(stream, shard, type, sequenceNumber, timestampMillis);
        }
        return sharedIterator(key, id.index(), type, sequenceNumber, timestampMillis);
    }

    /**
     * An iterator on a shard of a log other nodes append to, whose end this node does not know: a position taken
     * from the log's end may lie past a seal marker another node wrote (records there are never acknowledged),
     * so the position is taken between two catch-ups with the metadata, and taken again at the sealed end if the
     * shard turns out closed. If it is still open after the second catch-up, its closing was committed after the
     * position was taken, and so was the seal marker.
     */
    private String sharedIterator(StreamKey key, int index, IteratorType type, String sequenceNumber,
                                  Long timestampMillis) {
        for (int attempt = 0; ; attempt++) {
            registry.catchUp();
            OpenStream stream = registry.readable(key);
            ShardMeta shard = stream.meta().shard(index);
            if (shard.isSealed()) {
                return reader.iterator(stream, shard, type, sequenceNumber, timestampMillis);
            }
            if (shard.isOpen()) {
                String iterator = reader.iterator(stream, shard, type, sequenceNumber, timestampMillis);
                registry.catchUp();
                if (registry.readable(key).meta().shard(index).isOpen()) {
                    return iterator;
                }
            } else if (attempt >= SEAL_WAITS) {
                // the node that closed it has not sealed it: seal it here (idempotent)
                registry.sealClosedShards(key);
            } else {
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(SEAL_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a shard's seal", e);
        }
    }

    /**
     * Checks a shard iterator token's signature, once per GetRecords call: pass the result to whatever else in
     * the call needs the iterator (authorization, metrics) and to {@link #getRecords(IteratorToken, int)}.
     * Never throws; an invalid token is refused when read.
     */
    public IteratorToken openIterator(String shardIterator) {
        return reader.decode(shardIterator);
    }

    /** GetRecords on an iterator already opened by {@link #openIterator}; does not verify it again. */
    public GetRecordsResult getRecords(IteratorToken iterator, int limit) {
        return read(iterator, limit, false);
    }

    /** GetRecords on an iterator token as the client sent it. */
    public GetRecordsResult getRecords(String shardIterator, int limit) {
        return getRecords(openIterator(shardIterator), limit);
    }

    /**
     * GetRecords for a reader inside the server (an analytics application's input). It shares the shard's read
     * bytes per second with API readers, but is not held to their 5 calls per second: it reads each time records
     * are appended ({@link #nextAppend}), as a fan-out subscription is pushed them, so its rows do not wait for a
     * polling schedule.
     */
    public GetRecordsResult getRecordsInternal(String shardIterator, int limit) {
        return read(openIterator(shardIterator), limit, true);
    }

    private GetRecordsResult read(IteratorToken iterator, int limit, boolean internal) {
        ShardIterator it = reader.current(iterator);
        OpenStream stream = registry.get(it.stream());
        if (stream == null || stream.meta().createdAt() != it.streamCreatedAt()) {
            throw Messages.streamNotFound(it.stream());
        }
        OpenStream readable = registry.readable(it.stream());
        if (readable.shards().get(it.shardIndex()) == null) {
            // an iterator another node issued for a shard this node has not heard of yet
            registry.catchUp();
            readable = registry.readable(it.stream());
        }
        return reader.read(readable, it, limit, internal);
    }

    /**
     * A future completed by the next append to a shard: background readers (analytics applications) take it
     * BEFORE they read, so an append between their read and their wait still wakes them, as fan-out does.
     *
     * @throws ServiceException ResourceNotFoundException when the stream or the shard does not exist
     */
    public CompletableFuture<Void> nextAppend(StreamKey key, String shardId) {
        OpenStream stream = registry.readable(key);
        ShardId id = ShardId.parseOrNull(shardId);
        if (id == null || stream.meta().shard(id.index()) == null || id.index() >= stream.shards().size()) {
            throw Messages.shardNotFound(key, shardId);
        }
        ShardRuntime shard = stream.shards().get(id.index());
        return shard.nextAppend(shard.log().endOffset());
    }

    /**
     * SubscribeToShard. A second subscription of the same consumer and shard within 5 seconds of the first is
     * refused with ResourceInUseException; after that it takes over and the older one ends.
     */
    public ShardSubscription subscribeToShard(String consumerArn, String shardId, IteratorType type,
                                              String sequenceNumber, Long timestampMillis) {
        return fanOut.subscribe(consumerArn, shardId, type, sequenceNumber, timestampMillis);
    }
}
