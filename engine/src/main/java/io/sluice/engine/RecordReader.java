package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.SequenceNumber;
import io.sluice.common.ServiceException;
import io.sluice.common.ShardId;
import io.sluice.engine.store.ShardLogHandle;
import io.sluice.storage.ReadResult;
import io.sluice.storage.StoredRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The read path: turns a starting position into a signed shard iterator, and an iterator into records, the next
 * iterator, MillisBehindLatest, and the child shards at the end of a closed shard. Thread-safe; holds no state
 * of its own.
 */
final class RecordReader {

    static final long MAX_GET_RECORDS_BYTES = 10L * 1024 * 1024;

    private final TokenSigner signer;
    private final Clock clock;
    private final long iteratorTtlMillis;
    private final StreamEncryption encryption;
    private final StreamObserver observer;

    RecordReader(TokenSigner signer, Clock clock, long iteratorTtlMillis, StreamEncryption encryption,
                 StreamObserver observer) {
        this.signer = signer;
        this.clock = clock;
        this.iteratorTtlMillis = iteratorTtlMillis;
        this.encryption = encryption;
        this.observer = observer;
    }

    String iterator(OpenStream stream, ShardMeta shard, IteratorType type, String sequenceNumber, Long timestamp) {
        stream.shards().get(shard.id().index()).budget().admitGetShardIterator();
        long offset = startOffset(stream, shard, type, sequenceNumber, timestamp);
        return issue(stream.meta(), shard.id().index(), offset, clock.millis());
    }

    /** The log offset a starting position names (GetShardIterator's and SubscribeToShard's). */
    long startOffset(OpenStream stream, ShardMeta shard, IteratorType type, String sequenceNumber, Long timestamp) {
        ShardLogHandle log = stream.log(shard.id().index());
        long offset = switch (type) {
            case TRIM_HORIZON -> log.startOffset();
            case LATEST -> shard.isSealed() ? shard.endOffset() : log.endOffset();
            case AT_SEQUENCE_NUMBER -> Math.max(0, positionOf(shard, log, sequenceNumber, type) - 1);
            case AFTER_SEQUENCE_NUMBER -> positionOf(shard, log, sequenceNumber, type);
            case AT_TIMESTAMP -> offsetAt(log, timestamp, clock.millis());
        };
        return Math.max(offset, log.startOffset());
    }

    /** @param internal a reader inside the server: held to the shard's read bytes, not its calls per second */
    GetRecordsResult read(OpenStream stream, ShardIterator it, int limit, boolean internal) {
        StreamMeta meta = stream.meta();
        ShardMeta shard = meta.shard(it.shardIndex());
        ShardRuntime runtime = stream.shards().get(it.shardIndex());
        if (shard == null || runtime == null) {
            throw Messages.shardNotFound(meta.key(), new ShardId(it.shardIndex()).toString());
        }
        try {
            if (internal) {
                runtime.budget().admitInternalRead();
            } else {
                runtime.budget().admitRead();
            }
        } catch (ServiceException throttled) {
            observer.readThrottled(meta, shard.id());
            throw throttled;
        }
        ReadBatch batch = readAt(stream, shard, it.offset(), limit, MAX_GET_RECORDS_BYTES);
        runtime.budget().chargeRead(batch.bytes());
        if (runtime.usage() != null) {
            runtime.usage().read(internal ? 0 : 1, batch.bytes());
        }
        String next = batch.atEnd() ? null : issue(meta, it.shardIndex(), batch.nextOffset(), clock.millis());
        return new GetRecordsResult(batch.records(), next, batch.millisBehindLatest(), batch.childShards());
    }

    /**
     * Reads committed records of a shard from a log offset, decrypted, with how far behind the tip they are; at
     * the end of a sealed shard the batch says so and names the children.
     */
    ReadBatch readAt(OpenStream stream, ShardMeta shard, long offset, int limit, long maxBytes) {
        int index = shard.id().index();
        ShardLogHandle log = stream.log(index);
        long now = clock.millis();
        ReadResult result;
        // a sealed shard ends where its metadata says, whatever a log might hold past that
        int max = shard.isSealed() ? (int) Math.max(0, Math.min(limit, shard.endOffset() - offset)) : limit;
        try {
            result = max == 0 ? new ReadResult(List.of(), Math.max(offset, log.startOffset()))
                    : log.read(offset, max, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ReadRecord> records = new ArrayList<>(result.records().size());
        long bytes = 0;
        for (StoredRecord stored : result.records()) {
            byte[] key = stored.partitionKey();
            byte[] data = stored.data();
            boolean encrypted = stored.flags() == StreamEncryption.ENCRYPTED;
            if (encrypted) {
                byte[][] opened = encryption.open(stream, index, data);
                key = opened[0];
                data = opened[1];
            }
            bytes += data.length + key.length;
            records.add(new ReadRecord(shard.sequenceLayout().ofRecord(index, stored.offset()), stored.timestamp(),
                    data, new String(key, StandardCharsets.UTF_8), encrypted));
        }
        long next = result.nextOffset();
        boolean caughtUp = next >= log.endOffset();
        long behind = caughtUp || records.isEmpty() ? 0 : Math.max(0, now - records.getLast().arrivalMillis());
        observer.recordsRead(stream.meta(), shard.id(), records.size(), bytes, behind);
        boolean atEnd = shard.isSealed() && next >= shard.endOffset();
        return new ReadBatch(records, next, bytes, behind, atEnd,
                atEnd ? childrenOf(stream.meta(), shard) : List.of());
    }

    /** Checks an iterator token's signature and decodes it; the only place a GetRecords call verifies it. */
    IteratorToken decode(String token) {
        byte[] payload = token == null ? null : signer.open(token);
        return new IteratorToken(payload == null ? null : ShardIterator.decodeOrNull(payload));
    }

    /** The iterator of a decoded token: InvalidArgument if it is not ours, ExpiredIterator if too old. */
    ShardIterator current(IteratorToken token) {
        ShardIterator it = token.iterator();
        if (it == null) {
            throw ServiceException.invalidArgument("Invalid ShardIterator.");
        }
        long now = clock.millis();
        if (now - it.issuedAt() > iteratorTtlMillis) {
            throw new ServiceException(ErrorType.EXPIRED_ITERATOR, "Iterator expired. The iterator was created at time "
                    + it.issuedAt() + " while right now it is " + now + " which is further in the future than the "
                    + "tolerated delay of " + iteratorTtlMillis + " milliseconds.");
        }
        return it;
    }

    private String issue(StreamMeta meta, int shardIndex, long offset, long now) {
        return signer.seal(new ShardIterator(meta.key(), meta.createdAt(), shardIndex, offset, now).encode());
    }

    /** The position a starting sequence number names (see {@link SequenceNumber}), checked against the shard. */
    private static long positionOf(ShardMeta shard, ShardLogHandle log, String sequenceNumber, IteratorType type) {
        if (sequenceNumber == null) {
            throw ServiceException.invalidArgument("StartingSequenceNumber must be specified for ShardIteratorType "
                    + type + ".");
        }
        SequenceNumber seq = SequenceNumber.parseOrNull(sequenceNumber);
        if (seq == null) {
            throw ServiceException.invalidArgument("StartingSequenceNumber " + sequenceNumber
                    + " used in GetShardIterator on shard " + shard.id() + " is not a valid sequence number.");
        }
        if (seq.shardIndex() != shard.id().index()) {
            throw ServiceException.invalidArgument("Invalid StartingSequenceNumber. It encodes "
                    + new ShardId(seq.shardIndex()) + ", while it was used in a call to a shard with " + shard.id());
        }
        long end = shard.isSealed() ? shard.endOffset() : log.endOffset();
        if (seq.position() > end) {
            throw ServiceException.invalidArgument("StartingSequenceNumber " + sequenceNumber
                    + " used in GetShardIterator on shard " + shard.id() + " is past the end of the shard.");
        }
        return seq.position();
    }

    private static long offsetAt(ShardLogHandle log, Long timestamp, long now) {
        if (timestamp == null) {
            throw ServiceException.invalidArgument("Timestamp must be specified for ShardIteratorType AT_TIMESTAMP.");
        }
        if (timestamp > now) {
            throw ServiceException.invalidArgument("The timestampInMillis parameter cannot be greater than the "
                    + "currentTimestampInMillis. timestampInMillis: " + timestamp + ", currentTimestampInMillis: " + now);
        }
        try {
            return log.offsetForTimestamp(timestamp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ChildShard> childrenOf(StreamMeta meta, ShardMeta parent) {
        List<ChildShard> children = new ArrayList<>();
        for (ShardMeta shard : meta.shards()) {
            if (parent.id().equals(shard.parent()) || parent.id().equals(shard.adjacentParent())) {
                List<ShardId> parents = shard.adjacentParent() == null ? List.of(shard.parent())
                        : List.of(shard.parent(), shard.adjacentParent());
                children.add(new ChildShard(shard.id(), parents, shard.range()));
            }
        }
        return children;
    }
}
