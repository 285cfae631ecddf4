package io.sluice.engine;

import io.sluice.engine.store.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs the engine's read-check-write changes of metadata as {@link MetaStore#atomically atomic changes}, each
 * under the lock of the registry it changes. The store's atomic change is outermost and the lock inside it, so a
 * shared store can wait for its log (which calls the registries' watchers, which take those locks) before the lock
 * is taken. A change started inside another one on the same thread joins it. A change that lost to another
 * node's is run again on the view the store has brought up to date, a few times, before it fails.
 *
 * <p>Threading: thread-safe; the nesting depth is per thread.
 */
final class MetaChanges {

    private static final Logger LOG = LoggerFactory.getLogger(MetaChanges.class);
    private static final int ATTEMPTS = 5;

    private final MetaStore store;
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    MetaChanges(MetaStore store) {
        this.store = store;
    }

    <T> T run(ReentrantLock lock, Supplier<T> change) {
        int[] d = depth.get();
        if (d[0] > 0) {
            return locked(lock, change, d);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return store.atomically(() -> locked(lock, change, d));
            } catch (MetaStore.ConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw new UncheckedIOException(e);
                }
                LOG.debug("metadata change lost to another node's (attempt {}); running it again", attempt, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Brings this node's view up to every change committed before now, for a lookup that missed and is about to
     * answer "not found" (a stream created through another node a moment ago). Inside a change the view is
     * already current, and waiting there could deadlock with the store's watcher, so it does nothing.
     */
    void catchUp() {
        if (depth.get()[0] == 0) {
            store.sync().join();
        }
    }

    private static <T> T locked(ReentrantLock lock, Supplier<T> change, int[] d) {
        lock.lock();
        d[0]++;
        try {
            return change.get();
        } finally {
            d[0]--;
            lock.unlock();
        }
    }
}
