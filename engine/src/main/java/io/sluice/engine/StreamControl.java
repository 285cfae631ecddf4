package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.HashKeyRange;
import io.sluice.common.ServiceException;
import io.sluice.common.ShardId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control plane of streams' lives: CreateStream, DeleteStream, DescribeStream(Summary), ListStreams and the
 * retention period. Inputs have already been checked against the API model by the protocol layer; this checks
 * what depends on state and answers with {@link ServiceException}s of the AWS types.
 *
 * <p>Threading: thread-safe. Changes run inside {@link StreamRegistry#change}, reads are lock-free.
 */
public final class StreamControl {

    private static final int DEFAULT_RETENTION_HOURS = 24;
    private static final int MIN_RETENTION_HOURS = 24;
    private static final int MAX_RETENTION_HOURS = 8760;
    private static final int ON_DEMAND_SHARDS = 4;
    private static final int DEFAULT_MAX_RECORD_KIB = 1024;

    /** Which way a retention change may go: AWS has one operation for each. */
    private enum RetentionChange { INCREASE, DECREASE }

    private final StreamRegistry registry;
    private final ConsumerRegistry consumers;
    private final Quotas quotas;
    private final PageTokens pageTokens;
    private final EngineConfig config;
    private final Clock clock;

    StreamControl(StreamRegistry registry, ConsumerRegistry consumers, Quotas quotas, PageTokens pageTokens,
                  EngineConfig config, Clock clock) {
        this.registry = registry;
        this.consumers = consumers;
        this.quotas = quotas;
        this.pageTokens = pageTokens;
        this.config = config;
        this.clock = clock;
    }

    /**
     * CreateStream. {@code shardCount} is required for PROVISIONED streams and refused for ON_DEMAND ones, which
     * start with 4 shards; {@code maxRecordSizeKiB} may be null for the default of 1 MiB.
     */
    public void create(StreamKey key, Integer shardCount, StreamMode mode, Integer maxRecordSizeKiB) {
        create(key, shardCount, mode, maxRecordSizeKiB, Map.of(), null);
    }

    /** CreateStream with tags and, for ON_DEMAND streams, a warm throughput to keep ready. */
    public void create(StreamKey key, Integer shardCount, StreamMode mode, Integer maxRecordSizeKiB,
                       Map<String, String> tags, Integer warmThroughputMiBps) {
        StreamMode effectiveMode = mode == null ? StreamMode.PROVISIONED : mode;
        if (effectiveMode == StreamMode.PROVISIONED && shardCount == null) {
            throw ServiceException.invalidArgument("ShardCount is required for a stream in PROVISIONED mode.");
        }
        if (effectiveMode == StreamMode.ON_DEMAND && shardCount != null) {
            throw ServiceException.invalidArgument("ShardCount cannot be specified for a stream in ON_DEMAND mode.");
        }
        if (effectiveMode != StreamMode.ON_DEMAND && warmThroughputMiBps != null) {
            throw ServiceException.invalidArgument("WarmThroughputMiBps can only be set for a stream in ON_DEMAND mode.");
        }
        Map<String, String> initialTags = TagRules.add(key, Map.of(), tags);
        int shards = effectiveMode == StreamMode.ON_DEMAND ? ON_DEMAND_SHARDS : shardCount;
        registry.change(() -> {
            long now = clock.millis();
            if (registry.get(key) != null) {
                throw ServiceException.inUse("Stream " + key.name() + " under account " + key.account()
                        + " already exists.");
            }
            quotas.checkShards(key, shards);
            quotas.checkCreating(key, now);
            if (effectiveMode == StreamMode.ON_DEMAND) {
                quotas.checkOnDemand(key);
            }
            List<ShardMeta> shardMetas = new ArrayList<>(shards);
            List<HashKeyRange> ranges = HashKeyRange.evenSplit(shards);
            for (int i = 0; i < shards; i++) {
                shardMetas.add(new ShardMeta(new ShardId(i), ranges.get(i), null, null, now, -1, -1));
            }
            StreamMeta meta = new StreamMeta(key, now, now + config.createDelayMillis(), -1, -1,
                    DEFAULT_RETENTION_HOURS, effectiveMode,
                    maxRecordSizeKiB == null ? DEFAULT_MAX_RECORD_KIB : maxRecordSizeKiB, shards, shardMetas,
                    initialTags, null, Set.of(), warmThroughputMiBps == null ? 0 : warmThroughputMiBps);
            Io.run(() -> registry.create(meta));
        });
    }

    /**
     * DeleteStream: the stream shows DELETING until {@link Maintenance}'s deletion task removes it.
     *
     * @param enforceConsumerDeletion the request's EnforceConsumerDeletion: delete even with consumers registered
     */
    public void delete(StreamKey key, boolean enforceConsumerDeletion) {
        registry.change(() -> {
            StreamMeta meta = registry.existing(key).meta();
            if (meta.deletingAt() >= 0) {
                return;
            }
            if (!enforceConsumerDeletion && !consumers.of(meta).isEmpty()) {
                throw ServiceException.inUse("Stream " + key.name() + " under account " + key.account()
                        + " has registered consumers; deregister them or set EnforceConsumerDeletion.");
            }
            Io.run(() -> registry.update(meta.toBuilder().deletingAt(clock.millis()).build()));
        });
    }

    public StreamView describe(StreamKey key) {
        StreamMeta meta = registry.existing(key).meta();
        return new StreamView(meta, meta.status(clock.millis()));
    }

    public StreamPage list(String account, String region, int limit, String exclusiveStartName, String nextToken) {
        long now = clock.millis();
        String after = exclusiveStartName;
        if (nextToken != null) {
            PageToken token = pageTokens.open(nextToken, now);
            if (!token.scope().account().equals(account) || !token.scope().region().equals(region)) {
                throw ServiceException.invalidArgument("Invalid NextToken.");
            }
            after = token.lastItem();
        }
        List<StreamView> all = new ArrayList<>();
        for (OpenStream stream : registry.all()) {
            StreamKey key = stream.meta().key();
            if (key.account().equals(account) && key.region().equals(region)
                    && (after == null || key.name().compareTo(after) > 0)) {
                all.add(new StreamView(stream.meta(), stream.meta().status(now)));
            }
        }
        all.sort(Comparator.comparing(v -> v.meta().key().name()));
        boolean more = all.size() > limit;
        List<StreamView> page = more ? List.copyOf(all.subList(0, limit)) : all;
        String next = more ? pageTokens.seal(new PageToken(new StreamKey(account, region, ""), 0,
                page.getLast().meta().key().name(), null, now).encode()) : null;
        return new StreamPage(page, more, next);
    }

    public void increaseRetention(StreamKey key, int hours) {
        changeRetention(key, hours, RetentionChange.INCREASE);
    }

    public void decreaseRetention(StreamKey key, int hours) {
        changeRetention(key, hours, RetentionChange.DECREASE);
    }

    private void changeRetention(StreamKey key, int hours, RetentionChange direction) {
        if (hours < MIN_RETENTION_HOURS) {
            throw ServiceException.invalidArgument("Minimum allowed retention period is " + MIN_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too short.");
        }
        if (hours > MAX_RETENTION_HOURS) {
            throw ServiceException.invalidArgument("Maximum allowed retention period is " + MAX_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too long.");
        }
        registry.change(() -> {
            StreamMeta meta = registry.existing(key).meta();
            StreamStatus status = meta.status(clock.millis());
            if (status != StreamStatus.ACTIVE) {
                throw Messages.notActive(key, status);
            }
            if (direction == RetentionChange.INCREASE && hours < meta.retentionHours()) {
                throw ServiceException.invalidArgument("Requested retention period (" + hours + " hours) for stream "
                        + key.name() + " can not be shorter than existing retention period (" + meta.retentionHours()
                        + " hours). Use DecreaseRetentionPeriod API.");
            }
            if (direction == RetentionChange.DECREASE && hours > meta.retentionHours()) {
                throw ServiceException.invalidArgument("Requested retention period (" + hours + " hours) for stream "
                        + key.name() + " can not be longer than existing retention period (" + meta.retentionHours()
                        + " hours). Use IncreaseRetentionPeriod API.");
            }
            Io.run(() -> registry.update(meta.toBuilder().retentionHours(hours).build()));
        });
    }
}
