package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.HashKeyRange;
import io.sluice.common.SequenceNumber;
import io.sluice.common.ServiceException;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.LogStore;
import io.sluice.storage.ShardLog;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The write path: checks records against the stream's limits, routes each to the open shard whose hash-key range
 * holds MD5(partition key) or the explicit hash key, and appends each shard's records as one batch to its log.
 * The future completes once every batch is durable. Callers hold the stream's {@link WriteGate} for puts while
 * calling {@link #put}. Thread-safe; holds no state of its own.
 */
final class RecordWriter {

    static final long MAX_PUT_RECORDS_BYTES = 5L * 1024 * 1024;
    /** Streams whose records may exceed 1 MiB take PutRecords calls of up to 10 MiB. */
    static final long MAX_LARGE_PUT_RECORDS_BYTES = 10L * 1024 * 1024;

    private final LogStore logs;

    RecordWriter(LogStore logs) {
        this.logs = logs;
    }

    CompletableFuture<List<PutOutcome>> put(OpenStream stream, List<PutRecordsEntry> entries) {
        StreamMeta meta = stream.meta();
        long maxRecordBytes = meta.maxRecordSizeKiB() * 1024L;
        long total = 0;
        byte[][] keys = new byte[entries.size()][];
        ShardMeta[] targets = new ShardMeta[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            PutRecordsEntry entry = entries.get(i);
            keys[i] = entry.partitionKey().getBytes(StandardCharsets.UTF_8);
            long size = (long) entry.data().length + keys[i].length;
            if (size > maxRecordBytes) {
                throw ServiceException.validation("1 validation error detected: Value at '" + dataPath(entries, i)
                        + "' failed to satisfy constraint: Member must have length less than or equal to "
                        + maxRecordBytes);
            }
            total += size;
            targets[i] = route(meta, entry);
        }
        long maxTotal = meta.maxRecordSizeKiB() > 1024 ? MAX_LARGE_PUT_RECORDS_BYTES : MAX_PUT_RECORDS_BYTES;
        if (entries.size() > 1 && total > maxTotal) {
            throw ServiceException.invalidArgument("Records size exceeds " + maxTotal / (1024 * 1024) + " MB limit");
        }
        Map<ShardMeta, List<Integer>> byShard = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            byShard.computeIfAbsent(targets[i], s -> new ArrayList<>()).add(i);
        }
        PutOutcome[] outcomes = new PutOutcome[entries.size()];
        List<CompletableFuture<Void>> appends = new ArrayList<>(byShard.size());
        for (Map.Entry<ShardMeta, List<Integer>> group : byShard.entrySet()) {
            ShardMeta shard = group.getKey();
            List<Integer> positions = group.getValue();
            List<AppendRecord> batch = new ArrayList<>(positions.size());
            for (int i : positions) {
                batch.add(new AppendRecord((byte) 0, keys[i], entries.get(i).data()));
            }
            ShardLog log = stream.logs().get(shard.id().index());
            CompletableFuture<Long> append = logs.append(log, batch);
            stream.gate().appended(shard.id().index(), append);
            appends.add(append.handle((first, failure) -> {
                for (int k = 0; k < positions.size(); k++) {
                    outcomes[positions.get(k)] = failure == null
                            ? PutOutcome.stored(new PutResult(shard.id(), new SequenceNumber(shard.id().index(), first + k)))
                            : PutOutcome.failed("InternalFailure", "Internal service failure.");
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new))
                .thenApply(done -> Arrays.asList(outcomes));
    }

    private static String dataPath(List<PutRecordsEntry> entries, int i) {
        return entries.size() == 1 ? "data" : "records." + (i + 1) + ".member.data";
    }

    private static ShardMeta route(StreamMeta meta, PutRecordsEntry entry) {
        BigInteger hash;
        if (entry.explicitHashKey() != null) {
            hash = new BigInteger(entry.explicitHashKey());
            if (hash.compareTo(HashKeyRange.MAX_HASH_KEY) > 0) {
                throw new ServiceException(ErrorType.INVALID_ARGUMENT, "Invalid ExplicitHashKey. ExplicitHashKey must"
                        + " be in the range: [0, 2^128-1]. Specified value was " + entry.explicitHashKey());
            }
        } else {
            hash = HashKeyRange.hashOf(entry.partitionKey());
        }
        for (ShardMeta shard : meta.shards()) {
            if (shard.isOpen() && shard.range().contains(hash)) {
                return shard;
            }
        }
        throw new IllegalStateException("open shards of " + meta.key() + " do not cover hash key " + hash);
    }
}
