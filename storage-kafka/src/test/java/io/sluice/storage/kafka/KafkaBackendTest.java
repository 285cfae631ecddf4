package io.sluice.storage.kafka;

import io.sluice.engine.store.EngineStores;
import io.sluice.engine.task.TaskId;
import io.sluice.kafka.testkit.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A node's backend opened from its settings against a real broker, as the server opens it. */
class KafkaBackendTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void opensStoresThatShareTheClusterAndAPlacementThatOwnsTasksAndReportsTheConnectionUntilClosed()
            throws Exception {
        KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), Map.of(), "backend.", (short) -1,
                "node-a");
        KafkaBackend backend = KafkaBackend.open(settings);
        EngineStores stores = backend.stores();
        try {
            assertThat(backend.connected()).isTrue();
            stores.metadata().put("stream/x", "v".getBytes(StandardCharsets.UTF_8));
            assertThat(stores.metadata().get("stream/x")).asString(StandardCharsets.UTF_8).isEqualTo("v");
            // the only node of its group is given every task once the group has formed
            CountDownLatch placed = new CountDownLatch(1);
            backend.placement().onChange(placed::countDown);
            TaskId task = new TaskId("retention", "000000000000/us-east-1/x");
            assertThat(backend.placement().owns(task) || placed.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(backend.placement().owns(task)).isTrue();

            backend.closePlacement();
            assertThat(backend.placement().owns(task)).isFalse();
        } finally {
            // the engine's part: it owns and closes the stores and the usage exchange
            backend.usage().close();
            stores.logs().close();
            stores.metadata().close();
        }
        assertThat(backend.connected()).isFalse();

        // a second node of the same cluster reads what the first one wrote
        KafkaBackend other = KafkaBackend.open(new KafkaSettings(broker.bootstrapServers(), Map.of(), "backend.",
                (short) -1, "node-b"));
        try {
            assertThat(other.stores().metadata().get("stream/x")).asString(StandardCharsets.UTF_8).isEqualTo("v");
        } finally {
            other.closePlacement();
            other.usage().close();
            other.stores().logs().close();
            other.stores().metadata().close();
        }
    }
}
