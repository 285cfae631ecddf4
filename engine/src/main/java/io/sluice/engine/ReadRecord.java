package io.sluice.engine;

import io.sluice.common.SequenceNumber;

/** A record as GetRecords returns it. */
public record ReadRecord(SequenceNumber sequenceNumber, long arrivalMillis, byte[] data, String partitionKey) {
}
