package io.sluice.firehose;

import io.sluice.engine.store.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs Firehose's read-check-write changes of delivery streams (create, delete, update, tags, encryption) as
 * {@link MetaStore#atomically atomic changes} of the metadata store, with the engine's change lock held inside:
 * no other change of this node interleaves with one, and on a shared store no other node's does either. A change
 * that lost to another node's runs again on the view the store has brought up to date (where its check may now
 * fail: two nodes racing to create one delivery stream give one success and one ResourceInUseException), after a
 * random pause that grows with each attempt, a few times before it fails.
 *
 * <p>Threading: thread-safe; never called from the store's watcher thread.
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
                    throw new UncheckedIOException(e);
                }
                LOG.debug("delivery stream change lost to another node's (attempt {}); running it again", attempt, e);
                backOff(attempt);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(BACKOFF_MILLIS << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts of a delivery stream change", e);
        }
    }
}
