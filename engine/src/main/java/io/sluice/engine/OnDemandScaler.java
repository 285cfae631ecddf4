package io.sluice.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides how ON_DEMAND streams reshard themselves. The policy, checked every {@link #CHECK_INTERVAL_MILLIS}:
 * <ul>
 *   <li>A stream keeps at least {@link #MIN_SHARDS} open shards (AWS's on-demand default of 4 MB/s write capacity)
 *       and at least one shard per MiB/s of the warm throughput it was asked for; below that, the widest shard is
 *       split in two.</li>
 *   <li>A hot shard, one that took at least half of a shard's write limit (512 KiB/s or 500 records/s) on average
 *       over the last minute, is split at the middle of its hash range, so capacity grows with the observed peak
 *       and each half has room for twice the load.</li>
 *   <li>After a cool-down of {@link #COOL_DOWN_MILLIS} without scaling, two adjacent shards that each took less
 *       than a tenth of a shard's limit over the last minute are merged, one pair per check, never below the
 *       minimum.</li>
 * </ul>
 * Reads only the injected clock (through the ingest meters and {@code now}). Not thread-safe: confined to the
 * {@link ScalingTask}'s thread.
 */
final class OnDemandScaler {

    static final long CHECK_INTERVAL_MILLIS = 10_000;
    static final long COOL_DOWN_MILLIS = 15 * 60_000;
    static final int MIN_SHARDS = 4;
    private static final double SHARD_BYTES_PER_SECOND = 1024 * 1024;
    private static final double SHARD_RECORDS_PER_SECOND = 1000;
    private static final int WINDOW = IngestMeter.WINDOW_SECONDS;

    /** One reshard the scaler wants: a split of {@code shard} at {@code key}, or a merge with {@code adjacent}. */
    record Step(ShardMeta shard, BigInteger splitKey, ShardMeta adjacent) {
    }

    private final Map<StreamKey, Long> lastScaled = new HashMap<>();
    private final Map<StreamKey, Long> lastChecked = new HashMap<>();

    /** What to do to this stream now, if anything; records the time of a scaling it returns. */
    List<Step> plan(OpenStream stream, long now) {
        StreamMeta meta = stream.meta();
        StreamKey key = meta.key();
        if (now - lastChecked.getOrDefault(key, Long.MIN_VALUE / 2) < CHECK_INTERVAL_MILLIS) {
            return List.of();
        }
        lastChecked.put(key, now);
        List<ShardMeta> open = new ArrayList<>(meta.openShards());
        open.sort(Comparator.comparing(s -> s.range().start()));
        int minimum = Math.max(MIN_SHARDS, meta.warmThroughputMiBps());
        List<Step> steps = new ArrayList<>();
        if (open.size() < minimum) {
            ShardMeta widest = open.stream().max(Comparator.comparing(OnDemandScaler::width)).orElseThrow();
            steps.add(split(widest));
        } else {
            for (ShardMeta shard : open) {
                if (load(stream, shard) >= 0.5) {
                    steps.add(split(shard));
                }
            }
        }
        if (steps.isEmpty() && open.size() > minimum
                && now - lastScaled.getOrDefault(key, Long.MIN_VALUE / 2) >= COOL_DOWN_MILLIS) {
            for (int i = 0; i + 1 < open.size(); i++) {
                if (cold(stream, open.get(i)) && cold(stream, open.get(i + 1))) {
                    steps.add(new Step(open.get(i), null, open.get(i + 1)));
                    break;
                }
            }
        }
        if (!steps.isEmpty()) {
            lastScaled.put(key, now);
        }
        return steps;
    }

    /** Forgets the streams that no longer exist. */
    void retain(Set<StreamKey> live) {
        lastScaled.keySet().retainAll(live);
        lastChecked.keySet().retainAll(live);
    }

    /** The larger of the byte and record load over the last minute, as a fraction of a shard's write limit. */
    private static double load(OpenStream stream, ShardMeta shard) {
        IngestMeter meter = stream.shards().get(shard.id().index()).ingest();
        return Math.max(meter.bytesPerSecond(WINDOW) / SHARD_BYTES_PER_SECOND,
                meter.recordsPerSecond(WINDOW) / SHARD_RECORDS_PER_SECOND);
    }

    private static boolean cold(OpenStream stream, ShardMeta shard) {
        return stream.shards().get(shard.id().index()).ingest().observedFor(WINDOW) && load(stream, shard) < 0.1;
    }

    private static Step split(ShardMeta shard) {
        BigInteger middle = shard.range().start().add(width(shard).shiftRight(1)).add(BigInteger.ONE);
        return new Step(shard, middle, null);
    }

    private static BigInteger width(ShardMeta shard) {
        return shard.range().end().subtract(shard.range().start());
    }
}
