package io.sluice.engine.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one component's read-check-write changes (Firehose's delivery streams, the analytics catalogue, event
 * source mappings) as {@link MetaStore#atomically atomic changes}, each under the component's change lock: neither
 * another change of this node nor one of another node commits between the check and the write. The store's change
 * is outermost and the lock inside it, so a shared store may wait for its log (whose watcher may take the
 * component's view locks) before the lock is taken. A change that lost to another node's
 * ({@link MetaStore.ConflictException}) runs again on the view the store has brought up to date, where its check
 * may now fail (two nodes racing to create one resource give one success and one "in use"), after a random pause
 * that grows with each attempt; after {@value #ATTEMPTS} attempts the last conflict is thrown.
 *
 * <p><b>Threading</b>: thread-safe; a change started inside another on the same thread joins it. Never call it
 * from the store's watcher thread.
 */
public final class RetriedChanges {

    static final int ATTEMPTS = 6;
    private static final Logger LOG = LoggerFactory.getLogger(RetriedChanges.class);
    private static final long BACKOFF_MILLIS = 5;

    private final MetaStore store;
    private final String what;
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    /** @param what names the changes in log lines, e.g. {@code delivery stream} */
    public RetriedChanges(MetaStore store, String what) {
        this.store = store;
        this.what = what;
    }

    /**
     * @throws MetaStore.ConflictException other nodes' changes won {@value #ATTEMPTS} times in a row
     * @throws IOException                 the store failed, or the change threw it
     */
    public <T> T run(MetaStore.Change<T> change) throws IOException {
        if (depth.get()[0] > 0) {
            return locked(change);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return store.atomically(() -> locked(change));
            } catch (MetaStore.ConflictException e) {
                if (attempt == ATTEMPTS) {
                    LOG.warn("{} change lost to other nodes' changes {} times", what, ATTEMPTS, e);
                    throw e;
                }
                LOG.debug("{} change lost to another node's (attempt {}); running it again", what, attempt, e);
                backOff(attempt);
            }
        }
    }

    /**
     * Brings this node's view up to every change committed before now, before a lookup answers "not found" (a
     * resource created through another node a moment ago). Inside a change the view is already current, and
     * waiting there could deadlock with the store's watcher, so it does nothing.
     */
    public void catchUp() {
        if (depth.get()[0] == 0) {
            store.sync().join();
        }
    }

    private <T> T locked(MetaStore.Change<T> change) throws IOException {
        int[] d = depth.get();
        lock.lock();
        d[0]++;
        try {
            return change.run();
        } finally {
            d[0]--;
            lock.unlock();
        }
    }

    private void backOff(int attempt) throws IOException {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(BACKOFF_MILLIS << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted between attempts of a " + what + " change");
        }
    }
}
