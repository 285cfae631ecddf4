package io.sluice.analytics.app;

import io.sluice.engine.store.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs the catalogue's read-check-write changes as {@link MetaStore#atomically atomic changes} of the metadata
 * store, under the registry's change lock (the store's change outermost and the lock inside it, so a shared store
 * can wait for its log before the lock is taken). On one node that is just the lock. In a cluster, a change that
 * loses to another node's ({@link MetaStore.ConflictException}) runs again on the view the store has brought up to
 * date, after a random pause that grows with each attempt, a few times before it fails: so two nodes racing to
 * create one application give one success and one ResourceInUseException (the retry sees it exists).
 *
 * <p><b>Threading</b>: thread-safe; a change started inside another on the same thread joins it.
 */
final class CatalogChanges {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogChanges.class);
    private static final int ATTEMPTS = 6;
    private static final long BACKOFF_MILLIS = 5;

    private final MetaStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    CatalogChanges(MetaStore store) {
        this.store = store;
    }

    <T> T run(Supplier<T> change) {
        if (depth.get()[0] > 0) {
            return locked(change);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return store.atomically(() -> locked(change));
            } catch (MetaStore.ConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw new UncheckedIOException(e);
                }
                LOG.debug("analytics catalogue change lost to another node's (attempt {}); running it again",
                        attempt, e);
                backOff(attempt);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Brings this node's view up to every change committed before now, before a lookup answers "not found" (an
     * application created through another node a moment ago). Inside a change the view is already current, and
     * waiting there could deadlock with the store's watcher, so it does nothing.
     */
    void catchUp() {
        if (depth.get()[0] == 0) {
            store.sync().join();
        }
    }

    private <T> T locked(Supplier<T> change) {
        int[] d = depth.get();
        lock.lock();
        d[0]++;
        try {
            return change.get();
        } finally {
            d[0]--;
            lock.unlock();
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(BACKOFF_MILLIS << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts of an analytics catalogue change", e);
        }
    }
}
