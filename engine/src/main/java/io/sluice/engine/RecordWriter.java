package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.HashKeyRange;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.ShardLogStore;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.BackPressureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The write path: checks records against the stream's limits, routes each to the open shard whose hash-key range
 * holds MD5(partition key) or the explicit hash key, admits what the shard's write budget allows (the rest are
 * throttled per record, as PutRecords does), encrypts when the stream says so, and appends each shard's records
 * as one batch to its log. The future completes once every batch is durable. Callers hold the stream's
 * {@link WriteGate} for puts while calling {@link #put}; {@link #put} names each shard's log to the gate before it
 * enqueues, so a reshard can wait for the log. A batch that storage refuses under back-pressure fails its records
 * with {@link ErrorType#SERVICE_UNAVAILABLE}, any other storage failure with {@link ErrorType#INTERNAL_FAILURE}
 * (storage logs the cause when the log fails; here it is logged at debug per batch). On logs other nodes append
 * to, a batch is acknowledged only as far as its shard's end ({@link LandingCheck}); records past it come back
 * as {@link #CUT_OFF} for the caller to put again. Thread-safe; holds no state of its own.
 */
final class RecordWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RecordWriter.class);

    /** The per-record code of a throttled record, for callers that still compare codes. */
    static final String BUSY_MESSAGE = "Storage is busy; slow down and retry.";
    static final String INTERNAL_MESSAGE = "Internal service failure.";
    static final long MAX_PUT_RECORDS_BYTES = 5L * 1024 * 1024;
    /** Streams whose records may exceed 1 MiB take PutRecords calls of up to 10 MiB. */
    static final long MAX_LARGE_PUT_RECORDS_BYTES = 10L * 1024 * 1024;
    private static final byte[] NO_KEY = new byte[0];

    /** The outcome of a record that landed past its shard's seal: not stored, to be put again via the children. */
    static final PutOutcome CUT_OFF = PutOutcome.failed(ErrorType.INTERNAL_FAILURE, INTERNAL_MESSAGE);

    /** Where each record of a batch landed, and where its shard ends ({@link LandingCheck#OPEN} if it does not). */
    private record Landed(long[] offsets, long end) {
    }

    private final ShardLogStore logs;
    private final StreamEncryption encryption;
    private final StreamObserver observer;
    private final LandingCheck landing;

    /** @param landing where shards end, for logs other nodes append to as well; null on a node's own logs */
    RecordWriter(ShardLogStore logs, StreamEncryption encryption, StreamObserver observer, LandingCheck landing) {
        this.logs = logs;
        this.encryption = encryption;
        this.observer = observer;
        this.landing = landing;
    }

    CompletableFuture<List<PutOutcome>> put(OpenStream stream, List<PutRecordsEntry> entries) {
        StreamMeta meta = stream.meta();
        ShardRouter router = stream.router();
        ShardRouter.Hasher hasher = router.hasher();
        long maxRecordBytes = meta.maxRecordSizeKiB() * 1024L;
        long total = 0;
        int n = entries.size();
        byte[][] keys = new byte[n][];
        int[] slots = new int[n];
        int[] perSlot = new int[router.size()];
        for (int i = 0; i < n; i++) {
            PutRecordsEntry entry = entries.get(i);
            keys[i] = entry.partitionKey().getBytes(StandardCharsets.UTF_8);
            long size = (long) entry.data().length + keys[i].length;
            if (size > maxRecordBytes) {
                throw ServiceException.validation("1 validation error detected: Value at '" + dataPath(entries, i)
                        + "' failed to satisfy constraint: Member must have length less than or equal to "
                        + maxRecordBytes);
            }
            total += size;
            slots[i] = entry.explicitHashKey() != null ? router.slotOf(explicitHashKey(entry))
                    : hasher.slotOf(keys[i]);
            perSlot[slots[i]]++;
        }
        long maxTotal = meta.maxRecordSizeKiB() > 1024 ? MAX_LARGE_PUT_RECORDS_BYTES : MAX_PUT_RECORDS_BYTES;
        if (n > 1 && total > maxTotal) {
            throw ServiceException.invalidArgument("Records size exceeds " + maxTotal / (1024 * 1024) + " MB limit");
        }
        // the records' indexes grouped by slot, in order within each (a counting sort: one pass whatever the shards)
        int[] firstOf = new int[perSlot.length + 1];
        for (int slot = 0; slot < perSlot.length; slot++) {
            firstOf[slot + 1] = firstOf[slot] + perSlot[slot];
        }
        int[] bySlot = new int[n];
        int[] filled = firstOf.clone();
        for (int i = 0; i < n; i++) {
            bySlot[filled[slots[i]]++] = i;
        }
        boolean encrypt = encryption.active(stream);
        PutOutcome[] outcomes = new PutOutcome[n];
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        for (int slot = 0; slot < perSlot.length; slot++) {
            if (perSlot[slot] == 0) {
                continue;
            }
            ShardMeta shard = router.shard(slot);
            int index = shard.id().index();
            ShardRuntime runtime = stream.shards().get(index);
            int[] positions = Arrays.copyOfRange(bySlot, firstOf[slot], firstOf[slot + 1]);
            int[] sizes = new int[positions.length];
            for (int k = 0; k < positions.length; k++) {
                sizes[k] = entries.get(positions[k]).data().length + keys[positions[k]].length;
            }
            boolean[] admitted = runtime.budget().admitWrites(sizes);
            int[] accepted = new int[positions.length];
            int acceptedCount = 0;
            List<AppendRecord> batch = new ArrayList<>(positions.length);
            long bytes = 0;
            for (int k = 0; k < positions.length; k++) {
                int i = positions[k];
                if (!admitted[k]) {
                    outcomes[i] = PutOutcome.failed(ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED,
                            runtime.budget().rateExceededMessage());
                    continue;
                }
                byte[] data = entries.get(i).data();
                batch.add(encrypt ? new AppendRecord(StreamEncryption.ENCRYPTED, NO_KEY,
                        encryption.seal(stream, index, keys[i], data)) : new AppendRecord((byte) 0, keys[i], data));
                accepted[acceptedCount++] = i;
                bytes += sizes[k];
            }
            if (acceptedCount < positions.length) {
                observer.writesThrottled(meta, shard.id(), positions.length - acceptedCount);
            }
            if (batch.isEmpty()) {
                continue;
            }
            int acceptedTotal = acceptedCount;
            if (runtime.usage() != null) {
                runtime.usage().wrote(acceptedTotal, bytes);
            }
            stream.gate().appending(index, logs, runtime.log());
            CompletableFuture<Landed> append = logs.appendEach(runtime.log(), batch).thenCompose(offsets ->
                    landing == null ? CompletableFuture.completedFuture(new Landed(offsets, LandingCheck.OPEN))
                            : landing.end(meta, index).thenApply(end -> new Landed(offsets, end)));
            long batchBytes = bytes;
            appends.add(append.handle((landed, failure) -> {
                PutOutcome failed = null;
                if (failure != null) {
                    LOG.debug("append to {} {} failed", meta.key(), shard.id(), failure);
                    failed = failedAppend(failure);
                }
                int stored = 0;
                for (int k = 0; k < acceptedTotal; k++) {
                    PutOutcome outcome;
                    if (failure != null) {
                        outcome = failed;
                    } else if (landed.offsets()[k] < landed.end()) {
                        outcome = PutOutcome.stored(new PutResult(shard.id(),
                                meta.sequenceLayout().ofRecord(index, landed.offsets()[k]), encrypt));
                        stored++;
                    } else {
                        outcome = CUT_OFF;
                    }
                    outcomes[accepted[k]] = outcome;
                }
                if (stored > 0) {
                    long storedBytes = batchBytes * stored / acceptedTotal;
                    runtime.signal().appended();
                    runtime.ingest().record(stored, storedBytes);
                    observer.recordsPut(meta, shard.id(), stored, storedBytes);
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new))
                .thenApply(done -> Arrays.asList(outcomes));
    }

    /** The outcome of each record of a batch that storage did not take: back-pressure is retryable, not a fault. */
    static PutOutcome failedAppend(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof BackPressureException
                ? PutOutcome.failed(ErrorType.SERVICE_UNAVAILABLE, BUSY_MESSAGE)
                : PutOutcome.failed(ErrorType.INTERNAL_FAILURE, INTERNAL_MESSAGE);
    }

    private static String dataPath(List<PutRecordsEntry> entries, int i) {
        return entries.size() == 1 ? "data" : "records." + (i + 1) + ".member.data";
    }

    private static BigInteger explicitHashKey(PutRecordsEntry entry) {
        BigInteger hash = new BigInteger(entry.explicitHashKey());
        if (hash.compareTo(HashKeyRange.MAX_HASH_KEY) > 0) {
            throw new ServiceException(ErrorType.INVALID_ARGUMENT, "Invalid ExplicitHashKey. ExplicitHashKey must"
                    + " be in the range: [0, 2^128-1]. Specified value was " + entry.explicitHashKey());
        }
        return hash;
    }
}
