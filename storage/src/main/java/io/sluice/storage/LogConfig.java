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
 * @param maxQueuedBytes     back-pressure: the encoded bytes of appends accepted but not yet acknowledged, across
 *                           all logs of the store, beyond which a new append waits (a single append larger than
 *                           this is still accepted when nothing else waits)
 * @param maxQueueWaitMillis how long an append waits for room under {@code maxQueuedBytes} before it fails with a
 *                           {@link BackPressureException}; 0 fails at once
 * @param forceThreads       threads forcing the logs a commit batch touched, in parallel (1 forces them one after
 *                           another on the committer thread)
 */
public record LogConfig(long segmentBytes, long segmentMillis, int indexIntervalBytes, boolean fsync,
                        long maxQueuedBytes, long maxQueueWaitMillis, int forceThreads) {

    /** 256 MiB: a tenth of a small server's heap, minutes of a disk's worth of fsync stalls at line rate. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 256L << 20;
    /** One second: long enough to ride out an fsync stall, short enough for a client's request timeout. */
    public static final long DEFAULT_MAX_QUEUE_WAIT_MILLIS = 1000;
    /** Forces in flight at once; fsync is I/O-bound, so this does not depend on the number of cores. */
    public static final int DEFAULT_FORCE_THREADS = 8;

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
        if (maxQueuedBytes <= 0) {
            throw new IllegalArgumentException("maxQueuedBytes must be positive: " + maxQueuedBytes);
        }
        if (maxQueueWaitMillis < 0) {
            throw new IllegalArgumentException("maxQueueWaitMillis must not be negative: " + maxQueueWaitMillis);
        }
        if (forceThreads < 1 || forceThreads > 256) {
            throw new IllegalArgumentException("forceThreads must be within 1..256: " + forceThreads);
        }
    }

    /** The given segment settings with the default back-pressure and forcing settings. */
    public LogConfig(long segmentBytes, long segmentMillis, int indexIntervalBytes, boolean fsync) {
        this(segmentBytes, segmentMillis, indexIntervalBytes, fsync, DEFAULT_MAX_QUEUED_BYTES,
                DEFAULT_MAX_QUEUE_WAIT_MILLIS, DEFAULT_FORCE_THREADS);
    }

    /** 64 MiB segments, rolled at least hourly, an index entry every 4 KiB, fsync on, defaults for the rest. */
    public static LogConfig defaults() {
        return new LogConfig(64L << 20, Duration.ofHours(1).toMillis(), 4096, true);
    }

    /** This config with another back-pressure cap and wait. */
    public LogConfig withBackPressure(long maxQueuedBytes, long maxQueueWaitMillis) {
        return new LogConfig(segmentBytes, segmentMillis, indexIntervalBytes, fsync, maxQueuedBytes,
                maxQueueWaitMillis, forceThreads);
    }

    /** This config with another number of forcing threads. */
    public LogConfig withForceThreads(int forceThreads) {
        return new LogConfig(segmentBytes, segmentMillis, indexIntervalBytes, fsync, maxQueuedBytes,
                maxQueueWaitMillis, forceThreads);
    }
}
