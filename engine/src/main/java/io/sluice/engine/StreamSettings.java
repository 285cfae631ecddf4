package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.ServiceException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The control plane of a stream's settings: tags, server-side encryption, enhanced monitoring, capacity mode,
 * maximum record size and warm throughput. Each is one metadata change of a {@link Kind} that says when it is
 * allowed and whether it shows the stream UPDATING afterwards, as AWS does.
 *
 * <p>Threading: thread-safe. Changes run inside {@link StreamRegistry#change}, reads are lock-free.
 */
public final class StreamSettings {

    /** How a kind of change treats the stream's status. */
    private enum Kind {
        /** Tags: allowed while the stream is ACTIVE or UPDATING; the stream stays as it is. */
        TAGS(false, false),
        /** Warm throughput: needs an ACTIVE stream; applied without an UPDATING period. */
        CAPACITY_HINT(true, false),
        /** Everything else: needs an ACTIVE stream, which then shows UPDATING for the configured delay. */
        CONFIGURATION(true, true);

        final boolean requiresActive;
        final boolean showsUpdating;

        Kind(boolean requiresActive, boolean showsUpdating) {
            this.requiresActive = requiresActive;
            this.showsUpdating = showsUpdating;
        }
    }

    private final StreamRegistry registry;
    private final StreamEncryption encryption;
    private final Quotas quotas;
    private final EngineConfig config;
    private final Clock clock;

    StreamSettings(StreamRegistry registry, StreamEncryption encryption, Quotas quotas, EngineConfig config,
                   Clock clock) {
        this.registry = registry;
        this.encryption = encryption;
        this.quotas = quotas;
        this.config = config;
        this.clock = clock;
    }

    public void addTags(StreamKey key, Map<String, String> tags) {
        change(key, Kind.TAGS, meta -> meta.toBuilder().tags(TagRules.add(key, meta.tags(), tags)).build());
    }

    public void removeTags(StreamKey key, List<String> tagKeys) {
        change(key, Kind.TAGS, meta -> meta.toBuilder().tags(TagRules.remove(meta.tags(), tagKeys)).build());
    }

    public Map<String, String> tags(StreamKey key) {
        return registry.existing(key).meta().tags();
    }

    /** StartStreamEncryption: records written from now on are stored encrypted under the KMS key. */
    public void startEncryption(StreamKey key, String keyReference) {
        String keyId = encryption.resolve(keyReference);
        OpenStream stream = registry.existing(key);
        StreamMeta meta = change(key, Kind.CONFIGURATION,
                current -> current.toBuilder().encryptionKeyId(keyId).build());
        Io.run(() -> encryption.start(meta, stream.keys(), keyId));
    }

    /** StopStreamEncryption: records written from now on are stored in plain; earlier ones stay readable. */
    public void stopEncryption(StreamKey key, String keyReference) {
        OpenStream stream = registry.existing(key);
        String keyId = encryption.resolve(keyReference);
        change(key, Kind.CONFIGURATION, current -> {
            if (current.encryptionKeyId() == null) {
                throw ServiceException.invalidArgument("Encryption is not enabled on stream " + key.name() + ".");
            }
            if (!current.encryptionKeyId().equals(keyId)) {
                throw ServiceException.invalidArgument("KeyId " + keyReference + " is not the key stream "
                        + key.name() + " is encrypted with.");
            }
            return current.toBuilder().encryptionKeyId(null).build();
        });
        encryption.stop(stream.keys());
    }

    /** EnableEnhancedMonitoring: adds the shard-level metrics (or ALL) to those the stream has. */
    public MonitoringChange enableMonitoring(StreamKey key, List<String> metrics) {
        Set<String> requested = ShardLevelMetric.expand(metrics);
        return changeMonitoring(key, current -> {
            Set<String> next = new TreeSet<>(current);
            next.addAll(requested);
            return next;
        });
    }

    /** DisableEnhancedMonitoring: removes the shard-level metrics (or ALL) from those the stream has. */
    public MonitoringChange disableMonitoring(StreamKey key, List<String> metrics) {
        Set<String> requested = ShardLevelMetric.expand(metrics);
        return changeMonitoring(key, current -> {
            Set<String> next = new TreeSet<>(current);
            next.removeAll(requested);
            return next;
        });
    }

    private MonitoringChange changeMonitoring(StreamKey key, UnaryOperator<Set<String>> metrics) {
        StreamMeta before = registry.existing(key).meta();
        StreamMeta after = change(key, Kind.CONFIGURATION,
                meta -> meta.toBuilder().shardLevelMetrics(metrics.apply(meta.shardLevelMetrics())).build());
        return new MonitoringChange(before.shardLevelMetrics(), after.shardLevelMetrics());
    }

    public void updateMode(StreamKey key, StreamMode mode, Integer warmThroughputMiBps) {
        change(key, Kind.CONFIGURATION, meta -> {
            if (mode == StreamMode.ON_DEMAND && meta.mode() != StreamMode.ON_DEMAND) {
                quotas.checkOnDemand(key);
            }
            if (mode != StreamMode.ON_DEMAND && warmThroughputMiBps != null) {
                throw ServiceException.invalidArgument("WarmThroughputMiBps can only be set for a stream in "
                        + "ON_DEMAND mode.");
            }
            StreamMeta.Builder next = meta.toBuilder().mode(mode);
            if (warmThroughputMiBps != null) {
                next.warmThroughputMiBps(warmThroughputMiBps);
            }
            return next.build();
        });
    }

    public void updateMaxRecordSize(StreamKey key, int maxRecordSizeKiB) {
        change(key, Kind.CONFIGURATION, meta -> meta.toBuilder().maxRecordSizeKiB(maxRecordSizeKiB).build());
    }

    public StreamMeta updateWarmThroughput(StreamKey key, int mibps) {
        return change(key, Kind.CAPACITY_HINT, meta -> {
            if (meta.mode() != StreamMode.ON_DEMAND) {
                throw ServiceException.invalidArgument("Warm throughput can only be set for a stream in ON_DEMAND "
                        + "mode.");
            }
            return meta.toBuilder().warmThroughputMiBps(mibps).build();
        });
    }

    /** Applies a change to a stream's metadata, atomically with respect to other changes; returns the result. */
    private StreamMeta change(StreamKey key, Kind kind, UnaryOperator<StreamMeta> change) {
        return registry.change(() -> {
            StreamMeta meta = registry.existing(key).meta();
            long now = clock.millis();
            StreamStatus status = meta.status(now);
            boolean allowed = status == StreamStatus.ACTIVE
                    || (!kind.requiresActive && status == StreamStatus.UPDATING);
            if (!allowed) {
                throw Messages.notActive(key, status);
            }
            StreamMeta changed = change.apply(meta);
            StreamMeta next = kind.showsUpdating
                    ? changed.toBuilder().updatingUntil(now + config.updateDelayMillis()).build() : changed;
            Io.run(() -> registry.update(next));
            return next;
        });
    }
}
