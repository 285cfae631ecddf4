package io.sluice.firehose.delivery;

import java.util.List;
import java.util.Map;

/**
 * Records sealed for one delivery: an S3 object or one HTTP request. Its identity (request id, object key) is
 * fixed at the first attempt, so retries send the same request and overwrite the same object.
 *
 * <p>Not thread-safe: owned by the delivery stream's delivery thread.
 *
 * @param route           where it goes: the main destination, the backup, or the error output
 * @param partitionKeys   the dynamic partition of a main batch (empty otherwise)
 * @param errorOutputType processing-failed, http-endpoint-failed... for error output; else null
 * @param firstOffset     the smallest durable buffer offset the records came from; the checkpoint cannot pass it
 *                        until the batch is delivered
 */
public final class Batch {

    /** Where a batch goes. */
    public enum Route { MAIN, BACKUP, ERRORS }

    /** One record of a batch: its bytes (an error record's JSON line for error output) and arrival time. */
    public record Entry(byte[] data, long arrivalMillis) {
    }

    private final Route route;
    private final Map<String, String> partitionKeys;
    private final String errorOutputType;
    private final List<Entry> entries;
    private final long bytes;
    private final long firstOffset;
    private final long oldestArrivalMillis;
    private final String requestId;
    private String objectKey;
    private int attempts;
    private long firstAttemptMillis = -1;
    private long nextAttemptMillis;

    Batch(Route route, Map<String, String> partitionKeys, String errorOutputType, List<Entry> entries,
          long firstOffset, String requestId) {
        this.route = route;
        this.partitionKeys = Map.copyOf(partitionKeys);
        this.errorOutputType = errorOutputType;
        this.entries = List.copyOf(entries);
        this.bytes = entries.stream().mapToLong(e -> e.data().length).sum();
        this.firstOffset = firstOffset;
        this.oldestArrivalMillis = entries.stream().mapToLong(Entry::arrivalMillis).min().orElse(0);
        this.requestId = requestId;
    }

    public Route route() {
        return route;
    }

    public Map<String, String> partitionKeys() {
        return partitionKeys;
    }

    public String errorOutputType() {
        return errorOutputType;
    }

    public List<Entry> entries() {
        return entries;
    }

    public long bytes() {
        return bytes;
    }

    public long firstOffset() {
        return firstOffset;
    }

    public long oldestArrivalMillis() {
        return oldestArrivalMillis;
    }

    /** The GUID of an HTTP delivery, unchanged across retries. */
    public String requestId() {
        return requestId;
    }

    /** The object key chosen at the first attempt to write this batch to S3, or null before. */
    public String objectKey() {
        return objectKey;
    }

    public void objectKey(String key) {
        this.objectKey = key;
    }

    public int attempts() {
        return attempts;
    }

    public long firstAttemptMillis() {
        return firstAttemptMillis;
    }

    public long nextAttemptMillis() {
        return nextAttemptMillis;
    }

    /** Counts an attempt made at {@code now}, and when the next may be made. */
    void attempted(long now, long nextMillis) {
        attempts++;
        if (firstAttemptMillis < 0) {
            firstAttemptMillis = now;
        }
        nextAttemptMillis = nextMillis;
    }
}
