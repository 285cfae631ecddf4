package io.sluice.engine;

import io.sluice.common.ManualClock;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The on-demand scaling policy, driven by a manual clock. */
class OnDemandScalingTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "auto");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private KinesisEngine engine;

    @BeforeEach
    void open() throws IOException {
        EngineConfig config = EngineConfig.defaults().withStatusDelays(0, 0, 0).withLimits(LimitSettings.off());
        engine = new KinesisEngine(dir, config, LogConfig.defaults(), clock);
        engine.streams().create(STREAM, null, StreamMode.ON_DEMAND, null);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private int openShards() {
        return engine.streams().describe(STREAM).meta().openShardCount();
    }

    /** One minute of {@code bytesPerSecond} into the shard that partition key "hot" maps to. */
    private void loadOneMinute(int bytesPerSecond) throws Exception {
        for (int second = 0; second < 60; second++) {
            engine.records().putRecords(STREAM, List.of(new PutRecordsEntry(new byte[bytesPerSecond], "hot",
                    null))).join();
            clock.advance(Duration.ofSeconds(1));
            engine.maintenance().scaling().doWork();
        }
    }

    @Test
    void aHotShardIsSplitAndColdShardsAreMergedBackAfterTheCoolDown() throws Exception {
        assertThat(openShards()).isEqualTo(4);
        loadOneMinute(300 * 1024);
        assertThat(openShards()).as("light load changes nothing").isEqualTo(4);

        loadOneMinute(700 * 1024);
        assertThat(openShards()).as("a shard above half its limit is split").isEqualTo(5);
        ShardMeta child = engine.streams().describe(STREAM).meta().shard(4);
        assertThat(child.parent()).isNotNull();

        clock.advance(Duration.ofMinutes(5));
        engine.maintenance().scaling().doWork();
        assertThat(openShards()).as("no merge during the cool-down").isEqualTo(5);
        clock.advance(Duration.ofMinutes(11));
        engine.maintenance().scaling().doWork();
        assertThat(openShards()).as("cold shards merge back, never below four").isEqualTo(4);
        clock.advance(Duration.ofMinutes(30));
        engine.maintenance().scaling().doWork();
        assertThat(openShards()).isEqualTo(4);
    }

    @Test
    void warmThroughputKeepsOneShardPerMibPerSecondReady() throws Exception {
        engine.settings().updateWarmThroughput(STREAM, 6);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(11));
            engine.maintenance().scaling().doWork();
        }
        assertThat(openShards()).isEqualTo(6);
    }

    @Test
    void provisionedStreamsAreNeverScaledAutomatically() throws Exception {
        StreamKey provisioned = new StreamKey("000000000000", "us-east-1", "fixed");
        engine.streams().create(provisioned, 1, null, null);
        for (int second = 0; second < 70; second++) {
            engine.records().putRecords(provisioned, List.of(new PutRecordsEntry(new byte[900 * 1024], "k",
                    null))).join();
            clock.advance(Duration.ofSeconds(1));
            engine.maintenance().scaling().doWork();
        }
        assertThat(engine.streams().describe(provisioned).meta().openShardCount()).isEqualTo(1);
    }
}
