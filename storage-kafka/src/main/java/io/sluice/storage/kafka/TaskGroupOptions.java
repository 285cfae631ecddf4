package io.sluice.storage.kafka;

import java.time.Duration;

/**
 * How the nodes share out background tasks through the group on the tasks topic.
 *
 * @param partitions     partitions of the tasks topic when this node creates it; an existing topic keeps its own
 *                       count, which every node reads at start, so all nodes map a task to the same partition.
 *                       More partitions than nodes lets the tasks spread evenly; 32 suits up to a dozen nodes
 * @param sessionTimeout how long the group waits for a silent node before moving its tasks (the failover time
 *                       after a crash); must lie within the broker's {@code group.min.session.timeout.ms} (6 s by
 *                       default) and {@code group.max.session.timeout.ms}
 * @param pollInterval   how long one poll of the membership thread waits; bounds how late this node reacts to a
 *                       rebalance and how long {@link KafkaTaskPlacement#close()} waits for the thread
 */
public record TaskGroupOptions(int partitions, Duration sessionTimeout, Duration pollInterval) {

    public static final TaskGroupOptions DEFAULTS = new TaskGroupOptions(32, Duration.ofSeconds(10),
            Duration.ofMillis(200));

    public TaskGroupOptions {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        if (sessionTimeout.toMillis() < 1_000) {
            throw new IllegalArgumentException("sessionTimeout must be at least 1 s, not " + sessionTimeout);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, not " + pollInterval);
        }
    }

    /** The same options with another session timeout. */
    public TaskGroupOptions withSessionTimeout(Duration timeout) {
        return new TaskGroupOptions(partitions, timeout, pollInterval);
    }

    /**
     * 1 s, or a third of a shorter session timeout so that two heartbeats may be lost before the group gives up on
     * a node. The other members learn of a rebalance from their next heartbeat, so this bounds how long the tasks
     * of a node that left wait before they resume elsewhere; a heartbeat a second per node costs the coordinator
     * nothing.
     */
    public Duration heartbeatInterval() {
        return Duration.ofMillis(Math.min(1_000, sessionTimeout.toMillis() / 3));
    }
}
