package io.sluice.engine;

/** One record of a put, already checked against the model's constraints. {@code explicitHashKey} may be null. */
public record PutRecordsEntry(byte[] data, String partitionKey, String explicitHashKey) {
}
