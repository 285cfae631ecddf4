package io.sluice.mappings.poll;

import io.sluice.common.ManualClock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.PutRecordsEntry;
import io.sluice.engine.StreamMode;
import io.sluice.engine.StreamObserver;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.store.SharedInMemoryCluster;
import io.sluice.mappings.filter.EventFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on shared stores: a mapping stopped on one node and started on the other resumes from the first
 * node's checkpoints, repeating only the batch that was in flight.
 */
class ClusterHandoverTest {

    @TempDir
    Path keystore;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final ScriptedFunction function = new ScriptedFunction();
    private SharedInMemoryCluster cluster;
    private final List<KinesisEngine> engines = new ArrayList<>();
    private final List<SteppedHost> hosts = new ArrayList<>();
    private final List<MappingPollers> pollers = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        long seed = System.nanoTime();
        System.out.println("ClusterHandoverTest seed " + seed);
        cluster = new SharedInMemoryCluster(clock, seed, SharedInMemoryCluster.Lag.SOME);
        for (int i = 0; i < 2; i++) {
            EngineStores stores = cluster.node();
            KinesisEngine engine = new KinesisEngine(stores, LocalKms.open(keystore, null, List.of()),
                    EngineConfig.defaults().withStatusDelays(0, 0, 0).withLimits(LimitSettings.off()), clock,
                    StreamObserver.NONE);
            SteppedHost host = new SteppedHost();
            engines.add(engine);
            hosts.add(host);
            pollers.add(new MappingPollers(engine, stores.metadata(), host, function, (arn, record) -> { },
                    MappingObserver.NONE, patterns -> EventFilter.ALL, PollerSettings.defaults(), clock));
        }
        engines.getFirst().streams().create(PollerFixture.STREAM, 1, StreamMode.PROVISIONED, null);
    }

    @AfterEach
    void close() {
        hosts.forEach(SteppedHost::stopAll);
        engines.forEach(KinesisEngine::close);
        cluster.close();
    }

    private void put(int node, String data) {
        engines.get(node).records().putRecord(PollerFixture.STREAM, new PutRecordsEntry(
                data.getBytes(StandardCharsets.UTF_8), "k", null)).join();
    }

    private void drain(int node) {
        for (int i = 0; i < 100 && hosts.get(node).step() > 0; i++) {
            // stepping until idle
        }
    }

    @Test
    void theMappingMovesToAnotherNodeAndResumesFromItsCheckpoints() {
        for (int i = 0; i < 8; i++) {
            put(0, "r" + i);
        }
        function.answer(event -> ScriptedFunction.data(event).contains("r6")
                ? ScriptedFunction.unhandled() : ScriptedFunction.ok(""));
        pollers.get(0).run(PollerFixture.mapping(PollerFixture.settings().batchSize(3), PollerFixture.STREAM_ARN));
        drain(0);

        pollers.get(0).stop(PollerFixture.UUID);
        function.answer(event -> ScriptedFunction.ok(""));
        pollers.get(1).run(PollerFixture.mapping(PollerFixture.settings().batchSize(3), PollerFixture.STREAM_ARN));
        put(1, "r8");
        drain(1);

        List<String> expected = Stream.concat(IntStream.range(0, 8).mapToObj(i -> "r" + i),
                IntStream.range(6, 9).mapToObj(i -> "r" + i)).toList();
        assertThat(function.deliveredData()).containsExactlyElementsOf(expected);
        assertThat(pollers.get(1).lastProcessingResult(PollerFixture.UUID)).isEqualTo("OK");
    }
}
