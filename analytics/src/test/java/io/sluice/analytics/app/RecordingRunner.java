package io.sluice.analytics.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** A runner that records what it is asked to do; it refuses to start or update when told to. Test double. */
final class RecordingRunner implements ApplicationRunner {

    final List<String> calls = new ArrayList<>();
    final Set<String> running = new HashSet<>();
    String refusal;
    /** Called during start, as the application is STARTING. */
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
