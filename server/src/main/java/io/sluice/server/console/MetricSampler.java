package io.sluice.server.console;

import io.sluice.common.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a {@link MetricHistory} at a fixed interval on a daemon thread of its own, stamping each sample with the
 * server's clock. A sample that fails is logged and the next one runs as planned. Start and close from one thread.
 */
public final class MetricSampler implements AutoCloseable {

    /** An hour of history in 10-second points, as the console's charts show it. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_POINTS = 360;
    private static final Logger LOG = LoggerFactory.getLogger(MetricSampler.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("console-metrics").daemon().factory());

    private MetricSampler() {
    }

    public static MetricSampler start(MetricHistory history, Clock clock, Duration interval) {
        MetricSampler sampler = new MetricSampler();
        sampler.timer.scheduleAtFixedRate(() -> {
            try {
                history.sample(clock.millis());
            } catch (RuntimeException e) {
                LOG.warn("sampling the metrics for the console failed", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
