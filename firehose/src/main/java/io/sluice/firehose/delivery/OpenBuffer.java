package io.sluice.firehose.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records gathering for one route (and one partition) until the buffering hints say to seal them into a
 * {@link Batch}. Not thread-safe: owned by the delivery thread.
 */
final class OpenBuffer {

    private final Batch.Route route;
    private final Map<String, String> partitionKeys;
    private final String errorOutputType;
    private final List<Batch.Entry> entries = new ArrayList<>();
    private long bytes;
    private long firstOffset = Long.MAX_VALUE;
    private long oldestArrivalMillis = Long.MAX_VALUE;

    OpenBuffer(Batch.Route route, Map<String, String> partitionKeys, String errorOutputType) {
        this.route = route;
        this.partitionKeys = partitionKeys;
        this.errorOutputType = errorOutputType;
    }

    void add(byte[] data, long arrivalMillis, long sourceOffset) {
        entries.add(new Batch.Entry(data, arrivalMillis));
        bytes += data.length;
        firstOffset = Math.min(firstOffset, sourceOffset);
        oldestArrivalMillis = Math.min(oldestArrivalMillis, arrivalMillis);
    }

    long bytes() {
        return bytes;
    }

    long firstOffset() {
        return firstOffset;
    }

    /**
     * Whether the hints say to deliver: the size is reached, or the oldest record has waited the interval since it
     * arrived (so records read again after a restart do not wait a second interval).
     */
    boolean due(long now, long sizeBytes, long intervalMillis) {
        return bytes >= sizeBytes || now - oldestArrivalMillis >= intervalMillis;
    }

    Batch seal(String requestId) {
        return new Batch(route, partitionKeys, errorOutputType, entries, firstOffset, requestId);
    }
}
