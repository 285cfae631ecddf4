package io.sluice.firehose.store;

import io.sluice.common.Clock;
import io.sluice.common.ShardId;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.engine.store.LocalShardLogStore;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.store.ShardLogStore;
import io.sluice.storage.LogConfig;
import io.sluice.storage.LogStore;
import io.sluice.storage.MetadataStore;
import io.sluice.storage.StorageEvents;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where Firehose keeps its state, through the engine's seams: delivery stream definitions, checkpoints and source
 * positions in a {@link MetaStore}, the durable buffers in a {@link ShardLogStore}.
 *
 * <ul>
 *   <li>{@link #local}: one node, the layout Firehose has always had under its data directory: {@code meta/} (a
 *       storage metadata store) and {@code buffers/<account>/<region>/<name>-<createdAt>/} (one segmented log per
 *       buffer). These stores are Firehose's own and closed with it.</li>
 *   <li>{@link #shared}: cluster mode, on the stores of the cluster backend, which their owner closes: keys under
 *       {@value #CLUSTER_PREFIX} in the shared metadata, and each buffer as the one-shard log
 *       {@code firehose/<account>/<region>/<name>-<createdAt>/shardId-000000000000}, which the Kafka backend keeps
 *       in the topic {@code <prefix>stream.firehose.<account>.<region>.<name>-<createdAt>}, partition 0 (delivery
 *       stream names, accounts and regions use only characters Kafka allows in topic names; no Kinesis stream
 *       topic can be named so, since an account is 12 digits).</li>
 * </ul>
 *
 * <p><b>Threading</b>: immutable; the stores are thread-safe.
 */
public final class FirehoseStores implements AutoCloseable {

    /** Prefix of Firehose's keys in a shared metadata store. */
    public static final String CLUSTER_PREFIX = "firehose/";
    private static final String BUFFER_SHARD = "/" + new ShardId(0);

    private final MetaStore metadata;
    private final ShardLogStore buffers;
    private final boolean shared;
    private final String taskScope;

    private FirehoseStores(MetaStore metadata, ShardLogStore buffers, boolean shared, String taskScope) {
        this.metadata = metadata;
        this.buffers = buffers;
        this.shared = shared;
        this.taskScope = taskScope;
    }

    /** Opens (or recovers) the stores under a node's Firehose data directory. */
    public static FirehoseStores local(Path dataDir, LogConfig bufferLog, Clock clock, StorageEvents events)
            throws IOException {
        LocalMetaStore metadata = new LocalMetaStore(new MetadataStore(dataDir.resolve("meta"),
                MetadataStore.DEFAULT_COMPACTION_BYTES, false, events));
        try {
            return new FirehoseStores(metadata,
                    new LocalShardLogStore(new LogStore(dataDir.resolve("buffers"), bufferLog, clock, events)),
                    false, dataDir.toString());
        } catch (IOException | RuntimeException e) {
            metadata.close();
            throw e;
        }
    }

    /** Firehose's part of a cluster backend's stores; closing these stores leaves the backend's open. */
    public static FirehoseStores shared(MetaStore clusterMetadata, ShardLogStore clusterLogs) {
        return new FirehoseStores(new PrefixedMetaStore(clusterMetadata, CLUSTER_PREFIX), clusterLogs, true,
                "cluster");
    }

    public MetaStore metadata() {
        return metadata;
    }

    public ShardLogStore buffers() {
        return buffers;
    }

    /** Whether other nodes share these stores (cluster mode). */
    public boolean shared() {
        return shared;
    }

    /**
     * Names the engine's tasks that are not per delivery stream (the deletions): one per data directory, or one in
     * the whole cluster.
     */
    public String taskScope() {
        return taskScope;
    }

    /** The name in {@link #buffers} of the log of the buffer named {@code bufferName}. */
    public String logName(String bufferName) {
        return shared ? "firehose/" + bufferName + BUFFER_SHARD : bufferName;
    }

    /** Closes the stores if they are Firehose's own. */
    @Override
    public void close() {
        if (!shared) {
            buffers.close();
            metadata.close();
        }
    }
}
