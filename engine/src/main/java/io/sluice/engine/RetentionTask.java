package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskId;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Retention: every {@code checkMillis}, drops from every shard log the segments whose records have all passed
 * their stream's retention period; at every step, seals the shards a reshard left closed without an end (its
 * node died between the two changes). Reads only the injected clock. Nothing to checkpoint: trimming and sealing
 * are idempotent and their state is the logs and the metadata themselves.
 *
 * <p>Threading: {@link #doWork} from the task's thread only. A stream removed while it is being trimmed (its logs
 * closed under it) is skipped.
 */
final class RetentionTask implements Task {

    static final TaskId ID = new TaskId("kinesis-retention", Maintenance.ALL_STREAMS);
    /** How long a closed shard may wait for its end before this task seals it itself. */
    static final long ABANDONED_AFTER_MILLIS = 5_000;

    private final StreamRegistry streams;
    private final long checkMillis;
    private final Clock clock;
    private long lastCheck;

    RetentionTask(StreamRegistry streams, long checkMillis, Clock clock) {
        this.streams = streams;
        this.checkMillis = checkMillis;
        this.clock = clock;
        this.lastCheck = clock.millis();
    }

    @Override
    public TaskId id() {
        return ID;
    }

    /** @return how many segments it deleted */
    @Override
    public int doWork() throws IOException {
        long now = clock.millis();
        int sealed = sealAbandonedShards(now);
        if (now - lastCheck < checkMillis) {
            return sealed;
        }
        lastCheck = now;
        int deleted = 0;
        for (OpenStream stream : streams.snapshot()) {
            streams.retain(stream.meta());
            long cutoff = now - stream.meta().retentionMillis();
            for (ShardRuntime shard : stream.shards().values()) {
                try {
                    deleted += shard.log().deleteSegmentsOlderThan(cutoff);
                } catch (IOException | UncheckedIOException | IllegalStateException e) {
                    OpenStream current = streams.get(stream.meta().key());
                    if (current != null && current.meta().createdAt() == stream.meta().createdAt()) {
                        throw e;
                    }
                    break;
                }
            }
        }
        return deleted + sealed;
    }

    /**
     * Seals the shards a reshard closed but never sealed: the node that closed them died in between (on a single
     * node, the start does it). Writers on other nodes wait for those ends before they acknowledge.
     */
    private int sealAbandonedShards(long now) {
        int sealed = 0;
        for (OpenStream stream : streams.snapshot()) {
            boolean abandoned = stream.meta().shards().stream()
                    .anyMatch(s -> !s.isOpen() && !s.isSealed() && now - s.closedAt() >= ABANDONED_AFTER_MILLIS);
            if (abandoned) {
                streams.sealClosedShards(stream.meta().key());
                sealed++;
            }
        }
        return sealed;
    }
}
