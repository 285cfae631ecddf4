package io.sluice.storage;

import java.time.Duration;

/**
 * Settings shared by every log of a {@link LogStore}. The constructor rejects values that make no sense. Immutable.
 *
 * @param segmentBytes       a segment is rolled before an append that would make it larger than this (a single
 *                           append larger than this still goes whole into one segment)
 * @param segmentMillis      a segment is rolled before an append once its first entry is this old, by the clock
 * @param indexIntervalBytes the sparse index gets an entry for the first entry written after this many bytes
 *                           since the previous index entry
 * @param fsync              whether the committer forces written data to the device before acknowledging it.
 *                           With {@code false}, an acknowledged append survives a crash of the process (the OS
 *                           page cache still holds it) but may be lost if the machine loses power or the OS
 *                           crashes; recovery then cuts whatever did not reach the disk. Useful for tests and
 *                           benchmarks, and for deployments that accept that risk for throughput.
 */
public record LogConfig(long segmentBytes, long segmentMillis, int indexIntervalBytes, boolean fsync) {

    public LogConfig {
        if (segmentBytes <= 0) {
            throw new IllegalArgumentException("segmentBytes must be positive: " + segmentBytes);
        }
        if (segmentMillis <= 0) {
            throw new IllegalArgumentException("segmentMillis must be positive: " + segmentMillis);
        }
        if (indexIntervalBytes <= 0) {
            throw new IllegalArgumentException("indexIntervalBytes must be positive: " + indexIntervalBytes);
        }
    }

    /** 64 MiB segments, rolled at least hourly, an index entry every 4 KiB, fsync on. */
    public static LogConfig defaults() {
        return new LogConfig(64L << 20, Duration.ofHours(1).toMillis(), 4096, true);
    }
}
