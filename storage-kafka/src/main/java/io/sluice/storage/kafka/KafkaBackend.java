package io.sluice.storage.kafka;

import io.sluice.engine.limits.UsageExchange;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.task.TaskPlacement;

import java.io.IOException;
import java.time.Duration;

/**
 * A node's cluster backend: the engine's metadata ({@link KafkaMetaStore}) and shard logs
 * ({@link KafkaShardLogStore}) on one Kafka cluster, the exchange of the shards' budget usage among the nodes
 * ({@link KafkaUsageExchange}), and the placement of background tasks ({@link KafkaTaskPlacement}) through its
 * group membership, all opened from one {@link KafkaSettings}.
 *
 * <p>Ownership: the stores and the usage exchange go to the engine, which closes them (also when it fails to
 * start); the placement is closed here, once the tasks have stopped, so that leaving the group hands them over
 * from their last checkpoint. Open and close from the server's start/stop thread; {@link #connected} from any thread.
 */
public final class KafkaBackend {

    /**
     * {@code retention.ms} of a stream topic until the stream's own retention is set on it: Kinesis's default
     * retention period, which every stream starts with.
     */
    static final long DEFAULT_RETENTION_MILLIS = Duration.ofHours(24).toMillis();

    private final KafkaSettings settings;
    private final KafkaMetaStore metadata;
    private final KafkaShardLogStore logs;
    private final KafkaUsageExchange usage;
    private final KafkaTaskPlacement placement;

    private KafkaBackend(KafkaSettings settings, KafkaMetaStore metadata, KafkaShardLogStore logs,
                         KafkaUsageExchange usage, KafkaTaskPlacement placement) {
        this.settings = settings;
        this.metadata = metadata;
        this.logs = logs;
        this.usage = usage;
        this.placement = placement;
    }

    /**
     * Connects to the cluster: the metadata first (it reads the metadata topic to its end, so the engine starts
     * from the cluster's current view), then the shard logs, then the usage exchange, then the task placement
     * (which joins the group). What opened is closed again if a later part fails.
     */
    public static KafkaBackend open(KafkaSettings settings) throws IOException {
        KafkaMetaStore metadata = KafkaMetaStore.open(settings);
        KafkaShardLogStore logs = null;
        KafkaUsageExchange usage = null;
        try {
            logs = KafkaShardLogStore.open(settings, DEFAULT_RETENTION_MILLIS);
            usage = KafkaUsageExchange.open(settings);
            KafkaTaskPlacement placement = KafkaTaskPlacement.open(settings);
            return new KafkaBackend(settings, metadata, logs, usage, placement);
        } catch (IOException | RuntimeException e) {
            if (usage != null) {
                usage.close();
            }
            if (logs != null) {
                logs.close();
            }
            metadata.close();
            throw e;
        }
    }

    public KafkaSettings settings() {
        return settings;
    }

    /** The engine's stores; the engine closes them. */
    public EngineStores stores() {
        return new EngineStores(metadata, logs);
    }

    /** The exchange that shares the shards' throughput budgets with the other nodes; the engine closes it. */
    public UsageExchange usage() {
        return usage;
    }

    public TaskPlacement placement() {
        return placement;
    }

    /** Whether this node follows the cluster: its metadata applier is alive and reading the metadata topic. */
    public boolean connected() {
        return metadata.isApplying();
    }

    /** Leaves the task group: other nodes take this node's tasks at once. Call after the tasks have stopped. */
    public void closePlacement() {
        placement.close();
    }
}
