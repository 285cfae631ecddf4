package io.sluice.firehose.buffer;

/**
 * A record as the durable buffer holds it: its offset in the buffer, when it arrived (epoch millis), its data,
 * and for records read from a Kinesis stream where it came from (null for DirectPut).
 */
public record BufferedRecord(long offset, long arrivalMillis, byte[] data, KinesisRecordMetadata kinesis) {
}
