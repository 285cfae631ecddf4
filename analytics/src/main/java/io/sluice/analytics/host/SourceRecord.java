package io.sluice.analytics.host;

/**
 * One record read from an application's source. {@code shardId} and {@code sequenceNumber} are null for a
 * delivery stream source, whose records have no position that could be read again.
 */
public record SourceRecord(String shardId, String sequenceNumber, long arrivalMillis, String partitionKey,
                           byte[] data) {
}
