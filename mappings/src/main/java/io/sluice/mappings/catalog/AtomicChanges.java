package io.sluice.mappings.catalog;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the catalogue's read-check-write changes (the duplicate check and the put of a new mapping, an update, a
 * state transition) as {@link MetaStore#atomically atomic changes}, each under this node's change lock, so that
 * neither another change of this node nor one of another node commits between the check and the write. The
 * store's atomic change is outermost and the lock inside it, as in the engine, so a shared store may wait for its
 * log (whose watcher takes the view's lock) before the lock is taken. A change that lost to another node's runs
 * again on the view the store has brought up to date, after a random pause growing with each attempt. A storage
 * failure is logged with its cause and answered as Lambda's ServiceException.
 *
 * <p><b>Threading</b>: thread-safe.
 */
final class AtomicChanges {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicChanges.class);
    private static final int ATTEMPTS = 6;
    private static final long BACKOFF_MILLIS = 5;

    private final MetaStore store;
    private final ReentrantLock lock = new ReentrantLock();

    AtomicChanges(MetaStore store) {
        this.store = store;
    }

    <T> T run(MetaStore.Change<T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.atomically(() -> {
                    lock.lock();
                    try {
                        return change.run();
                    } finally {
                        lock.unlock();
                    }
                });
            } catch (MetaStore.ConflictException e) {
                if (attempt == ATTEMPTS) {
                    LOG.warn("event source mapping change lost to other nodes' changes {} times", ATTEMPTS, e);
                    throw new ServiceException(ErrorType.LAMBDA_SERVICE,
                            "The change conflicted with concurrent changes; retry it.");
                }
                LOG.debug("event source mapping change lost to another node's (attempt {}); running it again",
                        attempt, e);
                backOff(attempt);
            } catch (IOException e) {
                LOG.error("storing an event source mapping change failed", e);
                throw new ServiceException(ErrorType.LAMBDA_SERVICE, "The metadata store failed: " + e.getMessage());
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(BACKOFF_MILLIS << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ErrorType.LAMBDA_SERVICE, "Interrupted while retrying a change.");
        }
    }
}
