package io.sluice.server.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The recent past of the metrics Sluice already keeps, for the console's charts: at each {@link #sample} it reads
 * every counter and distribution summary of the registry that names a stream ({@code StreamName}), a delivery
 * stream ({@code DeliveryStreamName}) or an event source mapping ({@code EventSourceMappingUUID}), optionally a shard ({@code ShardId}), and keeps per series the rate since
 * the previous sample (counters, per second) or the mean of the values recorded since then (summaries such as
 * {@code GetRecords.IteratorAgeMilliseconds}; no point when none was recorded). Each series holds the newest
 * {@code capacity} points (a ring: with a 10-second interval, 360 points are an hour). Nothing is persisted: the
 * history starts with the server.
 *
 * <p>Threading: {@link #sample} is called by one thread (the sampler); readers may call the query methods from any
 * thread. A read-write lock guards the series.
 */
public final class MetricHistory {

    public static final String STREAM_TAG = "StreamName";
    public static final String DELIVERY_STREAM_TAG = "DeliveryStreamName";
    public static final String MAPPING_TAG = "EventSourceMappingUUID";
    private static final String SHARD_TAG = "ShardId";

    /** One series: what kind of resource it names (its tag), which one, which shard (or null), which metric. */
    public record SeriesKey(String kind, String resource, String shard, String metric) {
    }

    /** One sampled value at the end of its interval. */
    public record Point(long timeMillis, double value) {
    }

    private final MeterRegistry registry;
    private final int capacity;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<SeriesKey, Ring> series = new HashMap<>();
    /** Per series, the counter's count or the summary's (count, total) at the previous sample. */
    private final Map<SeriesKey, double[]> previous = new HashMap<>();
    private long previousMillis = -1;

    public MetricHistory(MeterRegistry registry, int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a history needs at least 2 points, not " + capacity);
        }
        this.registry = registry;
        this.capacity = capacity;
    }

    /**
     * Takes one sample at {@code nowMillis}. The first one only sets the baselines; a meter first seen later counts
     * from zero (meters are made at their first use, after the previous sample).
     */
    public void sample(long nowMillis) {
        Map<SeriesKey, double[]> current = new HashMap<>();
        Map<SeriesKey, Boolean> isCounter = new HashMap<>();
        for (Meter meter : registry.getMeters()) {
            SeriesKey key = key(meter);
            if (key == null) {
                continue;
            }
            if (meter instanceof Counter counter) {
                current.put(key, new double[]{counter.count()});
                isCounter.put(key, true);
            } else if (meter instanceof DistributionSummary summary) {
                current.put(key, new double[]{summary.count(), summary.totalAmount()});
                isCounter.put(key, false);
            }
        }
        lock.writeLock().lock();
        try {
            if (previousMillis >= 0 && nowMillis > previousMillis) {
                double seconds = (nowMillis - previousMillis) / 1000.0;
                current.forEach((key, now) -> {
                    double[] before = previous.getOrDefault(key, new double[now.length]);
                    if (isCounter.get(key)) {
                        append(key, nowMillis, Math.max(0, now[0] - before[0]) / seconds);
                    } else if (now[0] > before[0]) {
                        append(key, nowMillis, (now[1] - before[1]) / (now[0] - before[0]));
                    }
                });
            }
            previous.clear();
            previous.putAll(current);
            previousMillis = nowMillis;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void append(SeriesKey key, long timeMillis, double value) {
        series.computeIfAbsent(key, k -> new Ring(capacity)).add(timeMillis, value);
    }

    /** Every series of one stream, delivery stream or mapping ({@code kind} is its tag), by key, oldest point first. */
    public Map<SeriesKey, List<Point>> of(String kind, String resource) {
        lock.readLock().lock();
        try {
            Map<SeriesKey, List<Point>> out = new TreeMap<>(java.util.Comparator.comparing(SeriesKey::metric)
                    .thenComparing(k -> k.shard() == null ? "" : k.shard()));
            series.forEach((key, ring) -> {
                if (key.kind().equals(kind) && key.resource().equals(resource)) {
                    out.put(key, ring.points());
                }
            });
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One resource-level metric (no shard) of every stream or delivery stream, by its name. */
    public Map<String, List<Point>> metric(String kind, String metric) {
        lock.readLock().lock();
        try {
            Map<String, List<Point>> out = new TreeMap<>();
            series.forEach((key, ring) -> {
                if (key.kind().equals(kind) && key.shard() == null && key.metric().equals(metric)) {
                    out.put(key.resource(), ring.points());
                }
            });
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static SeriesKey key(Meter meter) {
        Meter.Id id = meter.getId();
        String kind = id.getTag(STREAM_TAG) != null ? STREAM_TAG
                : id.getTag(DELIVERY_STREAM_TAG) != null ? DELIVERY_STREAM_TAG
                : id.getTag(MAPPING_TAG) != null ? MAPPING_TAG : null;
        return kind == null ? null : new SeriesKey(kind, id.getTag(kind), id.getTag(SHARD_TAG), id.getName());
    }

    /** The newest points of one series, in a fixed array. Guarded by the history's lock. */
    private static final class Ring {
        private final long[] times;
        private final double[] values;
        private int next;
        private int size;

        Ring(int capacity) {
            times = new long[capacity];
            values = new double[capacity];
        }

        void add(long time, double value) {
            times[next] = time;
            values[next] = value;
            next = (next + 1) % times.length;
            size = Math.min(size + 1, times.length);
        }

        List<Point> points() {
            List<Point> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int at = (next - size + i + times.length) % times.length;
                out.add(new Point(times[at], values[at]));
            }
            return out;
        }
    }
}
