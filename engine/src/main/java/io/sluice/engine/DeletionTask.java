package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskId;

/**
 * Finishes deletions: removes the streams and consumers whose DELETING period is over (metadata, logs, data
 * keys, resource policies), and forgets fan-out subscriptions that have ended. Reads only the injected clock.
 * Nothing to checkpoint: a deletion is recorded in the metadata when it is requested, and a restart finishes it.
 *
 * <p>Threading: {@link #doWork} from the task's thread only (see {@link Task}); the registries it changes are
 * thread-safe.
 */
final class DeletionTask implements Task {

    static final TaskId ID = new TaskId("kinesis-deletions", Maintenance.ALL_STREAMS);

    private final StreamRegistry streams;
    private final ConsumerRegistry consumers;
    private final AccountStore accounts;
    private final StreamEncryption encryption;
    private final FanOut fanOut;
    private final long deleteDelayMillis;
    private final Clock clock;

    DeletionTask(StreamRegistry streams, ConsumerRegistry consumers, AccountStore accounts,
                 StreamEncryption encryption, FanOut fanOut, long deleteDelayMillis, Clock clock) {
        this.streams = streams;
        this.consumers = consumers;
        this.accounts = accounts;
        this.encryption = encryption;
        this.fanOut = fanOut;
        this.deleteDelayMillis = deleteDelayMillis;
        this.clock = clock;
    }

    @Override
    public TaskId id() {
        return ID;
    }

    /** @return how many streams, consumers and ended subscriptions it removed */
    @Override
    public int doWork() {
        long now = clock.millis();
        int removed = 0;
        for (OpenStream stream : streams.snapshot()) {
            StreamMeta meta = stream.meta();
            if (meta.deletingAt() >= 0 && now - meta.deletingAt() >= deleteDelayMillis) {
                for (ConsumerMeta consumer : consumers.of(meta)) {
                    removeConsumer(consumer);
                }
                Io.run(() -> streams.remove(meta.key()));
                accounts.deletePolicy(meta.key().arn().toString());
                Io.run(() -> encryption.forget(meta));
                removed++;
            }
        }
        for (ConsumerMeta consumer : consumers.all()) {
            if (consumer.deletingAt() >= 0 && now - consumer.deletingAt() >= deleteDelayMillis) {
                removeConsumer(consumer);
                removed++;
            }
        }
        return removed + fanOut.sweep();
    }

    private void removeConsumer(ConsumerMeta consumer) {
        Io.run(() -> consumers.remove(consumer));
        accounts.deletePolicy(consumer.arn().toString());
    }
}
