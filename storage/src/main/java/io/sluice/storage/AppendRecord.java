package io.sluice.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record to append to a {@link ShardLog}.
 *
 * <p>{@code flags} is an opaque byte kept for the engine (for example "the data is encrypted"); storage never
 * interprets it. The arrays are not copied: callers must not modify them until the append's future completes.
 * Equality compares the array contents.
 */
public record AppendRecord(byte flags, byte[] partitionKey, byte[] data) {

    public AppendRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppendRecord r
                && flags == r.flags
                && Arrays.equals(partitionKey, r.partitionKey)
                && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * flags + Arrays.hashCode(partitionKey)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AppendRecord[flags=" + flags + ", partitionKey=" + partitionKey.length + " bytes, data="
                + data.length + " bytes]";
    }
}
