package io.sluice.server.kinesis;

import io.sluice.engine.GetRecordsResult;
import io.sluice.engine.IteratorToken;
import io.sluice.engine.IteratorType;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.PutOutcome;
import io.sluice.engine.PutRecordsEntry;
import io.sluice.engine.PutResult;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The data-plane operations: PutRecord, PutRecords, GetShardIterator, GetRecords. A record refused by storage
 * back-pressure answers PutRecord with 503 {@code ServiceUnavailableException} and PutRecords with the per-record
 * {@code InternalFailure} AWS documents (both retryable; the other records of the call keep their outcome).
 * Thread-safe.
 */
final class RecordActions {

    /** The model's own bound on a blob; the stream's (smaller) record size limit is the engine's to check. */
    private static final long MODEL_MAX_DATA = 10L * 1024 * 1024;
    private static final List<String> ITERATOR_TYPES = Arrays.stream(IteratorType.values()).map(Enum::name).toList();
    private static final int MAX_LIMIT = 10000;

    private final KinesisEngine engine;

    RecordActions(KinesisEngine engine) {
        this.engine = engine;
    }

    void putRecord(RequestContext context, WireObject in, ResponseWriter out) {
        byte[] data = in.blob("Data");
        String key = in.string("PartitionKey");
        String hashKey = in.string("ExplicitHashKey");
        String ordering = in.string("SequenceNumberForOrdering");
        StreamRefs.validate(new Validator(), in).required("data", data).blobLength("data", data, MODEL_MAX_DATA)
                .required("partitionKey", key).length("partitionKey", key, 1, 256)
                .pattern("explicitHashKey", hashKey, Validator.HASH_KEY)
                .pattern("sequenceNumberForOrdering", ordering, Validator.SEQUENCE_NUMBER).check();
        // Records of a shard are stored in arrival order, so a later put always sorts after SequenceNumberForOrdering.
        PutResult result = join(engine.records().putRecord(StreamRefs.resolve(context, in),
                new PutRecordsEntry(data, key, hashKey)));
        out.shardId("ShardId", result.shardId())
                .sequenceNumber("SequenceNumber", result.sequenceNumber())
                .string("EncryptionType", result.encrypted() ? "KMS" : "NONE");
    }

    void putRecords(RequestContext context, WireObject in, ResponseWriter out) {
        List<WireObject> records = in.objects("Records");
        Validator validator = StreamRefs.validate(new Validator(), in).required("records", records)
                .size("records", records, 1, 500);
        List<PutRecordsEntry> entries = new ArrayList<>(records == null ? 0 : records.size());
        if (records != null) {
            for (int i = 0; i < records.size(); i++) {
                WireObject record = records.get(i);
                byte[] data = record.blob("Data");
                String key = record.string("PartitionKey");
                String hashKey = record.string("ExplicitHashKey");
                if (!plainlyValid(data, key, hashKey)) {
                    String path = "records." + (i + 1) + ".member.";
                    validator.required(path + "data", data).blobLength(path + "data", data, MODEL_MAX_DATA)
                            .required(path + "partitionKey", key).length(path + "partitionKey", key, 1, 256)
                            .pattern(path + "explicitHashKey", hashKey, Validator.HASH_KEY);
                }
                entries.add(new PutRecordsEntry(data, key, hashKey));
            }
        }
        validator.check();
        writePutRecords(out, join(engine.records().putRecords(StreamRefs.resolve(context, in), entries)));
    }

    /**
     * Whether a record certainly passes the model's checks, so that its member paths need not be built: a key of
     * 1 to 256 UTF-16 units has 1 to 256 code points, and no explicit hash key leaves nothing to match.
     */
    private static boolean plainlyValid(byte[] data, String key, String hashKey) {
        return data != null && data.length <= MODEL_MAX_DATA && key != null && !key.isEmpty() && key.length() <= 256
                && hashKey == null;
    }

    /** PutRecords' answer: the failure count, then each record's sequence number and shard or its error. */
    static void writePutRecords(ResponseWriter out, List<PutOutcome> outcomes) {
        int failed = 0;
        boolean encrypted = false;
        for (PutOutcome outcome : outcomes) {
            if (outcome.failed()) {
                failed++;
            } else {
                encrypted |= outcome.result().encrypted();
            }
        }
        out.number("FailedRecordCount", failed).string("EncryptionType", encrypted ? "KMS" : "NONE")
                .startArray("Records");
        for (PutOutcome outcome : outcomes) {
            out.startObject();
            if (outcome.failed()) {
                out.string("ErrorCode", outcome.errorCode()).string("ErrorMessage", outcome.errorMessage());
            } else {
                out.sequenceNumber("SequenceNumber", outcome.result().sequenceNumber())
                        .shardId("ShardId", outcome.result().shardId());
            }
            out.endObject();
        }
        out.endArray();
    }

    void getShardIterator(RequestContext context, WireObject in, ResponseWriter out) {
        String shardId = in.string("ShardId");
        String type = in.string("ShardIteratorType");
        String sequence = in.string("StartingSequenceNumber");
        Long timestamp = in.timestampMillis("Timestamp");
        StreamRefs.validate(new Validator(), in).required("shardId", shardId).length("shardId", shardId, 1, 128)
                .pattern("shardId", shardId, Validator.NAME).required("shardIteratorType", type)
                .oneOf("shardIteratorType", type, ITERATOR_TYPES)
                .pattern("startingSequenceNumber", sequence, Validator.SEQUENCE_NUMBER).check();
        String iterator = engine.records().getShardIterator(StreamRefs.resolve(context, in), shardId,
                IteratorType.valueOf(type), sequence, timestamp);
        out.string("ShardIterator", iterator);
    }

    void getRecords(RequestContext context, WireObject in, ResponseWriter out) {
        getRecords(engine.records().openIterator(in.string("ShardIterator")), in, out);
    }

    /** GetRecords on the call's iterator, already opened (and verified) once for the whole call. */
    void getRecords(IteratorToken opened, WireObject in, ResponseWriter out) {
        String iterator = in.string("ShardIterator");
        Integer limit = in.integer("Limit");
        StreamRefs.validate(new Validator(), in).required("shardIterator", iterator)
                .length("shardIterator", iterator, 1, 512).range("limit", limit, 1, MAX_LIMIT).check();
        GetRecordsResult result = engine.records().getRecords(opened, limit == null ? MAX_LIMIT : limit);
        ShardWriter.records(out, result.records());
        out.string("NextShardIterator", result.nextShardIterator())
                .number("MillisBehindLatest", result.millisBehindLatest());
        ShardWriter.childShards(out, result.childShards());
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
