package io.sluice.server.analytics;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.ApplicationConfigurationException;
import io.sluice.analytics.app.ApplicationRunner;
import io.sluice.analytics.app.StartingPosition;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.program.CompiledProgram;
import io.sluice.analytics.program.SqlCompiler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test doubles of the runner and the compiler, which other parts of Sluice provide. */
final class Doubles {

    private Doubles() {
    }

    /** Records its calls; refuses to start an application whose code contains "MISSING_STREAM". */
    static final class Runner implements ApplicationRunner {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void start(ApplicationConfig config, StartingPosition position)
                throws ApplicationConfigurationException {
            if (config.code().contains("MISSING_STREAM")) {
                throw new ApplicationConfigurationException("Kinesis stream MISSING_STREAM does not exist.");
            }
            calls.add("start " + config.name() + " v" + config.versionId() + " " + position);
        }

        @Override
        public void follow(ApplicationConfig config) {
            calls.add("follow " + config.name() + " v" + config.versionId());
        }

        @Override
        public void stop(String applicationArn) {
            calls.add("stop " + applicationArn.substring(applicationArn.lastIndexOf('/') + 1));
        }

        @Override
        public void update(ApplicationConfig config) {
            calls.add("update " + config.name() + " v" + config.versionId());
        }

        @Override
        public boolean isRunning(String applicationArn) {
            return false;
        }

        @Override
        public void delete(String applicationArn) {
            calls.add("delete " + applicationArn.substring(applicationArn.lastIndexOf('/') + 1));
        }

        @Override
        public void close() {
        }
    }

    /** Refuses code containing "BROKEN" at line 1; cannot compile. */
    static final class Compiler implements SqlCompiler {

        @Override
        public void check(String code) throws CodeValidationException {
            int at = code.indexOf("BROKEN");
            if (at >= 0) {
                throw new CodeValidationException("unexpected BROKEN", 1, at + 1);
            }
        }

        @Override
        public CompiledProgram compile(String code, Catalog catalog) {
            throw new UnsupportedOperationException("the API only checks code");
        }
    }
}
