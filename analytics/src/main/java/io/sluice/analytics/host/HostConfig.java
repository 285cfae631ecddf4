package io.sluice.analytics.host;

import java.nio.file.Path;

/**
 * The settings of the application host.
 *
 * @param dataDir                   where older installs kept each application's positions file
 *                                   ({@code <dataDir>/<encoded ARN>/}); read once and moved into the metadata store
 * @param rowtimeBoundIntervalMillis how often a caught-up application issues a rowtime bound from the clock
 *                                   (setting {@code analytics.rowtime-bound-interval-ms}, default 1000): the longest
 *                                   a tumbling group or stagger window waits past its end when no row comes
 * @param pollIntervalMillis        how long a shard that returned nothing waits before it is read again (keeps an
 *                                   idle application within a shard's 5 GetRecords calls per second)
 */
public record HostConfig(Path dataDir, long rowtimeBoundIntervalMillis, long pollIntervalMillis) {

    public static final long DEFAULT_ROWTIME_BOUND_INTERVAL_MILLIS = 1_000;
    public static final long DEFAULT_POLL_INTERVAL_MILLIS = 200;

    public HostConfig {
        if (rowtimeBoundIntervalMillis <= 0 || pollIntervalMillis < 0) {
            throw new IllegalArgumentException("the rowtime bound interval must be positive and the poll interval"
                    + " not negative");
        }
    }

    public static HostConfig defaults(Path dataDir) {
        return new HostConfig(dataDir, DEFAULT_ROWTIME_BOUND_INTERVAL_MILLIS, DEFAULT_POLL_INTERVAL_MILLIS);
    }
}
