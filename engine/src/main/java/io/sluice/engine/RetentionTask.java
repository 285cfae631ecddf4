package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskId;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Retention: every {@code checkMillis}, drops from every shard log the segments whose records have all passed
 * their stream's retention period. Reads only the injected clock. Nothing to checkpoint: trimming is idempotent
 * and its state is the logs themselves.
 *
 * <p>Threading: {@link #doWork} from the task's thread only. A stream removed while it is being trimmed (its logs
 * closed under it) is skipped.
 */
final class RetentionTask implements Task {

    static final TaskId ID = new TaskId("kinesis-retention", Maintenance.ALL_STREAMS);

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
        if (now - lastCheck < checkMillis) {
            return 0;
        }
        lastCheck = now;
        int deleted = 0;
        for (OpenStream stream : streams.snapshot()) {
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
        return deleted;
    }
}
