package io.sluice.firehose.buffer;

import io.sluice.engine.store.MetaStore;
import io.sluice.engine.store.ShardLogHandle;
import io.sluice.engine.store.ShardLogStore;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.ReadResult;
import io.sluice.storage.StoredRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable buffer of one delivery stream: a shard log of the records put (a {@link ShardLogStore}'s: segment
 * files on one node, a Kafka topic in cluster mode), and a checkpoint, the offset of the first record not yet
 * delivered everywhere it must go.
 *
 * <p><b>Stored</b>: the log's entries (format in {@code Segment}, or a Kafka record with the flags header) carry flags 0 and an empty key for DirectPut
 * records, or flags 1 and the {@link KinesisRecordMetadata} as key for records read from a Kinesis stream; flag
 * bit {@code 0x80} marks a record sealed by the {@link BufferSealer} (server-side encryption), whose data is then
 * ciphertext only, bound to the buffer name. The checkpoint is the metadata store entry
 * {@code checkpoint/<buffer name>}, the offset as a decimal string; absent means 0. In cluster mode several nodes
 * append to the log, so the offsets of one put's records need not be consecutive, and offsets may have gaps.
 *
 * <p><b>Guarantees</b>: an append's future completes once the records are written (and forced, with fsync), so a
 * put is acknowledged only for durable records. After a restart, delivery resumes at the checkpoint, so records
 * delivered after the last checkpoint are delivered again: at least once. Segments whose records all lie before
 * the checkpoint are deleted when it moves (in cluster mode, the topic's retention drops them instead). When the
 * delivery moves to another node, that node {@linkplain #reload reloads} the checkpoint and goes on from it.
 *
 * <p><b>Threading</b>: {@link #append} from any thread; {@link #read}, {@link #commit}, {@link #reload} and
 * {@link #checkpoint} from the delivery stream's one delivery thread at a time.
 */
public final class DurableBuffer {

    private static final byte DIRECT_PUT = 0;
    private static final byte FROM_KINESIS = 1;
    private static final byte SEALED = (byte) 0x80;
    private static final byte[] NO_KEY = new byte[0];
    private static final String CHECKPOINT_PREFIX = "checkpoint/";

    private final ShardLogStore logs;
    private final BufferSealer sealer;
    private final String name;
    private final ShardLogHandle log;
    private final MetaStore metadata;
    private final String checkpointKey;
    private long checkpoint;

    /**
     * @param name    the buffer's name: its checkpoint's key, and what sealed records are bound to
     * @param logName the name of its log in {@code logs}
     * @param sealer  may be null when no record is ever sealed
     */
    public DurableBuffer(ShardLogStore logs, MetaStore metadata, String name, String logName, BufferSealer sealer)
            throws IOException {
        this.logs = logs;
        this.sealer = sealer;
        this.name = name;
        this.log = logs.open(logName);
        this.metadata = metadata;
        this.checkpointKey = CHECKPOINT_PREFIX + name;
        this.checkpoint = storedCheckpoint();
    }

    private long storedCheckpoint() {
        byte[] stored = metadata.get(checkpointKey);
        return stored == null ? 0 : Long.parseLong(new String(stored, StandardCharsets.US_ASCII));
    }

    /** Reads the checkpoint again from the metadata store: another node may have delivered and moved it. */
    public void reload() {
        checkpoint = storedCheckpoint();
    }

    /** Appends DirectPut records; the future gives each record's offset once they are all durable. */
    public CompletableFuture<long[]> append(List<byte[]> records) {
        List<AppendRecord> entries = new ArrayList<>(records.size());
        for (byte[] data : records) {
            entries.add(new AppendRecord(DIRECT_PUT, NO_KEY, data));
        }
        return logs.appendEach(log, entries);
    }

    /** Appends DirectPut records sealed under a KMS key (null: the AWS owned key). */
    public CompletableFuture<long[]> appendSealed(List<byte[]> records, String keyArn) {
        List<AppendRecord> entries = new ArrayList<>(records.size());
        for (byte[] data : records) {
            entries.add(new AppendRecord((byte) (DIRECT_PUT | SEALED), NO_KEY, sealer.seal(name, keyArn, data)));
        }
        return logs.appendEach(log, entries);
    }

    /** Appends records read from a Kinesis stream, keeping where each came from. */
    public CompletableFuture<long[]> appendFromKinesis(List<KinesisRecordMetadata> sources, List<byte[]> records) {
        List<AppendRecord> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            entries.add(new AppendRecord(FROM_KINESIS, sources.get(i).encode(), records.get(i)));
        }
        return logs.appendEach(log, entries);
    }

    /** Up to {@code maxRecords} records (and about {@code maxBytes}) from {@code fromOffset} on. */
    public List<BufferedRecord> read(long fromOffset, int maxRecords, long maxBytes) {
        try {
            ReadResult result = log.read(Math.max(fromOffset, log.startOffset()), maxRecords, maxBytes);
            List<BufferedRecord> out = new ArrayList<>(result.records().size());
            for (StoredRecord r : result.records()) {
                byte[] data = (r.flags() & SEALED) != 0 ? sealer.open(name, r.data()) : r.data();
                byte source = (byte) (r.flags() & ~SEALED);
                out.add(new BufferedRecord(r.offset(), r.timestamp(), data,
                        source == FROM_KINESIS ? KinesisRecordMetadata.decode(r.partitionKey()) : null));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long checkpoint() {
        return checkpoint;
    }

    /**
     * Records that everything before {@code offset} is delivered, durably, and deletes the segments that hold only
     * such records. Moving the checkpoint backwards does nothing.
     */
    public void commit(long offset) {
        if (offset <= checkpoint) {
            return;
        }
        try {
            metadata.put(checkpointKey, Long.toString(offset).getBytes(StandardCharsets.US_ASCII));
            checkpoint = offset;
            // Timestamps never decrease along the log, so a segment whose newest record is older than the first
            // undelivered record holds only delivered ones.
            long end = log.endOffset();
            List<BufferedRecord> first = offset < end ? read(offset, 1, 1) : List.of();
            if (!first.isEmpty()) {
                log.deleteSegmentsOlderThan(first.getFirst().arrivalMillis());
            } else if (end > 0) {
                List<BufferedRecord> last = read(end - 1, 1, 1);
                if (!last.isEmpty()) {
                    log.deleteSegmentsOlderThan(last.getFirst().arrivalMillis() + 1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the log and the checkpoint, for a deleted delivery stream. */
    public void destroy() throws IOException {
        logs.delete(log.name());
        metadata.delete(checkpointKey);
    }
}
