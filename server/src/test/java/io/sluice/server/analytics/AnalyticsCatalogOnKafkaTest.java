package io.sluice.server.analytics;

import io.sluice.analytics.app.ApplicationDefinition;
import io.sluice.analytics.app.ApplicationKey;
import io.sluice.analytics.app.ApplicationLimits;
import io.sluice.analytics.app.ApplicationRegistry;
import io.sluice.analytics.app.ApplicationStatus;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.app.StartingPosition;
import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.RecordFormat;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.type.SqlType;
import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.storage.kafka.KafkaMetaStore;
import io.sluice.storage.kafka.KafkaSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics catalogue of two nodes on one metadata topic of a real Kafka broker, as the cluster wiring gives
 * it to {@link AnalyticsNode#open}: the cluster's own atomic changes, watcher and sync, not a simulation of them.
 */
class AnalyticsCatalogOnKafkaTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static KafkaBroker broker;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final Doubles.Runner runnerA = new Doubles.Runner();
    private final Doubles.Runner runnerB = new Doubles.Runner();
    private KafkaMetaStore metaA;
    private KafkaMetaStore metaB;
    private ApplicationRegistry nodeA;
    private ApplicationRegistry nodeB;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void open() throws IOException {
        String prefix = "kda" + PREFIXES.incrementAndGet() + ".";
        metaA = KafkaMetaStore.open(new KafkaSettings(broker.bootstrapServers(), Map.of(), prefix, (short) 1, "a"));
        metaB = KafkaMetaStore.open(new KafkaSettings(broker.bootstrapServers(), Map.of(), prefix, (short) 1, "b"));
        nodeA = new ApplicationRegistry(metaA, new Doubles.Compiler(), runnerA, clock, ApplicationLimits.defaults());
        nodeB = new ApplicationRegistry(metaB, new Doubles.Compiler(), runnerB, clock, ApplicationLimits.defaults());
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
        metaA.close();
        metaB.close();
    }

    private static ApplicationKey key(String name) {
        return new ApplicationKey("000000000000", "us-east-1", name);
    }

    private static ApplicationDefinition definition() {
        SourceSchema schema = new SourceSchema(RecordFormat.csv(",", "\n"), "UTF-8",
                List.of(new RecordColumn("TICKER", SqlType.varchar(4), null)));
        return new ApplicationDefinition("d", "code", List.of(new InputConfig("1.1", "SOURCE_SQL_STREAM", 1,
                SourceKind.KINESIS_STREAM, "arn:aws:kinesis:us-east-1:000000000000:stream/in", "role", null, null,
                schema, null)), List.of(), List.of(), List.of());
    }

    /** Waits for a node's follower, which works on a thread of its own: at most thirty seconds. */
    private static void eventually(Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void twoNodesRacingToCreateOneApplicationGiveOneSuccessAndOneResourceInUse() {
        for (int round = 0; round < 3; round++) {
            ApplicationKey name = key("race" + round);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<String>> attempts = new ArrayList<>();
            for (ApplicationRegistry node : List.of(nodeA, nodeB)) {
                attempts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        node.create(name, definition(), Map.of());
                        return "created";
                    } catch (ServiceException e) {
                        return e.type().name();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            go.countDown();

            assertThat(attempts.stream().map(CompletableFuture::join).toList()).as("round %d", round)
                    .containsExactlyInAnyOrder("created", ErrorType.RESOURCE_IN_USE.name());
        }
    }

    @Test
    void anApplicationStartedThroughOneNodeIsRunningOnTheOtherAndStopsThroughIt() throws Exception {
        nodeA.create(key("tickers"), definition(), Map.of());
        assertThat(nodeB.describe(key("tickers")).status()).isEqualTo(ApplicationStatus.READY);

        nodeA.start(key("tickers"), Map.of("1.1", StartingPosition.NOW));
        eventually(() -> assertThat(runnerB.calls).contains("follow tickers v1"));

        nodeB.stop(key("tickers"));
        eventually(() -> assertThat(nodeA.describe(key("tickers")).status()).isEqualTo(ApplicationStatus.READY));
    }
}
