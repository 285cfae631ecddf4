package io.sluice.agent.send;

import java.util.List;

/**
 * One destination's batch call: PutRecords to a Kinesis stream or PutRecordBatch to a Firehose delivery stream.
 * Implementations are thread-safe (several buffers of a flow are sent at once).
 */
public interface RecordSender {

    /**
     * Sends {@code records} in one request.
     *
     * @return the records the service refused, by index in {@code records}; empty when every record was accepted
     * @throws SendException when the request as a whole failed (no record was accepted)
     */
    List<RecordFailure> send(List<byte[]> records) throws SendException;

    /** The most records one request takes (500 for both services). */
    default int maxRecordsPerRequest() {
        return 500;
    }

    /** The most bytes one request takes: 5 MiB for PutRecords, 4 MiB for PutRecordBatch. */
    long maxBytesPerRequest();

    /**
     * One record the service refused within an otherwise answered request.
     *
     * @param index     its index in the request
     * @param errorCode the service's code (ProvisionedThroughputExceededException, ServiceUnavailableException,
     *                  InternalFailure...)
     * @param message   the service's message
     */
    record RecordFailure(int index, String errorCode, String message) {
    }
}
