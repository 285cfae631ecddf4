package io.sluice.engine.limits;

import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The data-plane budgets of one shard, as token buckets whose capacity is one second's worth of their rate
 * (AWS allows little burst):
 * <ul>
 *   <li>writes: bytes (data plus partition key) and records per second, both of which a record must fit;</li>
 *   <li>reads: GetRecords calls per second, and bytes per second. A GetRecords call may return far more than a
 *       second's worth (up to {@link LimitSettings#maxGetRecordsBytes()}), so a call is admitted while the bytes
 *       bucket is not in debt and what it returned is charged afterwards, taking the bucket into debt by up to
 *       {@code maxGetRecordsBytes}: after a 10 MiB read at 2 MiB/s, calls in the next 5 seconds are throttled,
 *       as in AWS;</li>
 *   <li>GetShardIterator calls per second, at the rate the settings give that operation (unlimited if none).</li>
 * </ul>
 * When the settings are disabled everything is admitted. A throttled record or call takes nothing from any
 * budget. In a cluster the usage other nodes report for the shard is charged here too ({@link #chargeOthers}).
 * One instance per shard, so it lives and dies with the shard and needs no eviction.
 *
 * <p>Thread-safe: writes are judged under a lock of their own so a record takes from both of its buckets or from
 * neither; reads and GetShardIterator use the buckets' own atomicity.
 */
public final class ShardThroughput {

    private final boolean enabled;
    private final String rateExceededMessage;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final TokenBucket writeBytes;
    private final TokenBucket writeRecords;
    private final TokenBucket readBytes;
    private final TokenBucket readCalls;
    private final TokenBucket shardIterators;

    /** A shard named only as "shard" in throttling messages; prefer the constructor that names it. */
    public ShardThroughput(Clock clock, LimitSettings settings) {
        this(clock, settings, "Rate exceeded for shard.");
    }

    /**
     * A shard whose throttling messages name it as AWS does: "Rate exceeded for shard shardId-000000000000 in
     * stream orders under account 123456789012."
     */
    public ShardThroughput(Clock clock, LimitSettings settings, String shardId, String streamName, String accountId) {
        this(clock, settings, "Rate exceeded for shard " + shardId + " in stream " + streamName + " under account "
                + accountId + ".");
    }

    private ShardThroughput(Clock clock, LimitSettings settings, String rateExceededMessage) {
        this.enabled = settings.enabled();
        this.rateExceededMessage = rateExceededMessage;
        this.writeBytes = TokenBucket.oneSecondBurst(clock, settings.writeBytesPerSecond());
        this.writeRecords = TokenBucket.oneSecondBurst(clock, settings.writeRecordsPerSecond());
        this.readCalls = TokenBucket.oneSecondBurst(clock, settings.readCallsPerSecond());
        this.readBytes = new TokenBucket(clock, settings.readBytesPerSecond(), settings.readBytesPerSecond(),
                settings.maxGetRecordsBytes());
        Double iteratorRate = settings.controlPlaneRatesPerSecond().get(LimitSettings.GET_SHARD_ITERATOR);
        this.shardIterators = iteratorRate == null ? null : TokenBucket.oneSecondBurst(clock, iteratorRate);
    }

    /**
     * Judges records in order, each on its own, as PutRecords does: a record is admitted (and charged) if both the
     * bytes and the records budget have room for it, so a throttled big record does not block a later small one.
     * A record bigger than a second's worth of write bytes is never admitted; with AWS's numbers none is, since a
     * record is at most 1 MiB.
     *
     * @param recordSizes sizes in bytes, data plus partition key
     * @return per record, true if admitted, false if throttled
     */
    public boolean[] admitWrites(int[] recordSizes) {
        boolean[] admitted = new boolean[recordSizes.length];
        if (!enabled) {
            Arrays.fill(admitted, true);
            return admitted;
        }
        writeLock.lock();
        try {
            for (int i = 0; i < recordSizes.length; i++) {
                if (writeRecords.has(1) && writeBytes.has(recordSizes[i])) {
                    writeRecords.charge(1);
                    writeBytes.charge(recordSizes[i]);
                    admitted[i] = true;
                }
            }
        } finally {
            writeLock.unlock();
        }
        return admitted;
    }

    /**
     * Admits a GetRecords call if the shard has a call left this second and its read bytes are not in debt; the
     * caller then {@link #chargeRead}s what the call returned.
     *
     * @throws ServiceException PROVISIONED_THROUGHPUT_EXCEEDED otherwise
     */
    public void admitRead() {
        // Debt first: a call refused for debt must not also use up one of the second's calls.
        if (enabled && !(readBytes.available() && readCalls.tryTake(1))) {
            throw throttled();
        }
    }

    /**
     * Admits a read by a reader inside the server (an analytics application's input): it shares the shard's read
     * bytes with API readers, but not their calls per second, since it reads when records are appended rather
     * than on a polling schedule.
     *
     * @throws ServiceException PROVISIONED_THROUGHPUT_EXCEEDED while the shard's read bytes are in debt
     */
    public void admitInternalRead() {
        if (enabled && !readBytes.available()) {
            throw throttled();
        }
    }

    /** Charges the bytes a GetRecords call returned; may take the read budget into debt. */
    public void chargeRead(long bytes) {
        if (enabled) {
            readBytes.charge(bytes);
        }
    }

    /** @throws ServiceException PROVISIONED_THROUGHPUT_EXCEEDED when the shard's GetShardIterator rate is exceeded */
    public void admitGetShardIterator() {
        if (enabled && shardIterators != null && !shardIterators.tryTake(1)) {
            throw throttled();
        }
    }

    /**
     * Charges what other nodes took from this shard (their {@link UsageExchange} report) as if this node had
     * admitted it: the buckets may go into debt, which this node then repays before admitting again, so the
     * shard's rate summed over the nodes stays at the limit (see {@link UsageExchange} for the precision).
     */
    public void chargeOthers(ShardUsage usage) {
        if (!enabled) {
            return;
        }
        if (usage.writeBytes() > 0 || usage.writeRecords() > 0) {
            writeLock.lock();
            try {
                writeRecords.charge(usage.writeRecords());
                writeBytes.charge(usage.writeBytes());
            } finally {
                writeLock.unlock();
            }
        }
        if (usage.readCalls() > 0) {
            readCalls.charge(usage.readCalls());
        }
        if (usage.readBytes() > 0) {
            readBytes.charge(usage.readBytes());
        }
    }

    /** The message AWS gives for this shard's throttling, also for the caller to put on throttled records. */
    public String rateExceededMessage() {
        return rateExceededMessage;
    }

    private ServiceException throttled() {
        return new ServiceException(ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED, rateExceededMessage);
    }
}
