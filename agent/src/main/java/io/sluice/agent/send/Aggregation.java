package io.sluice.agent.send;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Firehose's {@code aggregatedRecordSizeBytes}: consecutive records are concatenated into one Firehose record as
 * long as it stays within the size (a record larger than the size alone is sent on its own), which saves the
 * per-record cost of PutRecordBatch for small lines. Records are concatenated as they are (they carry their own
 * separators, such as the newline the processing options keep). Stateless.
 */
final class Aggregation {

    /** Firehose's limit on one record before base64: 1,000 KiB. */
    static final int MAX_FIREHOSE_RECORD = 1000 * 1024;

    private Aggregation() {
    }

    static List<byte[]> pack(List<byte[]> records, int sizeBytes) {
        if (sizeBytes <= 0) {
            return records;
        }
        int limit = Math.min(sizeBytes, MAX_FIREHOSE_RECORD);
        List<byte[]> packed = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        for (byte[] record : records) {
            if (current.size() > 0 && current.size() + record.length > limit) {
                packed.add(current.toByteArray());
                current.reset();
            }
            current.writeBytes(record);
        }
        if (current.size() > 0) {
            packed.add(current.toByteArray());
        }
        return packed;
    }
}
