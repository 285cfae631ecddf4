package io.sluice.analytics.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Brings this node's running applications in line with the catalogue after other nodes change it: the store's
 * watcher hands over the key of each changed application, and one thread of its own reconciles them in turn. An
 * application RUNNING in the catalogue runs on this node's runner too ({@link ApplicationRunner#follow}: the task
 * placement decides which node steps it); one READY or STOPPING stops here; one DELETING or gone is stopped and
 * forgotten here; transitions under way (STARTING, UPDATING) are left to the node making them. The
 * watcher must not wait (it runs on the store's thread, which a runner's stop needs to store positions), so it only
 * queues; changes of one application that arrive before its turn are reconciled once, from the catalogue as it is
 * then.
 *
 * <p>A change this node is making itself ({@link #during}) is not reconciled meanwhile: the follower would see its
 * intermediate statuses and undo what the change is doing (stop a task the change just started, say). Keys seen
 * during it are reconciled once it ends.
 *
 * <p><b>Threading</b>: {@link #changed} from any thread; {@code reconcile} runs on the follower's thread, one key
 * at a time; {@link #close} waits for the key being reconciled.
 */
final class ApplicationFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationFollower.class);

    private final Function<ApplicationKey, Application> catalogue;
    private final ApplicationRunner runner;
    private final Set<ApplicationKey> queued = ConcurrentHashMap.newKeySet();
    private final Set<ApplicationKey> during = ConcurrentHashMap.newKeySet();
    private final Set<ApplicationKey> deferred = ConcurrentHashMap.newKeySet();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("analytics-follower").factory());

    /** @param catalogue this node's view of an application (null: there is none) */
    ApplicationFollower(Function<ApplicationKey, Application> catalogue, ApplicationRunner runner) {
        this.catalogue = catalogue;
        this.runner = runner;
    }

    /** Runs a change of the application made by this node, deferring its reconciliation until it ends. */
    void during(ApplicationKey key, Runnable change) {
        during.add(key);
        try {
            change.run();
        } finally {
            during.remove(key);
            if (deferred.remove(key)) {
                changed(key);
            }
        }
    }

    void changed(ApplicationKey key) {
        if (!queued.add(key)) {
            return;
        }
        try {
            thread.execute(() -> {
                queued.remove(key);
                // marked before the check, so a change ending in between finds the mark and queues the key again
                deferred.add(key);
                if (during.contains(key)) {
                    return;
                }
                deferred.remove(key);
                try {
                    reconcile(key);
                } catch (RuntimeException e) {
                    LOG.error("could not bring application {} in line with the catalogue on this node", key.name(),
                            e);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.remove(key); // closed: the node is stopping
        }
    }

    private void reconcile(ApplicationKey key) {
        Application app = catalogue.apply(key);
        String arn = key.arn();
        if (app == null || app.status() == ApplicationStatus.DELETING) {
            if (runner.isRunning(arn)) {
                runner.delete(arn);
            }
            return;
        }
        switch (app.status()) {
            case RUNNING -> {
                try {
                    runner.follow(app.config());
                } catch (ApplicationConfigurationException e) {
                    LOG.warn("application {} is RUNNING but cannot run on this node: {}", arn, e.getMessage());
                }
            }
            case READY, STOPPING -> {
                if (runner.isRunning(arn)) {
                    runner.stop(arn);
                }
            }
            default -> {
            }
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
