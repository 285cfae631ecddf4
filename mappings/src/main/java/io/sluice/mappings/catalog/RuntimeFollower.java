package io.sluice.mappings.catalog;

import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingRuntime;
import io.sluice.mappings.MappingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells this node's {@link MappingRuntime} about every mapping value this node sees (its own changes and other
 * nodes'): {@code run} when an enabled mapping appears or its work (function, source, settings) changes,
 * {@code stop} when it is disabled, deleting or gone. Tag and state-only changes do not restart it. Nothing is
 * told before {@link #activate} (the server's start, once the task runner runs); activation runs every enabled
 * mapping. The runtime's calls go through the catalogue's {@link SerialQueue}, in the order this node saw the
 * changes; a runtime failure is logged and does not stop the catalogue from following.
 *
 * <p><b>Threading</b>: thread-safe; decisions are serialised by a lock that is never held while waiting. Called
 * from the store's watcher thread too, which it never blocks (the runtime is called on the queue's thread).
 */
final class RuntimeFollower {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeFollower.class);

    private final MappingRuntime runtime;
    private final SerialQueue queue;
    private final ReentrantLock lock = new ReentrantLock();
    /** What this node last told the runtime to run, by uuid; guarded by {@link #lock}. */
    private final Map<String, EventSourceMapping> running = new HashMap<>();
    private boolean active;

    RuntimeFollower(MappingRuntime runtime, SerialQueue queue) {
        this.runtime = runtime;
        this.queue = queue;
    }

    /** Starts following: runs every enabled mapping of {@code all}. Idempotent. */
    void activate(Collection<EventSourceMapping> all) {
        lock.lock();
        try {
            active = true;
            all.forEach(m -> follow(m.uuid(), m));
        } finally {
            lock.unlock();
        }
    }

    /** The mapping's value now (null: deleted). */
    void seen(String uuid, EventSourceMapping mapping) {
        lock.lock();
        try {
            if (active) {
                follow(uuid, mapping);
            }
        } finally {
            lock.unlock();
        }
    }

    private void follow(String uuid, EventSourceMapping mapping) {
        boolean shouldRun = mapping != null && mapping.state() != MappingState.DELETING
                && mapping.settings().enabled();
        EventSourceMapping told = running.get(uuid);
        if (shouldRun && (told == null || !sameWork(told, mapping))) {
            running.put(uuid, mapping);
            queue.submit(() -> tell(uuid, () -> runtime.run(mapping)));
        } else if (!shouldRun && told != null) {
            running.remove(uuid);
            queue.submit(() -> tell(uuid, () -> runtime.stop(uuid)));
        }
    }

    private static void tell(String uuid, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("the mappings runtime failed to follow event source mapping {}", uuid, e);
        }
    }

    private static boolean sameWork(EventSourceMapping a, EventSourceMapping b) {
        return a.functionArn().equals(b.functionArn()) && a.eventSourceArn().equals(b.eventSourceArn())
                && Objects.equals(a.settings(), b.settings());
    }
}
