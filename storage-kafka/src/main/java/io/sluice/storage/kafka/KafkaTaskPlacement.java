package io.sluice.storage.kafka;

import io.sluice.engine.task.TaskId;
import io.sluice.engine.task.TaskPlacement;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Shares the background tasks out among the nodes through Kafka's consumer group membership. Every node joins
 * group {@code <prefix>tasks} on topic {@code <prefix>tasks} (created here if missing; it never holds a record:
 * see {@link TasksTopic}); a task is owned by the node that holds partition
 * {@code floorMod(taskId.toString().hashCode(), partitions)}. The consumer only takes part in the group: its
 * partitions are paused as soon as they are assigned, so it never fetches.
 *
 * <p><b>Assignor</b>: cooperative-sticky. A node joining or leaving moves only the partitions that must move, so
 * the tasks on the other nodes keep running through every rebalance (the eager range assignor would stop and
 * resume every task in the cluster each time), and a partition is revoked from its old owner in one rebalance
 * and given to its new owner only in the next, after the old owner has let it go.
 *
 * <p><b>Guarantee</b>: a task runs on at most one node at a time, except for up to a session timeout when a node
 * is frozen or cut off from the group coordinator. On a rebalance the old owner turns ownership off in
 * {@code onPartitionsRevoked} before the callback returns, so the new owner cannot be given the partition before
 * then; a step already under way on the old owner finishes (the {@code TaskRunner} asks {@link #owns} between
 * steps), then the runner checkpoints the task once. A graceful {@link #close()} leaves the group at once, so the
 * node's tasks resume elsewhere after one rebalance. After {@code kill -9} the group waits for the session
 * timeout ({@link TaskGroupOptions#sessionTimeout()}, 10 s by default) before it moves the dead node's tasks,
 * which resume elsewhere from their last checkpoints: their output is at least once. A node that is frozen (a
 * long pause) or cut off from the coordinator loses its tasks to the others after the session timeout, but only
 * learns it (through {@code onPartitionsLost}) when it next reaches the coordinator; until then it may keep
 * stepping tasks whose work does not need Kafka.
 *
 * <p><b>Threading</b>: thread-safe. The consumer is used by the placement's own thread only, which polls for
 * membership and runs the rebalance callbacks; {@link #owns} and {@link #ownedPartitions} read a volatile
 * snapshot from any thread; listeners run on the placement's thread and must not block.
 */
public final class KafkaTaskPlacement implements TaskPlacement, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTaskPlacement.class);

    private final KafkaSettings settings;
    private final int partitions;
    private final Duration pollInterval;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread poller;
    private volatile Set<Integer> owned = Set.of();
    private volatile CloseOptions.GroupMembershipOperation onClose = CloseOptions.GroupMembershipOperation.LEAVE_GROUP;

    private KafkaTaskPlacement(KafkaSettings settings, int partitions, TaskGroupOptions options) {
        this.settings = settings;
        this.partitions = partitions;
        this.pollInterval = options.pollInterval();
        this.consumer = new KafkaConsumer<>(consumerConfig(settings, options));
        this.poller = Thread.ofPlatform().daemon().name("task-placement-" + settings.nodeId()).unstarted(this::run);
    }

    /** Joins the task group with the default options. */
    public static KafkaTaskPlacement open(KafkaSettings settings) throws IOException {
        return open(settings, TaskGroupOptions.DEFAULTS);
    }

    /**
     * Creates the tasks topic if it is missing and joins the task group. Returns at once: this node owns no task
     * until the group has assigned it partitions, and the listeners hear of it then.
     *
     * @throws IOException the tasks topic could not be created or described
     */
    public static KafkaTaskPlacement open(KafkaSettings settings, TaskGroupOptions options) throws IOException {
        int partitions = TasksTopic.ensure(settings, options.partitions());
        KafkaTaskPlacement placement = new KafkaTaskPlacement(settings, partitions, options);
        placement.poller.start();
        return placement;
    }

    @Override
    public boolean owns(TaskId id) {
        return owned.contains(partitionOf(id));
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** The partition of the tasks topic that decides which node runs the task. */
    public int partitionOf(TaskId id) {
        return Math.floorMod(id.toString().hashCode(), partitions);
    }

    /** The partition count of the tasks topic, as this node read it at start. */
    public int partitions() {
        return partitions;
    }

    /** The partitions this node holds now: its share of the tasks (for metrics and tests). */
    public Set<Integer> ownedPartitions() {
        return owned;
    }

    /**
     * Leaves the group and stops the membership thread; the other nodes take this node's tasks in the rebalance
     * that follows. Call after this node's tasks have stopped, so they are handed over from their last checkpoint.
     * Idempotent.
     */
    @Override
    public void close() {
        stopPolling();
    }

    /**
     * Stops the membership thread without leaving the group, as a crash would: the other nodes take this node's
     * tasks only once the session timeout has passed. The stand-in for {@code kill -9} in failover tests.
     */
    void abandon() {
        onClose = CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP;
        stopPolling();
    }

    private void stopPolling() {
        if (closing.compareAndSet(false, true)) {
            consumer.wakeup();
        }
        boolean interrupted = false;
        while (poller.isAlive()) {
            try {
                poller.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.tasksTopic()), new Rebalance());
            while (!closing.get()) {
                try {
                    consumer.poll(pollInterval);
                } catch (WakeupException e) {
                    // close() wants the thread back; the loop condition ends it
                } catch (KafkaException e) {
                    // the consumer keeps its membership through transient errors; ownership follows the callbacks
                    LOG.warn("node {} could not poll the task group; it polls again", settings.nodeId(), e);
                    LockSupport.parkNanos(pollInterval.toNanos());
                }
            }
        } finally {
            try {
                consumer.close(CloseOptions.groupMembershipOperation(onClose));
            } catch (KafkaException e) {
                LOG.warn("node {} did not leave the task group cleanly; its tasks move after the session timeout",
                        settings.nodeId(), e);
            }
            update(Set.of());
        }
    }

    /** Replaces the owned partitions and tells the listeners if they changed. On the placement's thread only. */
    private void update(Set<Integer> next) {
        if (next.equals(owned)) {
            return;
        }
        owned = Set.copyOf(next);
        LOG.info("node {} now owns {} of {} task partitions: {}", settings.nodeId(), next.size(), partitions,
                next);
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("a task placement listener failed", e);
            }
        }
    }

    private static Map<String, Object> consumerConfig(KafkaSettings settings, TaskGroupOptions options) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.nodeId());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.tasksTopic());
        // the classic protocol: the only one where the client sets its session timeout and assignor
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) options.sessionTimeout().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) options.heartbeatInterval().toMillis());
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG); // a static member would not leave on close
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /** Turns ownership on and off as the group moves partitions; runs inside {@code poll} on the placement's thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            without(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            LOG.warn("node {} was dropped from the task group (session timeout or fenced); it stops tasks of {}",
                    settings.nodeId(), lost);
            without(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            // membership is all this consumer is for: never fetch from the (empty) partitions
            consumer.pause(assigned);
            Set<Integer> next = new HashSet<>(owned);
            assigned.forEach(p -> next.add(p.partition()));
            update(next);
        }

        private void without(Collection<TopicPartition> gone) {
            Set<Integer> next = new HashSet<>(owned);
            gone.forEach(p -> next.remove(p.partition()));
            update(next);
        }
    }
}
