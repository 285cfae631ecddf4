package io.sluice.analytics.app;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A runner that records what it is asked to do; it refuses to start or update when told to. Test double;
 * thread-safe, since a registry following another node calls it from its follower thread.
 */
final class RecordingRunner implements ApplicationRunner {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final Set<String> running = ConcurrentHashMap.newKeySet();
    String refusal;
    /** Called during start (as the application is STARTING) and follow. */
    Consumer<ApplicationConfig> duringStart = config -> { };

    @Override
    public void start(ApplicationConfig config, StartingPosition position) throws ApplicationConfigurationException {
        duringStart.accept(config);
        calls.add("start " + config.name() + " v" + config.versionId() + " " + position);
        if (refusal != null) {
            throw new ApplicationConfigurationException(refusal);
        }
        running.add(config.arn());
    }

    @Override
    public void follow(ApplicationConfig config) throws ApplicationConfigurationException {
        duringStart.accept(config);
        calls.add("follow " + config.name() + " v" + config.versionId());
        if (refusal != null) {
            throw new ApplicationConfigurationException(refusal);
        }
        running.add(config.arn());
    }

    @Override
    public void stop(String applicationArn) {
        calls.add("stop " + name(applicationArn));
        running.remove(applicationArn);
    }

    @Override
    public void update(ApplicationConfig config) throws ApplicationConfigurationException {
        calls.add("update " + config.name() + " v" + config.versionId());
        if (refusal != null) {
            throw new ApplicationConfigurationException(refusal);
        }
    }

    @Override
    public boolean isRunning(String applicationArn) {
        return running.contains(applicationArn);
    }

    @Override
    public void delete(String applicationArn) {
        calls.add("delete " + name(applicationArn));
    }

    @Override
    public void close() {
    }

    private static String name(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
