package io.sluice.analytics.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Brings this node's running applications in line with the catalogue after other nodes change it: the store's
 * watcher hands over the key of each changed application, and one thread of its own reconciles them in turn. The
 * watcher must not wait (it runs on the store's thread, which a runner's stop needs to store positions), so it only
 * queues; changes of one application that arrive before its turn are reconciled once, from the catalogue as it is
 * then.
 *
 * <p><b>Threading</b>: {@link #changed} from any thread; {@code reconcile} runs on the follower's thread, one key
 * at a time; {@link #close} waits for the key being reconciled.
 */
final class ApplicationFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationFollower.class);

    private final Consumer<ApplicationKey> reconcile;
    private final Set<ApplicationKey> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("analytics-follower").factory());

    ApplicationFollower(Consumer<ApplicationKey> reconcile) {
        this.reconcile = reconcile;
    }

    void changed(ApplicationKey key) {
        if (!queued.add(key)) {
            return;
        }
        try {
            thread.execute(() -> {
                queued.remove(key);
                try {
                    reconcile.accept(key);
                } catch (RuntimeException e) {
                    LOG.error("could not bring application {} in line with the catalogue on this node", key.name(),
                            e);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.remove(key); // closed: the node is stopping
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
