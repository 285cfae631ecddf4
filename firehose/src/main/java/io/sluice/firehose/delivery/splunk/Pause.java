package io.sluice.firehose.delivery.splunk;

import java.time.Duration;

/**
 * Waits between two polls of the indexer acknowledgement: {@link #SLEEP} in production; tests advance a manual
 * clock instead. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Pause {

    Pause SLEEP = duration -> Thread.sleep(duration);

    void pause(Duration duration) throws InterruptedException;
}
