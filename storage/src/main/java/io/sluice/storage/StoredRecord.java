package io.sluice.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record as read back from a {@link ShardLog}: its offset, the arrival timestamp the log gave it (milliseconds
 * since the epoch, never decreasing along the log), and what was appended. Equality compares the array contents.
 * Every read returns fresh arrays that nothing else refers to, so a record may be handed to any thread.
 */
public record StoredRecord(long offset, long timestamp, byte flags, byte[] partitionKey, byte[] data) {

    public StoredRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredRecord r
                && offset == r.offset
                && timestamp == r.timestamp
                && flags == r.flags
                && Arrays.equals(partitionKey, r.partitionKey)
                && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(offset);
        h = 31 * h + Long.hashCode(timestamp);
        h = 31 * h + flags;
        h = 31 * h + Arrays.hashCode(partitionKey);
        return 31 * h + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "StoredRecord[offset=" + offset + ", timestamp=" + timestamp + ", flags=" + flags + ", partitionKey="
                + partitionKey.length + " bytes, data=" + data.length + " bytes]";
    }
}
