package io.sluice.engine;

import io.sluice.common.SequenceNumber;

/** A record as GetRecords returns it, decrypted; {@code encrypted} says whether it was stored encrypted. */
public record ReadRecord(SequenceNumber sequenceNumber, long arrivalMillis, byte[] data, String partitionKey,
                         boolean encrypted) {
}
