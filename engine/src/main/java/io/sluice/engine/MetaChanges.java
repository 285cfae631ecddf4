package io.sluice.engine;

import io.sluice.engine.store.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs the engine's read-check-write changes of metadata as {@link MetaStore#atomically atomic changes}, each
 * under the lock of the registry it changes. The store's atomic change is outermost and the lock inside it, so a
 * shared store can wait for its log (which calls the registries' watchers, which take those locks) before the lock
 * is taken. A change started inside another one on the same thread joins it.
 *
 * <p>What a change makes visible to the rest of the node (a registry's view) is published only once the change
 * has committed ({@link #afterCommit}): a change that loses to another node's must leave no trace, or a put on this
 * node could be routed by a reshard that never happened. A lost change runs again on the view the store has
 * brought up to date, after a random pause that grows with each attempt (nodes that retry at once keep fencing
 * each other), up to ten times (about 5 s of pauses at most) before it fails: with six, three nodes resharding one
 * stream on two busy cores lost a reshard's seal record to each other six times in a row.
 *
 * <p>Threading: thread-safe; the nesting depth and the pending publications are per thread.
 */
final class MetaChanges {

    private static final Logger LOG = LoggerFactory.getLogger(MetaChanges.class);
    private static final int ATTEMPTS = 10;
    private static final long BACKOFF_MILLIS = 5;

    /** The change running on a thread: how deep, and what to publish once it commits. */
    private static final class Running {
        int depth;
        final List<Runnable> published = new ArrayList<>();
    }

    private final MetaStore store;
    private final ThreadLocal<Running> running = ThreadLocal.withInitial(Running::new);

    MetaChanges(MetaStore store) {
        this.store = store;
    }

    <T> T run(ReentrantLock lock, Supplier<T> change) {
        Running r = running.get();
        if (r.depth > 0) {
            return locked(lock, change, r);
        }
        for (int attempt = 1; ; attempt++) {
            r.published.clear();
            try {
                T result = store.atomically(() -> locked(lock, change, r));
                List<Runnable> publish = List.copyOf(r.published);
                r.published.clear();
                publish.forEach(Runnable::run);
                return result;
            } catch (MetaStore.ConflictException e) {
                r.published.clear();
                if (attempt == ATTEMPTS) {
                    throw new UncheckedIOException(e);
                }
                LOG.debug("metadata change lost to another node's (attempt {}); running it again", attempt, e);
                backOff(attempt);
            } catch (IOException e) {
                r.published.clear();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                r.published.clear();
                throw e;
            }
        }
    }

    /**
     * Runs {@code publish} once the change running on this thread has committed (at once when none is running);
     * dropped if the change does not commit.
     */
    void afterCommit(Runnable publish) {
        Running r = running.get();
        if (r.depth == 0) {
            publish.run();
        } else {
            r.published.add(publish);
        }
    }

    /**
     * Brings this node's view up to every change committed before now, for a lookup that missed and is about to
     * answer "not found" (a stream created through another node a moment ago). Inside a change the view is
     * already current, and waiting there could deadlock with the store's watcher, so it does nothing.
     */
    void catchUp() {
        if (running.get().depth == 0) {
            store.sync().join();
        }
    }

    private static <T> T locked(ReentrantLock lock, Supplier<T> change, Running r) {
        lock.lock();
        r.depth++;
        try {
            return change.get();
        } finally {
            r.depth--;
            lock.unlock();
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(BACKOFF_MILLIS << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts of a metadata change", e);
        }
    }
}
