package io.sluice.firehose.processing;

import io.sluice.firehose.buffer.BufferedRecord;
import io.sluice.firehose.buffer.KinesisRecordMetadata;

import java.util.Map;

/**
 * A record on its way through processing to a destination.
 *
 * @param sourceOffset  the durable buffer offset of the record it came from (several records share one after
 *                      de-aggregation); delivery checkpoints by it
 * @param recordId      the id the transformation function sees: the source offset, and {@code .n} for the n-th
 *                      record de-aggregated from it
 * @param partitionKeys the dynamic partitioning keys found so far (empty without dynamic partitioning), each
 *                      named with its origin: {@link #FROM_QUERY} or {@link #FROM_LAMBDA} and the key
 * @param kinesis       where the source record came from, for KinesisStreamAsSource delivery streams; else null
 */
public record ProcessedRecord(long sourceOffset, String recordId, long arrivalMillis, byte[] data,
                              Map<String, String> partitionKeys, KinesisRecordMetadata kinesis) {

    /** Prefixes of the partition keys found by MetadataExtraction and returned by the function. */
    public static final String FROM_QUERY = "partitionKeyFromQuery:";
    public static final String FROM_LAMBDA = "partitionKeyFromLambda:";

    public ProcessedRecord {
        partitionKeys = Map.copyOf(partitionKeys);
    }

    public static ProcessedRecord of(BufferedRecord record) {
        return new ProcessedRecord(record.offset(), Long.toString(record.offset()), record.arrivalMillis(),
                record.data(), Map.of(), record.kinesis());
    }

    public ProcessedRecord withData(byte[] newData) {
        return new ProcessedRecord(sourceOffset, recordId, arrivalMillis, newData, partitionKeys, kinesis);
    }

    public ProcessedRecord withPartitionKeys(Map<String, String> keys) {
        return new ProcessedRecord(sourceOffset, recordId, arrivalMillis, data, keys, kinesis);
    }

    /** The n-th record split out of this one. */
    public ProcessedRecord part(int n, byte[] partData) {
        return new ProcessedRecord(sourceOffset, recordId + "." + n, arrivalMillis, partData, partitionKeys,
                kinesis);
    }
}
