package io.sluice.engine.limits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Numbers of a limits profile: Kinesis throughput limits per shard and call rates of the control plane.
 *
 * @param enabled                    false turns every limit off (profile {@code off})
 * @param writeBytesPerSecond        PutRecord(s) bytes per shard per second, data plus partition key (AWS: 1 MiB)
 * @param writeRecordsPerSecond      PutRecord(s) records per shard per second (AWS: 1,000)
 * @param readBytesPerSecond         GetRecords bytes per shard per second (AWS: 2 MiB)
 * @param readCallsPerSecond         GetRecords calls per shard per second (AWS: 5)
 * @param maxGetRecordsBytes         the most one GetRecords call may return (AWS: 10 MiB), which is also the most
 *                                   read debt a shard can run up
 * @param controlPlaneRatesPerSecond calls per second by operation name (e.g. {@code CreateStream}); an operation
 *                                   that is not in the map is not limited. {@value #GET_SHARD_ITERATOR} is
 *                                   limited per shard by {@link ShardThroughput}, every other operation by
 *                                   {@link ControlPlaneLimiter}
 * @param updateShardCountPerDay     UpdateShardCount calls per stream within any rolling 24 hours (AWS: 10)
 */
public record LimitSettings(boolean enabled, long writeBytesPerSecond, long writeRecordsPerSecond,
                            long readBytesPerSecond, int readCallsPerSecond, long maxGetRecordsBytes,
                            Map<String, Double> controlPlaneRatesPerSecond, int updateShardCountPerDay) {

    /** The operation whose rate is kept per shard and answered with ProvisionedThroughputExceededException. */
    public static final String GET_SHARD_ITERATOR = "GetShardIterator";

    private static final long MIB = 1024 * 1024;
    private static final String CONTROL_PLANE_PREFIX = "control-plane.";

    public LimitSettings {
        if (writeBytesPerSecond < 1 || writeRecordsPerSecond < 1 || readBytesPerSecond < 1 || readCallsPerSecond < 1
                || maxGetRecordsBytes < 1 || updateShardCountPerDay < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        controlPlaneRatesPerSecond = Map.copyOf(controlPlaneRatesPerSecond);
        controlPlaneRatesPerSecond.forEach((operation, rate) -> {
            if (!(rate > 0) || rate.isInfinite()) {
                throw new IllegalArgumentException("rate of " + operation + " must be a positive number: " + rate);
            }
        });
    }

    /**
     * AWS's numbers. ListShards is limited per stream and GetShardIterator per shard; every other operation per
     * account.
     */
    public static LimitSettings aws() {
        Map<String, Double> rates = new HashMap<>();
        for (String operation : List.of("CreateStream", "DeleteStream", "ListStreams", "SplitShard", "MergeShards",
                "IncreaseStreamRetentionPeriod", "DecreaseStreamRetentionPeriod", GET_SHARD_ITERATOR,
                "RegisterStreamConsumer", "DeregisterStreamConsumer", "ListStreamConsumers", "AddTagsToStream",
                "RemoveTagsFromStream", "ListTagsForStream", "StartStreamEncryption", "StopStreamEncryption",
                "UpdateStreamMode", "EnableEnhancedMonitoring", "DisableEnhancedMonitoring")) {
            rates.put(operation, 5.0);
        }
        rates.put("DescribeStream", 10.0);
        rates.put("UpdateShardCount", 10.0);
        rates.put("DescribeStreamSummary", 20.0);
        rates.put("DescribeStreamConsumer", 20.0);
        rates.put("ListShards", 1000.0);
        rates.put("DescribeLimits", 1.0);
        return new LimitSettings(true, MIB, 1000, 2 * MIB, 5, 10 * MIB, rates, 10);
    }

    /** Nothing limited. Keeps AWS's numbers so that overrides given with this profile are still checked. */
    public static LimitSettings off() {
        return aws().withEnabled(false);
    }

    /**
     * Starts from a profile ({@code aws}, the default when null or blank, or {@code off}) and applies overrides.
     * Keys:
     * <ul>
     *   <li>{@code write-bytes-per-second}, {@code write-records-per-second}, {@code read-bytes-per-second},
     *       {@code read-calls-per-second}, {@code max-get-records-bytes}, {@code update-shard-count-per-day}:
     *       positive whole numbers</li>
     *   <li>{@code control-plane.<Operation>}, e.g. {@code control-plane.CreateStream}: calls per second, a
     *       positive number (may be fractional); the operation must be one the {@code aws} profile limits</li>
     * </ul>
     * Overrides on profile {@code off} are validated but change nothing, since nothing is limited.
     *
     * @throws IllegalArgumentException naming every unknown key and bad value at once, or an unknown profile
     */
    public static LimitSettings parse(String profile, Map<String, String> overrides) {
        LimitSettings base = switch (profile == null ? "" : profile.strip().toLowerCase(Locale.ROOT)) {
            case "", "aws" -> aws();
            case "off" -> off();
            default -> throw new IllegalArgumentException(
                    "unknown limits profile '" + profile + "' (expected aws or off)");
        };
        return new Overrides(base).apply(overrides);
    }

    private LimitSettings withEnabled(boolean on) {
        return new LimitSettings(on, writeBytesPerSecond, writeRecordsPerSecond, readBytesPerSecond,
                readCallsPerSecond, maxGetRecordsBytes, controlPlaneRatesPerSecond, updateShardCountPerDay);
    }

    /** Applies override strings to a profile's numbers, collecting every problem before failing. */
    private static final class Overrides {

        private long writeBytes;
        private long writeRecords;
        private long readBytes;
        private long readCalls;
        private long maxGetRecords;
        private long updateShardCount;
        private final boolean enabled;
        private final Map<String, Double> rates;
        private final List<String> problems = new ArrayList<>();

        Overrides(LimitSettings base) {
            enabled = base.enabled;
            writeBytes = base.writeBytesPerSecond;
            writeRecords = base.writeRecordsPerSecond;
            readBytes = base.readBytesPerSecond;
            readCalls = base.readCallsPerSecond;
            maxGetRecords = base.maxGetRecordsBytes;
            updateShardCount = base.updateShardCountPerDay;
            rates = new HashMap<>(base.controlPlaneRatesPerSecond);
        }

        LimitSettings apply(Map<String, String> overrides) {
            // Sorted so that the error message lists problems in a stable order.
            new TreeMap<>(overrides).forEach(this::applyOne);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid limits settings: " + String.join("; ", problems));
            }
            return new LimitSettings(enabled, writeBytes, writeRecords, readBytes, (int) readCalls, maxGetRecords,
                    rates, (int) updateShardCount);
        }

        private void applyOne(String key, String value) {
            switch (key) {
                case "write-bytes-per-second" -> writeBytes = whole(key, value, Long.MAX_VALUE, writeBytes);
                case "write-records-per-second" -> writeRecords = whole(key, value, Long.MAX_VALUE, writeRecords);
                case "read-bytes-per-second" -> readBytes = whole(key, value, Long.MAX_VALUE, readBytes);
                case "read-calls-per-second" -> readCalls = whole(key, value, Integer.MAX_VALUE, readCalls);
                case "max-get-records-bytes" -> maxGetRecords = whole(key, value, Long.MAX_VALUE, maxGetRecords);
                case "update-shard-count-per-day" ->
                        updateShardCount = whole(key, value, Integer.MAX_VALUE, updateShardCount);
                default -> {
                    String operation = key.startsWith(CONTROL_PLANE_PREFIX)
                            ? key.substring(CONTROL_PLANE_PREFIX.length()) : null;
                    if (operation == null || !rates.containsKey(operation)) {
                        problems.add("unknown key '" + key + "'");
                    } else {
                        rates.put(operation, rate(key, value, rates.get(operation)));
                    }
                }
            }
        }

        private long whole(String key, String value, long max, long fallback) {
            try {
                long parsed = Long.parseLong(String.valueOf(value).strip());
                if (parsed >= 1 && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below, with the other problems
            }
            problems.add("'" + key + "' must be a whole number from 1 to " + max + ", not '" + value + "'");
            return fallback;
        }

        private double rate(String key, String value, double fallback) {
            try {
                double parsed = Double.parseDouble(String.valueOf(value).strip());
                if (parsed > 0 && !Double.isInfinite(parsed)) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below, with the other problems
            }
            problems.add("'" + key + "' must be a positive number of calls per second, not '" + value + "'");
            return fallback;
        }
    }
}
