package io.sluice.storage.kafka;

import io.sluice.engine.task.TaskId;
import io.sluice.engine.task.TaskPlacement;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
import java.util.TreeSet;
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
 * <p><b>Lease</b>: the consumer learns that the group dropped it only when it reaches the coordinator again, so
 * group membership alone would let a frozen node, or one cut off from the coordinator, run its tasks for as long
 * as that lasts. This node therefore also holds a {@link MembershipLease}: every heartbeat interval it commits
 * offset 0 of one of its partitions, which the coordinator accepts only from a current member and which refreshes
 * that member's session; a task is owned only while the group assigns its partition here and the lease, counted
 * from the last accepted commit, has not run out. The lease ends before the coordinator can drop this member, so
 * before the group can give its partitions to another node.
 *
 * <p><b>Guarantee</b>: a task runs on at most one node at a time; the exception is a step already under way
 * when ownership ends (the {@code TaskRunner} asks {@link #owns} between steps, then checkpoints the task once),
 * which may overlap its next owner's first steps by up to that step's length. Kafka's own bound is the session
 * timeout: on a rebalance the old owner turns ownership off in {@code onPartitionsRevoked} before the callback
 * returns; a node that is frozen or cut off stops at the latest when its lease ends, which is before the session
 * timeout lets the group move its tasks. A graceful {@link #close()} leaves the group, so the node's tasks resume
 * elsewhere after one rebalance (about a heartbeat interval, 1 s). After {@code kill -9} the group waits for the
 * session timeout ({@link TaskGroupOptions#sessionTimeout()}, 10 s by default), then the tasks resume elsewhere
 * from their last checkpoints: their output is at least once. While no node can reach the coordinator no task
 * runs anywhere.
 *
 * <p><b>Threading</b>: thread-safe. The consumer is used by the placement's own thread only, which polls for
 * membership, renews the lease and runs the rebalance callbacks; {@link #owns} and {@link #ownedPartitions} read
 * volatile state from any thread; listeners run on the placement's thread and must not block.
 */
public final class KafkaTaskPlacement implements TaskPlacement, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTaskPlacement.class);
    /** Wait after a failed poll, so that a lasting error (authorisation, say) is not logged many times a second. */
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final int METADATA_MAX_AGE_MILLIS = 5_000;
    /** How long close waits to leave the group; if it cannot, the group drops this node after the session timeout. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaSettings settings;
    private final int partitions;
    private final Duration pollInterval;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread poller;
    private final long renewEveryNanos;
    private final Duration renewTimeout;
    private final MembershipLease lease;
    /** The partitions the group assigns here; written on the placement's thread. */
    private volatile Set<Integer> assigned = Set.of();
    /** What the listeners were last told this node owns; the placement's thread only. */
    private Set<Integer> published = Set.of();
    /** When the last lease renewal was sent; the placement's thread only. */
    private long renewalSentNanos;
    /** Whether the last renewal failed, so that a failing lease is logged once; the placement's thread only. */
    private boolean renewalFailing;
    private volatile CloseOptions.GroupMembershipOperation onClose = CloseOptions.GroupMembershipOperation.LEAVE_GROUP;

    private KafkaTaskPlacement(KafkaSettings settings, int partitions, TaskGroupOptions options) {
        this.settings = settings;
        this.partitions = partitions;
        this.pollInterval = options.pollInterval();
        this.renewEveryNanos = options.heartbeatInterval().toNanos();
        this.renewTimeout = options.heartbeatInterval();
        long now = System.nanoTime();
        this.lease = new MembershipLease(options.sessionTimeout(), now);
        this.renewalSentNanos = now - renewEveryNanos;
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
        return assigned.contains(partitionOf(id)) && lease.valid(System.nanoTime());
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

    /**
     * The partitions this node holds now, its share of the tasks (for metrics and tests): those the group assigns
     * here while the lease holds, none once it has run out.
     */
    public Set<Integer> ownedPartitions() {
        return lease.valid(System.nanoTime()) ? assigned : Set.of();
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
                    renewIfDue();
                    consumer.poll(pollInterval);
                    publish();
                } catch (WakeupException e) {
                    // close() wants the thread back; the loop condition ends it
                } catch (KafkaException e) {
                    // the consumer keeps its membership through transient errors; ownership follows the callbacks
                    LOG.warn("node {} could not poll the task group; it polls again", settings.nodeId(), e);
                    LockSupport.parkNanos(RETRY_BACKOFF.toNanos());
                }
            }
        } finally {
            try {
                consumer.close(CloseOptions.groupMembershipOperation(onClose).withTimeout(CLOSE_TIMEOUT));
            } catch (KafkaException e) {
                LOG.warn("node {} did not leave the task group cleanly; its tasks move after the session timeout",
                        settings.nodeId(), e);
            }
            assigned = Set.of();
            publish();
        }
    }

    /**
     * Renews the lease by committing offset 0 of one owned partition (the topic is empty; the offset itself is
     * never read), once a heartbeat interval and at once after an assignment. On the placement's thread only.
     */
    private void renewIfDue() {
        Set<Integer> held = assigned;
        long now = System.nanoTime();
        if (held.isEmpty() || now - renewalSentNanos < renewEveryNanos) {
            return;
        }
        renewalSentNanos = now;
        TopicPartition any = new TopicPartition(settings.tasksTopic(), held.iterator().next());
        try {
            consumer.commitSync(Map.of(any, new OffsetAndMetadata(0)), renewTimeout);
            lease.renewed(now);
            if (renewalFailing) {
                LOG.info("node {} renewed its task lease again", settings.nodeId());
                renewalFailing = false;
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // a rebalance under way refuses commits for a moment; a lasting failure lets the lease run out
            if (!renewalFailing) {
                LOG.warn("node {} could not renew its task lease; its tasks stop when the lease ends unless a "
                        + "renewal succeeds", settings.nodeId(), e);
                renewalFailing = true;
            }
        }
    }

    /** Tells the listeners if what this node owns has changed (assignment or lease). On the placement's thread. */
    private void publish() {
        Set<Integer> now = ownedPartitions();
        if (now.equals(published)) {
            return;
        }
        published = now;
        LOG.info("node {} now owns {} of {} task partitions: {}", settings.nodeId(), now.size(), partitions,
                new TreeSet<>(now));
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
        // the group leader assigns from its metadata; when a broker restarts the topic can be missing from it for a
        // moment, and the group then shares out nothing until the leader's next metadata refresh
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, METADATA_MAX_AGE_MILLIS);
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
        public void onPartitionsAssigned(Collection<TopicPartition> added) {
            // membership is all this consumer is for: never fetch from the (empty) partitions
            consumer.pause(added);
            Set<Integer> next = new HashSet<>(assigned);
            added.forEach(p -> next.add(p.partition()));
            assigned = Set.copyOf(next);
            // prove membership now rather than a heartbeat later, so the new tasks start at once
            renewalSentNanos = System.nanoTime() - renewEveryNanos;
            renewIfDue();
            publish();
        }

        private void without(Collection<TopicPartition> gone) {
            Set<Integer> next = new HashSet<>(assigned);
            gone.forEach(p -> next.remove(p.partition()));
            assigned = Set.copyOf(next);
            publish();
        }
    }
}
