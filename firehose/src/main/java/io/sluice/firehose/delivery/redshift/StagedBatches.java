package io.sluice.firehose.delivery.redshift;

import java.util.HashMap;
import java.util.Map;

/**
 * The batches of one Redshift route whose object is in the intermediate bucket but whose load has not succeeded
 * yet, by batch id: retries do not stage them again, and a batch given up is listed in a skipped manifest by its
 * object key. Entries leave when the load succeeds or is given up. Not thread-safe: the delivery thread's.
 */
final class StagedBatches {

    private final Map<String, String> keys = new HashMap<>();

    void staged(String batchId, String objectKey) {
        keys.put(batchId, objectKey);
    }

    /** The object key of a staged batch, or null. */
    String key(String batchId) {
        return keys.get(batchId);
    }

    /** Forgets a batch; returns its object key, or null if it was not staged. */
    String done(String batchId) {
        return keys.remove(batchId);
    }
}
