package io.sluice.mappings.catalog;

import io.sluice.common.ManualClock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.StreamKey;
import io.sluice.engine.StreamMode;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EngineEventSourcesTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "us-east-1";
    private static final StreamKey ORDERS = new StreamKey(ACCOUNT, REGION, "orders");

    @TempDir
    Path dir;
    private KinesisEngine engine;
    private EngineEventSources sources;

    @BeforeEach
    void open() throws IOException {
        engine = new KinesisEngine(dir, EngineConfig.defaults().withStatusDelays(0, 0, 0)
                .withLimits(LimitSettings.off()), new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 4096,
                false), new ManualClock(1_700_000_000_000L));
        engine.streams().create(ORDERS, 1, StreamMode.PROVISIONED, null);
        sources = new EngineEventSources(engine);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aStreamOfTheCallersAccountAndRegionExists() {
        String arn = ORDERS.arn().toString();

        assertThat(sources.exists(ACCOUNT, REGION, arn)).isTrue();
        assertThat(sources.exists("210987654321", REGION, arn)).isFalse();
        assertThat(sources.exists(ACCOUNT, "eu-west-1", arn)).isFalse();
        assertThat(sources.exists(ACCOUNT, REGION, "arn:aws:kinesis:us-east-1:123456789012:stream/missing"))
                .isFalse();
    }

    @Test
    void aRegisteredConsumerExistsAndAnUnregisteredOneDoesNot() {
        String consumer = engine.consumers().register(ORDERS, "lambda", Map.of()).meta().arn().toString();

        assertThat(sources.exists(ACCOUNT, REGION, consumer)).isTrue();
        assertThat(sources.exists(ACCOUNT, REGION, ORDERS.arn() + "/consumer/other:1700000000")).isFalse();
    }

    @Test
    void aStreamBeingDeletedDoesNotCount() {
        engine.streams().delete(ORDERS, false);

        assertThat(sources.exists(ACCOUNT, REGION, ORDERS.arn().toString())).isFalse();
    }
}
