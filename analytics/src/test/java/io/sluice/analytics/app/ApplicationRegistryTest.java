package io.sluice.analytics.app;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.LocalMetaStore;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sluice.analytics.app.Definitions.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationRegistryTest {

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final RecordingRunner runner = new RecordingRunner();
    private LocalMetaStore metadata;
    private ApplicationRegistry registry;

    @BeforeEach
    void open() throws IOException {
        metadata = LocalMetaStore.open(dir);
        registry = new ApplicationRegistry(metadata, new MarkerCompiler(), runner, clock, ApplicationLimits.defaults());
    }

    @AfterEach
    void close() {
        registry.close();
        metadata.close();
    }

    private void reopen() throws IOException {
        close();
        open();
    }

    private static void assertError(ThrowingCallable call, ErrorType type, String... fragments) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.getMessage()).contains(fragments);
        });
    }

    private Application createTickers() {
        return registry.create(key("tickers"), Definitions.withInput(), Map.of());
    }

    private void startTickers() {
        registry.start(key("tickers"), Map.of("1.1", StartingPosition.TRIM_HORIZON));
    }

    @Test
    void aNewApplicationIsReadyAtVersionOneWithItsCreationTime() {
        Application app = createTickers();
        assertThat(app.status()).isEqualTo(ApplicationStatus.READY);
        assertThat(app.versionId()).isEqualTo(1);
        assertThat(app.createdAt()).isEqualTo(1_700_000_000_000L);
        assertThat(app.arn()).isEqualTo("arn:aws:kinesisanalytics:us-east-1:000000000000:application/tickers");
        assertThat(registry.describe(key("tickers"))).isEqualTo(app);
    }

    @Test
    void aSecondApplicationOfTheSameNameIsInUse() {
        createTickers();
        assertError(this::createTickers, ErrorType.RESOURCE_IN_USE, "tickers", "already exists");
    }

    @Test
    void anUnknownApplicationIsNotFound() {
        assertError(() -> registry.describe(key("ghost")), ErrorType.RESOURCE_NOT_FOUND, "ghost");
        assertError(() -> registry.start(key("ghost"), Map.of()), ErrorType.RESOURCE_NOT_FOUND, "ghost");
    }

    @Test
    void codeTheCompilerRefusesIsACodeValidationErrorWithItsPosition() {
        ApplicationDefinition broken = Definitions.withInput().withCode("SELECT BROKEN");
        assertError(() -> registry.create(key("bad"), broken, Map.of()), ErrorType.CODE_VALIDATION,
                "line 1, column 8", "unexpected BROKEN");
        createTickers();
        assertError(() -> registry.change(key("tickers"), 1, (d, v) -> d.withCode("BROKEN")),
                ErrorType.CODE_VALIDATION, "unexpected BROKEN");
        assertThat(registry.describe(key("tickers")).versionId()).isEqualTo(1);
    }

    @Test
    void startRunsTheApplicationAndShowsStartingMeanwhile() {
        createTickers();
        List<ApplicationStatus> seen = new ArrayList<>();
        runner.duringStart = config -> seen.add(registry.describe(key("tickers")).status());
        startTickers();
        assertThat(seen).containsExactly(ApplicationStatus.STARTING);
        assertThat(runner.calls).containsExactly("start tickers v1 TRIM_HORIZON");
        Application app = registry.describe(key("tickers"));
        assertThat(app.status()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(app.definition().inputs().getFirst().startingPosition()).isEqualTo(StartingPosition.TRIM_HORIZON);
    }

    @Test
    void startingAStartedApplicationAgainIsInUse() {
        createTickers();
        startTickers();
        assertError(this::startTickers, ErrorType.RESOURCE_IN_USE, "RUNNING");
        assertThat(runner.calls).hasSize(1);
    }

    @Test
    void aConfigurationTheRunnerRefusesGoesBackToReady() {
        createTickers();
        runner.refusal = "stream ticks does not exist";
        assertError(this::startTickers, ErrorType.INVALID_APPLICATION_CONFIGURATION, "ticks does not exist");
        Application app = registry.describe(key("tickers"));
        assertThat(app.status()).isEqualTo(ApplicationStatus.READY);
        assertThat(app.definition().inputs().getFirst().startingPosition()).isNull();
    }

    @Test
    void startNeedsAnInputAndAPositionForEachInput() {
        registry.create(key("empty"), new ApplicationDefinition(null, "", List.of(), List.of(), List.of(), List.of()),
                Map.of());
        assertError(() -> registry.start(key("empty"), Map.of()), ErrorType.INVALID_APPLICATION_CONFIGURATION,
                "no input");
        createTickers();
        assertError(() -> registry.start(key("tickers"), Map.of("9.9", StartingPosition.NOW)),
                ErrorType.INVALID_ARGUMENT, "no input with id 9.9");
        assertError(() -> registry.start(key("tickers"), Map.of()), ErrorType.INVALID_ARGUMENT, "input 1.1");
    }

    @Test
    void stopMakesARunningApplicationReady() {
        createTickers();
        startTickers();
        registry.stop(key("tickers"));
        assertThat(registry.describe(key("tickers")).status()).isEqualTo(ApplicationStatus.READY);
        assertThat(runner.calls).containsExactly("start tickers v1 TRIM_HORIZON", "stop tickers");
    }

    @Test
    void everyChangeBumpsTheVersionAndAStaleVersionIsAConcurrentModification() {
        createTickers();
        clock.advance(Duration.ofSeconds(5));
        registry.change(key("tickers"), 1, (d, v) -> d.withOutputs(List.of(Definitions.output("1.1"),
                Definitions.output(ApplicationDefinition.newId(v, 1)))));
        Application app = registry.describe(key("tickers"));
        assertThat(app.versionId()).isEqualTo(2);
        assertThat(app.lastUpdatedAt()).isEqualTo(1_700_000_005_000L);
        assertThat(app.definition().outputs()).extracting(OutputConfig::id).containsExactly("1.1", "2.1");

        assertError(() -> registry.change(key("tickers"), 1, (d, v) -> d), ErrorType.CONCURRENT_MODIFICATION,
                "(1)", "(2)");
        assertThat(registry.describe(key("tickers")).versionId()).isEqualTo(2);
    }

    @Test
    void aChangeOfARunningApplicationUpdatesTheRunnerAtTheNewVersion() {
        createTickers();
        startTickers();
        registry.change(key("tickers"), 1, (d, v) -> d.withCode(Definitions.CODE + " -- v2"));
        assertThat(runner.calls).containsExactly("start tickers v1 TRIM_HORIZON", "update tickers v2");
        Application app = registry.describe(key("tickers"));
        assertThat(app.status()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(app.versionId()).isEqualTo(2);
    }

    @Test
    void anUpdateTheRunnerRefusesLeavesTheApplicationRunningAtItsVersion() {
        createTickers();
        startTickers();
        runner.refusal = "no such destination";
        assertError(() -> registry.change(key("tickers"), 1, (d, v) -> d.withCode("x")),
                ErrorType.INVALID_ARGUMENT, "no such destination", "version 1");
        Application app = registry.describe(key("tickers"));
        assertThat(app.status()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(app.versionId()).isEqualTo(1);
        assertThat(app.definition().code()).isEqualTo(Definitions.CODE);
    }

    @Test
    void deletingARunningApplicationStopsItAndForgetsIt() {
        Application app = createTickers();
        startTickers();
        registry.delete(key("tickers"), app.createdAt());
        assertThat(runner.calls).containsExactly("start tickers v1 TRIM_HORIZON", "stop tickers", "delete tickers");
        assertError(() -> registry.describe(key("tickers")), ErrorType.RESOURCE_NOT_FOUND, "tickers");
    }

    @Test
    void deleteMustNameTheCreationTimeToTheSecond() {
        Application app = createTickers();
        assertError(() -> registry.delete(key("tickers"), app.createdAt() + 1_000), ErrorType.RESOURCE_NOT_FOUND,
                "created at 2023-11-14T22:13:21Z");
        assertThat(registry.describe(key("tickers"))).isNotNull();
    }

    @Test
    void deleteComparesTheCreationTimeToTheSecondAsSdksSendIt() {
        clock.advance(Duration.ofMillis(932));
        Application app = createTickers();
        registry.delete(key("tickers"), app.createdAt() - 932);
        assertError(() -> registry.describe(key("tickers")), ErrorType.RESOURCE_NOT_FOUND, "tickers");
    }

    @Test
    void anApplicationBetweenTwoStatesRefusesOtherChanges() {
        createTickers();
        List<ServiceException> refused = new ArrayList<>();
        runner.duringStart = config -> {
            try {
                registry.change(key("tickers"), 1, (d, v) -> d);
            } catch (ServiceException e) {
                refused.add(e);
            }
        };
        startTickers();
        assertThat(refused).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ErrorType.RESOURCE_IN_USE);
            assertThat(e.getMessage()).contains("STARTING");
        });
    }

    @Test
    void tagsChangedWhileAnApplicationStartsAreKept() {
        createTickers();
        runner.duringStart = config -> registry.tag(key("tickers"), Map.of("during", "start"));
        startTickers();
        Application app = registry.describe(key("tickers"));
        assertThat(app.status()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(app.tags()).containsEntry("during", "start");
    }

    @Test
    void perApplicationLimitsAreKdas() {
        ApplicationDefinition twoInputs = Definitions.withInput().withInputs(List.of(Definitions.input("1.1"),
                Definitions.input("1.2")));
        assertError(() -> registry.create(key("a"), twoInputs, Map.of()), ErrorType.INVALID_ARGUMENT,
                "at most 1 input");
        ApplicationDefinition fourOutputs = Definitions.withInput().withOutputs(List.of(Definitions.output("1.1"),
                Definitions.output("1.2"), Definitions.output("1.3"), Definitions.output("1.4")));
        assertError(() -> registry.create(key("a"), fourOutputs, Map.of()), ErrorType.INVALID_ARGUMENT,
                "at most 3 outputs");
        String longCode = "-".repeat(102_401);
        assertError(() -> registry.create(key("a"), Definitions.withInput().withCode(longCode), Map.of()),
                ErrorType.INVALID_ARGUMENT, "102401", "102400");
    }

    @Test
    void anAccountHasAtMostFiftyApplicationsPerRegion() {
        for (int i = 0; i < 50; i++) {
            registry.create(key("app" + i), Definitions.withInput(), Map.of());
        }
        assertError(() -> registry.create(key("app50"), Definitions.withInput(), Map.of()),
                ErrorType.LIMIT_EXCEEDED, "50");
        registry.create(new ApplicationKey("000000000000", "eu-west-1", "app50"), Definitions.withInput(), Map.of());
    }

    @Test
    void tagsAreKeptWithoutChangingTheVersionUpToFifty() {
        createTickers();
        registry.tag(key("tickers"), Map.of("team", "quant", "env", "prod"));
        registry.untag(key("tickers"), List.of("env", "absent"));
        assertThat(registry.tags(key("tickers"))).containsExactly(Map.entry("team", "quant"));
        assertThat(registry.describe(key("tickers")).versionId()).isEqualTo(1);

        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        assertError(() -> registry.tag(key("tickers"), fifty), ErrorType.TOO_MANY_TAGS, "51", "50");
        assertError(() -> registry.create(key("tagged"), Definitions.withInput(), Map.of("aws:x", "y")),
                ErrorType.INVALID_ARGUMENT, "aws:");
    }

    @Test
    void listingPagesThroughNamesInOrder() {
        for (String name : List.of("c", "a", "b")) {
            registry.create(key(name), Definitions.withInput(), Map.of());
        }
        ApplicationPage first = registry.list("000000000000", "us-east-1", null, 2);
        assertThat(first.applications()).extracting(a -> a.key().name()).containsExactly("a", "b");
        assertThat(first.hasMore()).isTrue();
        ApplicationPage rest = registry.list("000000000000", "us-east-1", "b", 2);
        assertThat(rest.applications()).extracting(a -> a.key().name()).containsExactly("c");
        assertThat(rest.hasMore()).isFalse();
    }

    @Test
    void applicationsSurviveAReopenAndRunningOnesResumeFromTheirLastStoppedPoint() throws IOException {
        createTickers();
        registry.tag(key("tickers"), Map.of("team", "quant"));
        startTickers();
        registry.create(key("idle"), Definitions.withInput(), Map.of());
        Application before = registry.describe(key("tickers"));

        reopen();
        assertThat(registry.describe(key("tickers"))).isEqualTo(before);
        registry.resume();

        assertThat(runner.calls).containsExactly("start tickers v1 TRIM_HORIZON", "follow tickers v1");
        Application after = registry.describe(key("tickers"));
        assertThat(after.status()).isEqualTo(ApplicationStatus.RUNNING);
        assertThat(after.tags()).containsEntry("team", "quant");
        assertThat(registry.describe(key("idle")).status()).isEqualTo(ApplicationStatus.READY);
    }

    @Test
    void aResumeTheRunnerRefusesLeavesTheApplicationReady() throws IOException {
        createTickers();
        startTickers();
        reopen();
        runner.refusal = "stream ticks does not exist";
        registry.resume();
        assertThat(registry.describe(key("tickers")).status()).isEqualTo(ApplicationStatus.READY);
    }

    @Test
    void anApplicationThatFailsToResumeDoesNotKeepTheOthersFromResuming() throws IOException {
        createTickers();
        startTickers();
        registry.create(key("other"), Definitions.withInput(), Map.of());
        registry.start(key("other"), Map.of("1.1", StartingPosition.NOW));
        reopen();
        runner.duringStart = config -> {
            if (config.name().equals("other")) {
                throw new IllegalStateException("a bug in the runner");
            }
        };
        registry.resume();
        assertThat(registry.describe(key("other")).status()).isEqualTo(ApplicationStatus.READY);
        assertThat(registry.describe(key("tickers")).status()).isEqualTo(ApplicationStatus.RUNNING);
    }

    @Test
    void transitionsCutShortByACrashAreFinishedOnResume() throws IOException {
        createTickers();
        registry.create(key("stopped"), Definitions.withInput(), Map.of());
        registry.start(key("stopped"), Map.of("1.1", StartingPosition.NOW));
        // as a crash inside Delete and inside Stop leaves them
        ApplicationStore raw = new ApplicationStore(metadata, changed -> { });
        raw.put(raw.get(key("tickers")).withStatus(ApplicationStatus.DELETING));
        raw.put(raw.get(key("stopped")).withStatus(ApplicationStatus.STOPPING));
        reopen();
        registry.resume();
        assertError(() -> registry.describe(key("tickers")), ErrorType.RESOURCE_NOT_FOUND, "tickers");
        assertThat(runner.calls).endsWith("stop tickers", "delete tickers");
        assertThat(registry.describe(key("stopped")).status()).isEqualTo(ApplicationStatus.READY);
    }
}
