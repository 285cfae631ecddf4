package io.sluice.engine.store;

import io.sluice.common.Clock;
import io.sluice.storage.LogConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the engine persists to: its metadata and its shard logs. The seam a cluster backend implements; on one
 * node, {@link #local} opens both under a data directory: {@code meta/} for the metadata,
 * {@code logs/<account>/<region>/<stream>-<createdAt>/shardId-N/} for the logs.
 */
public record EngineStores(MetaStore metadata, ShardLogStore logs) {

    public EngineStores {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(logs, "logs");
    }

    /** Opens (or recovers) the local stores of a data directory. */
    public static EngineStores local(Path dataDir, LogConfig logConfig, Clock clock) throws IOException {
        LocalMetaStore metadata = LocalMetaStore.open(dataDir.resolve("meta"));
        try {
            return new EngineStores(metadata, LocalShardLogStore.open(dataDir.resolve("logs"), logConfig, clock));
        } catch (IOException | RuntimeException e) {
            metadata.close();
            throw e;
        }
    }
}
