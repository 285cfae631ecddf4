package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.limits.UsageExchange;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.store.SharedInMemoryCluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Engines of several nodes on one {@link SharedInMemoryCluster}, for the cluster tests: every node's KMS opens the
 * same keystore directory, so all share one master key, as a cluster's nodes must. Closes the engines, then the
 * cluster. Threading: build and close on the test thread; the engines themselves are thread-safe.
 */
final class ClusterEngines implements AutoCloseable {

    static final EngineConfig CONFIG = EngineConfig.defaults().withStatusDelays(0, 0, 0)
            .withLimits(LimitSettings.off());

    final SharedInMemoryCluster cluster;
    private final List<KinesisEngine> engines = new ArrayList<>();
    private final List<EngineStores> stores = new ArrayList<>();

    ClusterEngines(int nodes, Path keystore, Clock clock, long seed, SharedInMemoryCluster.Lag lag)
            throws IOException {
        this(nodes, keystore, clock, seed, lag, CONFIG, () -> UsageExchange.NONE);
    }

    /** Engines with the given configuration, each sharing its budgets through the exchange {@code usage} makes. */
    ClusterEngines(int nodes, Path keystore, Clock clock, long seed, SharedInMemoryCluster.Lag lag,
                   EngineConfig config, Supplier<UsageExchange> usage) throws IOException {
        this.cluster = new SharedInMemoryCluster(clock, seed, lag);
        for (int i = 0; i < nodes; i++) {
            EngineStores node = cluster.node();
            stores.add(node);
            engines.add(new KinesisEngine(node, LocalKms.open(keystore, null, List.of()), config, clock,
                    StreamObserver.NONE, usage.get()));
        }
    }

    KinesisEngine node(int i) {
        return engines.get(i);
    }

    int size() {
        return engines.size();
    }

    /** Node {@code i}'s stores (its metadata view, its log handles). */
    EngineStores stores(int i) {
        return stores.get(i);
    }

    /** Waits until node {@code i}'s view holds every metadata change committed so far. */
    void sync(int i) {
        stores.get(i).metadata().sync().join();
    }

    void syncAll() {
        for (int i = 0; i < stores.size(); i++) {
            sync(i);
        }
    }

    /** Every record of the stream, read through {@code node} from each shard's start, parents before children. */
    static List<String> readParentsFirst(KinesisEngine node, StreamKey stream) {
        List<ShardMeta> shards = new ArrayList<>(node.streams().describe(stream).meta().shards());
        shards.sort(Comparator.comparing(s -> s.id().index()));
        List<String> read = new ArrayList<>();
        for (ShardMeta shard : shards) {
            String iterator = node.records().getShardIterator(stream, shard.id().toString(),
                    IteratorType.TRIM_HORIZON, null, null);
            node.records().getRecords(iterator, 100).records()
                    .forEach(r -> read.add(new String(r.data(), StandardCharsets.UTF_8)));
        }
        return read;
    }

    @Override
    public void close() {
        engines.forEach(KinesisEngine::close);
        cluster.close();
    }
}
