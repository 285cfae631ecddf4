package io.sluice.analytics.app;

import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.program.SqlCompiler;
import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.engine.TagRules;
import io.sluice.engine.store.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The Kinesis Data Analytics applications of every account and region: their definitions, versions, statuses,
 * tags and timestamps, kept in an {@link ApplicationStore}, and the state machine that runs them through an
 * {@link ApplicationRunner}. Inputs have been checked against the API model by the caller; the registry checks
 * what depends on state (names, versions, statuses, limits, code) and answers with {@link ServiceException}s of
 * KDA's types.
 *
 * <p><b>States</b>: a new application is READY. Start: STARTING, {@link ApplicationRunner#start} (a configuration
 * that cannot work goes back to READY and answers InvalidApplicationConfigurationException), RUNNING. Stop:
 * STOPPING, {@link ApplicationRunner#stop}, READY. A change of a RUNNING application: UPDATING,
 * {@link ApplicationRunner#update}, RUNNING at the new version. Delete: DELETING, stop and
 * {@link ApplicationRunner#delete}, gone. Each transition completes before its operation answers (the runner
 * starts applications in the background, so none waits long), and DescribeApplication shows the intermediate
 * status meanwhile; an application between two states refuses other changes with ResourceInUseException. Every
 * successful change of the definition bumps {@code ApplicationVersionId}; tags are not part of it.
 *
 * <p><b>Recovery</b> ({@link #resume}, which the server calls once at start-up): an application stored RUNNING
 * runs again from its stored positions ({@link ApplicationRunner#follow}); one stored STARTING or UPDATING is
 * started again from {@link StartingPosition#LAST_STOPPED_POINT} at its stored version (an update that was under
 * way was never acknowledged); STOPPING becomes READY; DELETING is finished.
 *
 * <p><b>Several nodes</b> (a metadata store shared by a cluster): every change is an atomic change of the store
 * ({@link CatalogChanges}), so two nodes racing to create one application give one success and one
 * ResourceInUseException; the end of a transition is stored only if the application is still in the status the
 * transition left it in (a node that restarted meanwhile may have finished it). A lookup that misses waits for the
 * store to catch up before it answers ResourceNotFoundException. Each node follows the others' changes
 * ({@link ApplicationFollower}): an application it sees RUNNING runs on its runner too ({@link
 * ApplicationRunner#follow}; the task placement decides which node steps it), and one it sees READY, STOPPING,
 * DELETING or gone stops there. A stop or delete through one node therefore reaches the node running the task
 * once that node has seen it, a moment after the operation answered.
 *
 * <p><b>Threading</b>: every method may be called from any number of threads. Checks, the change and its
 * metadata write happen under one lock, inside one atomic change of the store; runner calls happen outside it,
 * guarded by the intermediate status. Reads take no lock.
 */
public final class ApplicationRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationRegistry.class);

    /** A transition begun under the change lock and finished outside it. */
    private record Transition(Application from, Application to, StartingPosition position) {
    }

    private final ApplicationStore store;
    private final CatalogChanges changes;
    private final ApplicationFollower follower;
    private final SqlCompiler compiler;
    private final ApplicationRunner runner;
    private final Clock clock;
    private final ApplicationLimits limits;

    /**
     * @param metadata where applications are kept (a local store, or a cluster's); the caller owns and closes it
     *                 (and the runner), after {@link #close}
     */
    public ApplicationRegistry(MetaStore metadata, SqlCompiler compiler, ApplicationRunner runner, Clock clock,
                               ApplicationLimits limits) {
        this.compiler = compiler;
        this.runner = runner;
        this.clock = clock;
        this.limits = limits;
        this.changes = new CatalogChanges(metadata);
        this.follower = new ApplicationFollower(this::viewOf, runner);
        this.store = new ApplicationStore(metadata, follower::changed);
    }

    /** CreateApplication: a READY application at version 1, whose items carry ids of version 1. */
    public Application create(ApplicationKey key, ApplicationDefinition definition, Map<String, String> tags) {
        limits.check(definition);
        limits.checkTags(key, tags.size());
        TagRules.checkDeliveryStream(tags);
        checkCode(definition.code());
        return changes.run(() -> {
            if (store.get(key) != null) {
                throw ServiceException.inUse("Application " + key.name() + " already exists under account "
                        + key.account() + ".");
            }
            if (store.of(key.account(), key.region()).size() >= limits.applications()) {
                throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "Account " + key.account() + " already has "
                        + limits.applications() + " applications in " + key.region() + ", the limit.");
            }
            long now = clock.millis();
            Application app = new Application(key, definition, tags, now, now, 1, ApplicationStatus.READY);
            store.put(app);
            return app;
        });
    }

    public Application describe(ApplicationKey key) {
        return existing(key);
    }

    /** ListApplications: names after {@code exclusiveStart} (null: from the first), at most {@code limit}. */
    public ApplicationPage list(String account, String region, String exclusiveStart, int limit) {
        NavigableMap<String, Application> all = store.of(account, region);
        NavigableMap<String, Application> after = exclusiveStart == null ? all
                : all.tailMap(ApplicationStore.storeKey(new ApplicationKey(account, region, exclusiveStart)), false);
        List<Application> page = new ArrayList<>(after.values().stream().limit(limit).toList());
        return new ApplicationPage(page, after.size() > page.size());
    }

    /**
     * An update operation: checks {@code currentVersion}, applies {@code change}, checks the result (limits,
     * code) and stores it at the next version; a RUNNING application goes through UPDATING to run it.
     */
    public void change(ApplicationKey key, long currentVersion, ApplicationChange change) {
        follower.during(key, () -> {
            existing(key);
            Transition transition = changes.run(() -> {
                Application before = existing(key);
                if (before.versionId() != currentVersion) {
                    throw new ServiceException(ErrorType.CONCURRENT_MODIFICATION, "Provided application version id ("
                            + currentVersion + ") does not match the current version id (" + before.versionId()
                            + ") of application " + key.name() + ".");
                }
                requireAtRest(before);
                ApplicationDefinition definition = change.apply(before.definition(), before.versionId() + 1);
                limits.check(definition);
                if (!definition.code().equals(before.definition().code())) {
                    checkCode(definition.code());
                }
                Application after = before.changed(definition, clock.millis());
                if (before.status() == ApplicationStatus.READY) {
                    store.put(after);
                    return null;
                }
                store.put(before.withStatus(ApplicationStatus.UPDATING));
                return new Transition(before, after, null);
            });
            if (transition == null) {
                return;
            }
            Application before = transition.from();
            Application after = transition.to();
            try {
                runner.update(after.config());
            } catch (ApplicationConfigurationException e) {
                settle(before.withStatus(ApplicationStatus.RUNNING), ApplicationStatus.UPDATING);
                throw ServiceException.invalidArgument("Application " + key.name() + " cannot run as updated, so it "
                        + "keeps running at version " + before.versionId() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                settle(before.withStatus(ApplicationStatus.RUNNING), ApplicationStatus.UPDATING);
                throw e;
            }
            settle(after.withStatus(ApplicationStatus.RUNNING), ApplicationStatus.UPDATING);
        });
    }

    /**
     * StartApplication: every input named in {@code positions} (input id to starting position), and only those.
     */
    public void start(ApplicationKey key, Map<String, StartingPosition> positions) {
        follower.during(key, () -> {
            existing(key);
            Transition transition = changes.run(() -> {
                Application app = existing(key);
                if (app.status() != ApplicationStatus.READY) {
                    throw ServiceException.inUse("Application " + key.name() + " is " + app.status()
                            + "; only a READY application can be started.");
                }
                StartingPosition position = positionOf(app, positions);
                Application starting = app.startingFrom(position).withStatus(ApplicationStatus.STARTING);
                store.put(starting);
                return new Transition(app, starting, position);
            });
            run(transition.to(), transition.position(), transition.from());
        });
    }

    /** StopApplication: a RUNNING application stops (STOPPING, then READY); a READY one stays so. */
    public void stop(ApplicationKey key) {
        follower.during(key, () -> {
            existing(key);
            Application stopping = changes.run(() -> {
                Application app = existing(key);
                if (app.status() == ApplicationStatus.READY) {
                    return null;
                }
                requireAtRest(app);
                Application next = app.withStatus(ApplicationStatus.STOPPING);
                store.put(next);
                return next;
            });
            if (stopping == null) {
                return;
            }
            runner.stop(key.arn());
            settle(stopping.withStatus(ApplicationStatus.READY), ApplicationStatus.STOPPING);
        });
    }

    /**
     * DeleteApplication: {@code createdAt} (epoch millis) must be the application's creation time, to the second.
     */
    public void delete(ApplicationKey key, long createdAt) {
        follower.during(key, () -> {
            existing(key);
            Application deleting = changes.run(() -> {
                Application app = existing(key);
                // to the second: SDKs send this timestamp as whole epoch seconds (botocore does)
                if (Math.floorDiv(app.createdAt(), 1000) != Math.floorDiv(createdAt, 1000)) {
                    throw ServiceException.notFound("Application " + key.name() + " created at "
                            + Instant.ofEpochSecond(Math.floorDiv(createdAt, 1000)) + " not found under account "
                            + key.account() + "; it was created at " + Instant.ofEpochMilli(app.createdAt()) + ".");
                }
                requireAtRest(app);
                Application next = app.withStatus(ApplicationStatus.DELETING);
                store.put(next);
                return next;
            });
            finishDeletion(deleting);
        });
    }

    /** TagResource: at most {@link ApplicationLimits#tags} tags in all. */
    public void tag(ApplicationKey key, Map<String, String> added) {
        TagRules.checkDeliveryStream(added);
        existing(key);
        changes.run(() -> {
            Application app = existing(key);
            requireNotDeleting(app);
            Map<String, String> merged = new TreeMap<>(app.tags());
            merged.putAll(added);
            limits.checkTags(key, merged.size());
            store.put(app.withTags(merged));
            return null;
        });
    }

    /** UntagResource: keys that are not there are ignored, as AWS does. */
    public void untag(ApplicationKey key, List<String> keys) {
        existing(key);
        changes.run(() -> {
            Application app = existing(key);
            requireNotDeleting(app);
            Map<String, String> remaining = new TreeMap<>(app.tags());
            keys.forEach(remaining::remove);
            store.put(app.withTags(remaining));
            return null;
        });
    }

    public Map<String, String> tags(ApplicationKey key) {
        return existing(key).tags();
    }

    /** Brings applications back to rest after a restart: see the class comment. Call once, at start-up. */
    public void resume() {
        for (Application app : store.all()) {
            switch (app.status()) {
                case RUNNING -> follow(app);
                case STARTING, UPDATING -> resumeRunning(app);
                case STOPPING -> settle(app.withStatus(ApplicationStatus.READY), ApplicationStatus.STOPPING);
                case DELETING -> finishDeletion(app);
                case READY -> {
                }
            }
        }
    }

    /** Stops this node's follower; call before the runner and the store close. */
    @Override
    public void close() {
        follower.close();
    }

    /**
     * Runs a RUNNING application on this node from its stored positions; one that can no longer work (its source
     * is gone, say), or that the runner fails to run, becomes READY.
     */
    private void follow(Application app) {
        follower.during(app.key(), () -> {
            try {
                runner.follow(app.config());
                LOG.info("application {} runs on from its last stored positions", app.arn());
            } catch (ApplicationConfigurationException e) {
                LOG.warn("application {} cannot run any more and is READY: {}", app.arn(), e.getMessage());
                settle(app.withStatus(ApplicationStatus.READY), ApplicationStatus.RUNNING);
            } catch (RuntimeException e) {
                // one application's failure must not keep the server, or the other applications, from starting
                LOG.error("application {} failed to resume and is READY", app.arn(), e);
                settle(app.withStatus(ApplicationStatus.READY), ApplicationStatus.RUNNING);
            }
        });
    }

    private void resumeRunning(Application app) {
        follower.during(app.key(), () -> {
            Application starting = app.startingFrom(StartingPosition.LAST_STOPPED_POINT)
                    .withStatus(ApplicationStatus.STARTING);
            if (!settle(starting, app.status())) {
                return; // another node finished the transition meanwhile
            }
            try {
                run(starting, StartingPosition.LAST_STOPPED_POINT, app.withStatus(ApplicationStatus.READY));
                LOG.info("application {} resumed from its last stopped point", app.arn());
            } catch (ServiceException e) {
                LOG.warn("application {} could not resume and is READY: {}", app.arn(), e.getMessage());
            } catch (RuntimeException e) {
                // one application's failure must not keep the server, or the other applications, from starting
                LOG.error("application {} failed to resume and is READY", app.arn(), e);
            }
        });
    }

    /**
     * Runs a STARTING application: RUNNING when the runner accepts it; when not, {@code ready} (as it was before
     * the start) and the error.
     */
    private void run(Application starting, StartingPosition position, Application ready) {
        try {
            runner.start(starting.config(), position);
        } catch (ApplicationConfigurationException e) {
            settle(ready, ApplicationStatus.STARTING);
            throw new ServiceException(ErrorType.INVALID_APPLICATION_CONFIGURATION, e.getMessage());
        } catch (RuntimeException e) {
            settle(ready, ApplicationStatus.STARTING);
            throw e;
        }
        settle(starting.withStatus(ApplicationStatus.RUNNING), ApplicationStatus.STARTING);
    }

    private void finishDeletion(Application deleting) {
        runner.stop(deleting.arn());
        runner.delete(deleting.arn());
        changes.run(() -> {
            Application now = store.get(deleting.key());
            if (now != null && now.createdAt() == deleting.createdAt()) {
                store.remove(deleting.key());
            }
            return null;
        });
    }

    /**
     * Stores the end of a transition, if the application is still in the status the transition left it in (a
     * node that restarted meanwhile may have finished it); returns whether it did. The intermediate status kept
     * every other change away meanwhile, but tags, which may change at any time, are taken as they are now.
     */
    private boolean settle(Application app, ApplicationStatus from) {
        return changes.run(() -> {
            Application now = store.get(app.key());
            if (now == null || now.createdAt() != app.createdAt() || now.status() != from) {
                return false;
            }
            store.put(app.withTags(now.tags()));
            return true;
        });
    }

    private static StartingPosition positionOf(Application app, Map<String, StartingPosition> positions) {
        List<InputConfig> inputs = app.definition().inputs();
        if (inputs.isEmpty()) {
            throw new ServiceException(ErrorType.INVALID_APPLICATION_CONFIGURATION, "Application "
                    + app.key().name() + " has no input; add one with AddApplicationInput before starting it.");
        }
        StartingPosition position = null;
        for (Map.Entry<String, StartingPosition> entry : positions.entrySet()) {
            if (inputs.stream().noneMatch(in -> in.id().equals(entry.getKey()))) {
                throw ServiceException.invalidArgument("Application " + app.key().name() + " has no input with id "
                        + entry.getKey() + ".");
            }
            position = entry.getValue();
        }
        for (InputConfig input : inputs) {
            if (!positions.containsKey(input.id())) {
                throw ServiceException.invalidArgument("InputConfigurations must give a starting position for "
                        + "input " + input.id() + " of application " + app.key().name() + ".");
            }
        }
        return position;
    }

    private void checkCode(String code) {
        if (code.isBlank()) {
            return; // KDA creates applications without code; Start compiles what there is
        }
        try {
            compiler.check(code);
        } catch (CodeValidationException e) {
            throw new ServiceException(ErrorType.CODE_VALIDATION, e.getMessage());
        }
    }

    /** This node's view of an application, or null. */
    private Application viewOf(ApplicationKey key) {
        return store.get(key);
    }

    /** The application, or ResourceNotFoundException once this node's view has caught up with the store. */
    private Application existing(ApplicationKey key) {
        Application app = store.get(key);
        if (app == null) {
            changes.catchUp();
            app = store.get(key);
        }
        if (app == null) {
            throw ServiceException.notFound("Application " + key.name() + " not found under account "
                    + key.account() + ".");
        }
        return app;
    }

    private static void requireAtRest(Application app) {
        if (app.status().inTransition()) {
            throw ServiceException.inUse("Application " + app.key().name() + " is " + app.status()
                    + "; try again when it is READY or RUNNING.");
        }
    }

    private static void requireNotDeleting(Application app) {
        if (app.status() == ApplicationStatus.DELETING) {
            throw ServiceException.inUse("Application " + app.key().name() + " is being deleted.");
        }
    }
}
