package io.sluice.engine;

import io.sluice.common.Clock;
import io.sluice.common.ConsumerArn;
import io.sluice.common.ErrorType;
import io.sluice.common.HashKeyRange;
import io.sluice.common.ServiceException;
import io.sluice.common.ShardId;
import io.sluice.common.StreamArn;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.limits.ShardThroughput;
import io.sluice.engine.limits.TokenBucket;
import io.sluice.storage.LogConfig;
import io.sluice.storage.LogStore;
import io.sluice.storage.MetadataStore;
import io.sluice.storage.ShardLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The Data Streams engine: every stream operation, in domain terms. Inputs have already been checked against the
 * API model's constraints (lengths, patterns, ranges) by the protocol layer; the engine checks what depends on
 * state and answers with {@link ServiceException}s of the AWS types.
 *
 * <p>Data directory layout: {@code meta/} holds the {@link MetadataStore} (streams, the token secret),
 * {@code logs/<account>/<region>/<stream>-<createdAt>/shardId-N/} the shard logs.
 *
 * <p>Threading: every method may be called from any number of threads at once. Control-plane changes are
 * serialised on the registry; puts and reads run in parallel.
 */
public final class KinesisEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisEngine.class);
    private static final String SECRET_KEY = "secret:tokens";
    private static final int DEFAULT_RETENTION_HOURS = 24;
    private static final int MIN_RETENTION_HOURS = 24;
    private static final int MAX_RETENTION_HOURS = 8760;
    private static final int ON_DEMAND_SHARDS = 4;
    private static final int DEFAULT_MAX_RECORD_KIB = 1024;
    private static final int MAX_CREATING_STREAMS = 5;
    private static final int MAX_SHARDS_PER_STREAM = 10_000;
    private static final int ON_DEMAND_STREAM_LIMIT = 50;

    private final EngineConfig config;
    private final Clock clock;
    private final MetadataStore metadata;
    private final LogStore logs;
    private final StreamRegistry registry;
    private final TokenSigner signer;
    private final RecordWriter writer;
    private final RecordReader reader;
    private final StreamObserver observer;
    private final StreamEncryption encryption;
    private final OnDemandScaler scaler = new OnDemandScaler();
    private final ConsumerRegistry consumers;
    private final PageTokens pageTokens;
    private final FanOut fanOut;
    private final AccountStore accounts;
    private long lastRetentionCheck;

    public KinesisEngine(Path dataDir, EngineConfig config, LogConfig logConfig, Clock clock) throws IOException {
        this(dataDir, config, logConfig, clock, StreamObserver.NONE);
    }

    public KinesisEngine(Path dataDir, EngineConfig config, LogConfig logConfig, Clock clock,
                         StreamObserver observer) throws IOException {
        this.config = config;
        this.observer = observer;
        this.clock = clock;
        this.metadata = new MetadataStore(dataDir.resolve("meta"));
        this.logs = new LogStore(dataDir.resolve("logs"), logConfig, clock);
        this.encryption = new StreamEncryption(LocalKms.open(dataDir, config.masterKeyFile(), config.kmsKeys()),
                metadata);
        this.registry = new StreamRegistry(metadata, logs, this::shardRuntime, encryption::load);
        this.signer = new TokenSigner(secret(metadata));
        this.writer = new RecordWriter(logs, encryption, observer);
        this.reader = new RecordReader(signer, clock, config.iteratorTtlMillis(), encryption, observer);
        this.consumers = new ConsumerRegistry(metadata);
        this.accounts = new AccountStore(metadata, clock);
        this.pageTokens = new PageTokens(signer, config.nextTokenTtlMillis());
        this.fanOut = new FanOut(new FanOut.Streams() {
            @Override
            public OpenStream get(StreamKey key) {
                return registry.get(key);
            }

            @Override
            public OpenStream existing(StreamKey key) {
                return KinesisEngine.this.existing(key);
            }

            @Override
            public OpenStream readable(StreamKey key) {
                return KinesisEngine.this.readable(key);
            }
        }, consumers, reader, pageTokens, config, clock);
        this.lastRetentionCheck = clock.millis();
        LOG.info("opened {} stream(s) from {}", registry.size(), dataDir);
    }

    private ShardRuntime shardRuntime(StreamMeta stream, ShardMeta shard, ShardLog log) {
        return new ShardRuntime(log, new ShardThroughput(clock, config.limits(), shard.id().toString(),
                stream.key().name(), stream.key().account()), new IngestMeter(clock), new ShardSignal());
    }

    private static byte[] secret(MetadataStore metadata) throws IOException {
        byte[] secret = metadata.get(SECRET_KEY);
        if (secret == null) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            metadata.put(SECRET_KEY, secret);
        }
        return secret;
    }

    /**
     * CreateStream. {@code shardCount} is required for PROVISIONED streams and refused for ON_DEMAND ones, which
     * start with 4 shards; {@code maxRecordSizeKiB} may be null for the default of 1 MiB.
     */
    public void createStream(StreamKey key, Integer shardCount, StreamMode mode, Integer maxRecordSizeKiB) {
        createStream(key, shardCount, mode, maxRecordSizeKiB, Map.of(), null);
    }

    /** CreateStream with tags and, for ON_DEMAND streams, a warm throughput to keep ready. */
    public void createStream(StreamKey key, Integer shardCount, StreamMode mode, Integer maxRecordSizeKiB,
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
        synchronized (registry) {
            long now = clock.millis();
            if (registry.get(key) != null) {
                throw ServiceException.inUse("Stream " + key.name() + " under account " + key.account()
                        + " already exists.");
            }
            checkShardLimit(key, shards);
            checkCreatingLimit(key, now);
            if (effectiveMode == StreamMode.ON_DEMAND) {
                checkOnDemandLimit(key);
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
            Io.run(() -> registry.create(meta, new KeyRing()));
        }
    }

    private void checkShardLimit(StreamKey key, int newShards) {
        int openShards = 0;
        for (OpenStream stream : registry.all()) {
            if (sameAccountAndRegion(key, stream.meta().key())) {
                openShards += stream.meta().openShardCount();
            }
        }
        if (openShards + newShards > config.shardLimit()) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "This request would exceed the shard limit for the "
                    + "account " + key.account() + " in " + key.region() + ". Current shard count for the account: "
                    + openShards + ". Limit: " + config.shardLimit() + ". Number of additional shards that would have "
                    + "resulted from this request: " + newShards + ".");
        }
    }

    private void checkCreatingLimit(StreamKey key, long now) {
        long creating = registry.all().stream().filter(s -> sameAccountAndRegion(key, s.meta().key())
                && s.meta().status(now) == StreamStatus.CREATING).count();
        if (creating >= MAX_CREATING_STREAMS) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "This request would exceed the limit of "
                    + MAX_CREATING_STREAMS + " streams in CREATING state for account " + key.account() + ".");
        }
    }

    private static boolean sameAccountAndRegion(StreamKey a, StreamKey b) {
        return a.account().equals(b.account()) && a.region().equals(b.region());
    }

    public void deleteStream(StreamKey key, boolean enforceConsumerDeletion) {
        synchronized (registry) {
            StreamMeta meta = existing(key).meta();
            if (meta.deletingAt() >= 0) {
                return;
            }
            if (!enforceConsumerDeletion && !consumers.of(meta).isEmpty()) {
                throw ServiceException.inUse("Stream " + key.name() + " under account " + key.account()
                        + " has registered consumers; deregister them or set EnforceConsumerDeletion.");
            }
            Io.run(() -> registry.update(meta.toBuilder().deletingAt(clock.millis()).build()));
        }
    }

    public StreamView describe(StreamKey key) {
        StreamMeta meta = existing(key).meta();
        return new StreamView(meta, meta.status(clock.millis()));
    }

    /** The shards DescribeStream shows: those within retention, after the exclusive start, up to the limit. */
    public List<ShardMeta> describeShards(StreamMeta meta, String exclusiveStartShardId) {
        return afterShard(ShardLister.select(meta, null, clock.millis()), exclusiveStartShardId);
    }

    public StreamPage listStreams(String account, String region, int limit, String exclusiveStartName,
                                  String nextToken) {
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

    /**
     * ListShards. Either {@code key} (a first page) or {@code nextToken} (a later one) is given; the filter and
     * exclusive start apply to first pages, later pages carry them in the token.
     */
    public ShardPage listShards(StreamKey key, String nextToken, String exclusiveStartShardId, int maxResults,
                                ShardFilter filter) {
        long now = clock.millis();
        StreamMeta meta;
        String after;
        ShardFilter effective;
        if (nextToken != null) {
            PageToken token = pageTokens.open(nextToken, now);
            meta = existing(token.scope()).meta();
            if (meta.createdAt() != token.streamCreatedAt()) {
                throw Messages.streamNotFound(token.scope());
            }
            after = token.lastItem();
            effective = token.filter();
        } else {
            meta = existing(key).meta();
            effective = filter;
            after = exclusiveStartShardId;
            if (filter != null && filter.type() == ShardFilter.Type.AFTER_SHARD_ID) {
                if (filter.shardId() == null) {
                    throw ServiceException.invalidArgument("ShardId must be specified for ShardFilter type "
                            + "AFTER_SHARD_ID.");
                }
                after = filter.shardId();
            }
            if (filter != null && filter.timestampMillis() < 0 && (filter.type() == ShardFilter.Type.AT_TIMESTAMP
                    || filter.type() == ShardFilter.Type.FROM_TIMESTAMP)) {
                throw ServiceException.invalidArgument("Timestamp must be specified for ShardFilter type "
                        + filter.type() + ".");
            }
        }
        List<ShardMeta> selected = afterShard(ShardLister.select(meta, effective, now), after);
        if (selected.size() <= maxResults) {
            return new ShardPage(selected, null);
        }
        List<ShardMeta> page = List.copyOf(selected.subList(0, maxResults));
        String next = pageTokens.seal(new PageToken(meta.key(), meta.createdAt(), page.getLast().id().toString(),
                effective, now).encode());
        return new ShardPage(page, next);
    }

    private static List<ShardMeta> afterShard(List<ShardMeta> shards, String exclusiveStartShardId) {
        if (exclusiveStartShardId == null) {
            return shards;
        }
        ShardId start = ShardId.parseOrNull(exclusiveStartShardId);
        if (start == null) {
            return shards.stream().filter(s -> s.id().toString().compareTo(exclusiveStartShardId) > 0).toList();
        }
        return shards.stream().filter(s -> s.id().compareTo(start) > 0).toList();
    }

    public CompletableFuture<List<PutOutcome>> putRecords(StreamKey key, List<PutRecordsEntry> entries) {
        while (true) {
            WriteGate gate = readable(key).gate();
            gate.enterPut();
            try {
                OpenStream stream = readable(key);
                if (stream.gate() == gate) {
                    return writer.put(stream, entries);
                }
            } finally {
                gate.exitPut();
            }
        }
    }

    public CompletableFuture<PutResult> putRecord(StreamKey key, PutRecordsEntry entry) {
        return putRecords(key, List.of(entry)).thenApply(outcomes -> {
            PutOutcome outcome = outcomes.getFirst();
            if (outcome.failed()) {
                throw new ServiceException(outcome.errorCode().equals(RecordWriter.THROTTLED)
                        ? ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED : ErrorType.INTERNAL_FAILURE,
                        outcome.errorMessage());
            }
            return outcome.result();
        });
    }

    public String getShardIterator(StreamKey key, String shardId, IteratorType type, String sequenceNumber,
                                   Long timestampMillis) {
        OpenStream stream = readable(key);
        ShardId id = ShardId.parseOrNull(shardId);
        ShardMeta shard = id == null ? null : stream.meta().shard(id.index());
        if (shard == null) {
            throw Messages.shardNotFound(key, shardId);
        }
        return reader.iterator(stream, shard, type, sequenceNumber, timestampMillis);
    }

    public GetRecordsResult getRecords(String shardIterator, int limit) {
        ShardIterator it = reader.open(shardIterator);
        OpenStream stream = registry.get(it.stream());
        if (stream == null || stream.meta().createdAt() != it.streamCreatedAt()) {
            throw Messages.streamNotFound(it.stream());
        }
        return reader.read(readable(it.stream()), it, limit);
    }

    /** The stream a shard iterator belongs to, or null if it is not a valid iterator; for metrics. */
    public StreamKey streamOf(String shardIterator) {
        byte[] payload = shardIterator == null ? null : signer.open(shardIterator);
        ShardIterator it = payload == null ? null : ShardIterator.decodeOrNull(payload);
        return it == null ? null : it.stream();
    }

    public void increaseRetention(StreamKey key, int hours) {
        changeRetention(key, hours, true);
    }

    public void decreaseRetention(StreamKey key, int hours) {
        changeRetention(key, hours, false);
    }

    private void changeRetention(StreamKey key, int hours, boolean increase) {
        if (hours < MIN_RETENTION_HOURS) {
            throw ServiceException.invalidArgument("Minimum allowed retention period is " + MIN_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too short.");
        }
        if (hours > MAX_RETENTION_HOURS) {
            throw ServiceException.invalidArgument("Maximum allowed retention period is " + MAX_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too long.");
        }
        synchronized (registry) {
            StreamMeta meta = existing(key).meta();
            StreamStatus status = meta.status(clock.millis());
            if (status != StreamStatus.ACTIVE) {
                throw Messages.notActive(key, status);
            }
            if (increase && hours < meta.retentionHours()) {
                throw ServiceException.invalidArgument("Requested retention period (" + hours + " hours) for stream "
                        + key.name() + " can not be shorter than existing retention period (" + meta.retentionHours()
                        + " hours). Use DecreaseRetentionPeriod API.");
            }
            if (!increase && hours > meta.retentionHours()) {
                throw ServiceException.invalidArgument("Requested retention period (" + hours + " hours) for stream "
                        + key.name() + " can not be longer than existing retention period (" + meta.retentionHours()
                        + " hours). Use IncreaseRetentionPeriod API.");
            }
            Io.run(() -> registry.update(meta.toBuilder().retentionHours(hours).build()));
        }
    }

    public void splitShard(StreamKey key, String shardToSplit, BigInteger newStartingHashKey) {
        reshard(key, (meta, now) -> Resharder.split(meta, shardToSplit, newStartingHashKey, now));
    }

    public void mergeShards(StreamKey key, String shardToMerge, String adjacentShardToMerge) {
        reshard(key, (meta, now) -> Resharder.merge(meta, shardToMerge, adjacentShardToMerge, now));
    }

    /** UpdateShardCount with UNIFORM_SCALING; returns the open shard count before the change. */
    public int updateShardCount(StreamKey key, int target) {
        int[] current = new int[1];
        reshard(key, (meta, now) -> {
            current[0] = meta.openShardCount();
            if (target > 2 * current[0]) {
                throw ServiceException.invalidArgument("UpdateShardCount cannot scale up over double your current "
                        + "open shard count. Current open shard count: " + current[0] + " Target shard count: "
                        + target);
            }
            if (target * 2 < current[0]) {
                throw ServiceException.invalidArgument("UpdateShardCount cannot scale down below half your current "
                        + "open shard count. Current open shard count: " + current[0] + " Target shard count: "
                        + target);
            }
            if (target > MAX_SHARDS_PER_STREAM) {
                throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "Target shard count " + target
                        + " exceeds the limit of " + MAX_SHARDS_PER_STREAM + " shards per stream.");
            }
            return Resharder.uniform(meta, target, now);
        });
        return current[0];
    }

    private interface Planner {
        Resharder.Plan plan(StreamMeta meta, long now);
    }

    private void reshard(StreamKey key, Planner planner) {
        reshard(key, planner, false);
    }

    /**
     * Applies a reshard: publishes the new shards (parents closed, so new puts go to the children), waits for the
     * appends routed to the parents before that, then records where each parent ends. Only the on-demand scaler
     * reshards ON_DEMAND streams.
     */
    private void reshard(StreamKey key, Planner planner, boolean byScaler) {
        synchronized (registry) {
            OpenStream stream = existing(key);
            StreamMeta meta = stream.meta();
            long now = clock.millis();
            StreamStatus status = meta.status(now);
            if (status != StreamStatus.ACTIVE) {
                throw Messages.notActive(key, status);
            }
            if (meta.mode() == StreamMode.ON_DEMAND && !byScaler) {
                throw ServiceException.validation("Resharding is not supported on a stream in ON_DEMAND mode.");
            }
            Resharder.Plan plan = planner.plan(meta, now);
            int added = (int) plan.shards().stream().filter(ShardMeta::isOpen).count() - meta.openShardCount();
            if (added > 0) {
                checkShardLimit(key, added);
            }
            StreamMeta next = meta.toBuilder().shards(plan.shards(), plan.nextShardIndex())
                    .updatingUntil(now + config.updateDelayMillis()).build();
            OpenStream published;
            stream.gate().enterReshard();
            try {
                published = Io.get(() -> registry.update(next));
            } finally {
                stream.gate().exitReshard();
            }
            plan.closedShards().forEach(stream.gate()::drain);
            Io.run(() -> registry.update(sealClosedShards(published)));
        }
    }

    /** Fixes the end of every closed shard whose appends have all landed. */
    static StreamMeta sealClosedShards(OpenStream stream) {
        List<ShardMeta> shards = new ArrayList<>();
        for (ShardMeta shard : stream.meta().shards()) {
            boolean pending = !shard.isOpen() && !shard.isSealed();
            shards.add(pending ? shard.sealed(stream.log(shard.id().index()).endOffset()) : shard);
        }
        return stream.meta().toBuilder().shards(shards, stream.meta().nextShardIndex()).build();
    }

    /** StartStreamEncryption: records written from now on are stored encrypted under the KMS key. */
    public void startEncryption(StreamKey key, String keyReference) {
        String keyId = encryption.resolve(keyReference);
        OpenStream stream = existing(key);
        StreamMeta meta = mutate(key, true, true, current -> current.toBuilder().encryptionKeyId(keyId).build());
        Io.run(() -> encryption.start(meta, stream.keys(), keyId));
    }

    /** StopStreamEncryption: records written from now on are stored in plain; earlier ones stay readable. */
    public void stopEncryption(StreamKey key, String keyReference) {
        OpenStream stream = existing(key);
        String keyId = encryption.resolve(keyReference);
        mutate(key, true, true, current -> {
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

    public void addTags(StreamKey key, Map<String, String> tags) {
        mutate(key, false, false, meta -> meta.toBuilder().tags(TagRules.add(key, meta.tags(), tags)).build());
    }

    public void removeTags(StreamKey key, List<String> tagKeys) {
        mutate(key, false, false, meta -> meta.toBuilder().tags(TagRules.remove(meta.tags(), tagKeys)).build());
    }

    public Map<String, String> tags(StreamKey key) {
        return existing(key).meta().tags();
    }

    public MonitoringChange changeMonitoring(StreamKey key, List<String> metrics, boolean enable) {
        Set<String> requested = ShardLevelMetric.expand(metrics);
        StreamMeta before = existing(key).meta();
        StreamMeta after = mutate(key, true, true, meta -> {
            Set<String> next = new java.util.TreeSet<>(meta.shardLevelMetrics());
            if (enable) {
                next.addAll(requested);
            } else {
                next.removeAll(requested);
            }
            return meta.toBuilder().shardLevelMetrics(next).build();
        });
        return new MonitoringChange(before.shardLevelMetrics(), after.shardLevelMetrics());
    }

    public void updateStreamMode(StreamKey key, StreamMode mode, Integer warmThroughputMiBps) {
        mutate(key, true, true, meta -> {
            if (mode == StreamMode.ON_DEMAND && meta.mode() != StreamMode.ON_DEMAND) {
                checkOnDemandLimit(key);
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
        mutate(key, true, true, meta -> meta.toBuilder().maxRecordSizeKiB(maxRecordSizeKiB).build());
    }

    public StreamMeta updateWarmThroughput(StreamKey key, int mibps) {
        return mutate(key, true, false, meta -> {
            if (meta.mode() != StreamMode.ON_DEMAND) {
                throw ServiceException.invalidArgument("Warm throughput can only be set for a stream in ON_DEMAND "
                        + "mode.");
            }
            return meta.toBuilder().warmThroughputMiBps(mibps).build();
        });
    }

    /**
     * Applies a change to a stream's metadata under the registry lock. Changes other than tags need an ACTIVE
     * stream; {@code markUpdating} shows the stream UPDATING for the configured delay afterwards, as AWS does.
     */
    private StreamMeta mutate(StreamKey key, boolean requireActive, boolean markUpdating,
                              java.util.function.UnaryOperator<StreamMeta> change) {
        synchronized (registry) {
            StreamMeta meta = existing(key).meta();
            long now = clock.millis();
            StreamStatus status = meta.status(now);
            boolean allowed = status == StreamStatus.ACTIVE || (!requireActive && status == StreamStatus.UPDATING);
            if (!allowed) {
                throw Messages.notActive(key, status);
            }
            StreamMeta changed = change.apply(meta);
            StreamMeta next = markUpdating
                    ? changed.toBuilder().updatingUntil(now + config.updateDelayMillis()).build() : changed;
            Io.run(() -> registry.update(next));
            return next;
        }
    }

    private void checkOnDemandLimit(StreamKey key) {
        long onDemand = registry.all().stream().filter(s -> sameAccountAndRegion(key, s.meta().key())
                && s.meta().mode() == StreamMode.ON_DEMAND).count();
        if (onDemand >= ON_DEMAND_STREAM_LIMIT) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "This request would exceed the limit of "
                    + ON_DEMAND_STREAM_LIMIT + " streams in ON_DEMAND mode for account " + key.account() + ".");
        }
    }

    public AccountLimits describeLimits(String account, String region) {
        int open = 0;
        int onDemand = 0;
        for (OpenStream stream : registry.all()) {
            StreamKey key = stream.meta().key();
            if (key.account().equals(account) && key.region().equals(region)) {
                open += stream.meta().openShardCount();
                onDemand += stream.meta().mode() == StreamMode.ON_DEMAND ? 1 : 0;
            }
        }
        return new AccountLimits(config.shardLimit(), open, onDemand, ON_DEMAND_STREAM_LIMIT);
    }

    public AccountSettings accountSettings(String account) {
        return accounts.settings(account);
    }

    public AccountSettings updateAccountSettings(String account, boolean enableCommitment) {
        return accounts.updateSettings(account, enableCommitment);
    }

    /** Stores a resource policy (already checked by the caller) on an existing stream or consumer, by its ARN. */
    public void putResourcePolicy(String resourceArn, String policy) {
        accounts.putPolicy(resourceKey(resourceArn), policy);
    }

    /** The resource policy of a stream or consumer, or null if it has none. */
    public String resourcePolicy(String resourceArn) {
        return accounts.policy(resourceKey(resourceArn));
    }

    public void deleteResourcePolicy(String resourceArn) {
        accounts.deletePolicy(resourceKey(resourceArn));
    }

    /** The canonical ARN of an existing stream or consumer; ResourceNotFoundException otherwise. */
    private String resourceKey(String resourceArn) {
        if (ConsumerArn.parseOrNull(resourceArn) != null) {
            return fanOut.consumer(resourceArn, null, null).arn().toString();
        }
        StreamArn arn = StreamArn.parseOrNull(resourceArn);
        if (arn == null) {
            throw ServiceException.notFound("Resource " + resourceArn + " not found.");
        }
        return existing(new StreamKey(arn.account(), arn.region(), arn.streamName())).meta().key().arn().toString();
    }

    /**
     * Time-driven upkeep, called periodically: finishes deletions whose DELETING period is over and applies
     * retention. Reads only the injected clock, so tests step it by hand.
     */
    public void maintenance() {
        long now = clock.millis();
        for (OpenStream stream : registry.snapshot()) {
            StreamMeta meta = stream.meta();
            if (meta.deletingAt() >= 0 && now - meta.deletingAt() >= config.deleteDelayMillis()) {
                for (ConsumerMeta consumer : consumers.of(meta)) {
                    Io.run(() -> consumers.remove(consumer));
                    accounts.deletePolicy(consumer.arn().toString());
                }
                Io.run(() -> registry.remove(meta.key()));
                accounts.deletePolicy(meta.key().arn().toString());
                Io.run(() -> encryption.forget(meta));
                scaler.forget(meta.key());
            }
        }
        for (ConsumerMeta consumer : consumers.all()) {
            if (consumer.deletingAt() >= 0 && now - consumer.deletingAt() >= config.deleteDelayMillis()) {
                Io.run(() -> consumers.remove(consumer));
                accounts.deletePolicy(consumer.arn().toString());
            }
        }
        fanOut.sweep();
        for (OpenStream stream : registry.snapshot()) {
            if (stream.meta().mode() == StreamMode.ON_DEMAND && stream.meta().status(now) == StreamStatus.ACTIVE) {
                scale(stream, now);
            }
        }
        if (now - lastRetentionCheck >= config.retentionCheckMillis()) {
            lastRetentionCheck = now;
            for (OpenStream stream : registry.snapshot()) {
                long cutoff = now - stream.meta().retentionMillis();
                for (ShardRuntime shard : stream.shards().values()) {
                    Io.run(() -> shard.log().deleteSegmentsOlderThan(cutoff));
                }
            }
        }
    }

    public ConsumerView registerConsumer(StreamKey streamKey, String name, Map<String, String> tags) {
        return fanOut.register(streamKey, name, tags);
    }

    public ConsumerView describeConsumer(String consumerArn, StreamKey streamKey, String name) {
        return fanOut.describe(consumerArn, streamKey, name);
    }

    public ConsumerPage listConsumers(StreamKey streamKey, int maxResults, String nextToken) {
        return fanOut.list(streamKey, maxResults, nextToken);
    }

    public void deregisterConsumer(String consumerArn, StreamKey streamKey, String name) {
        fanOut.deregister(consumerArn, streamKey, name);
    }

    public Map<String, String> consumerTags(String consumerArn) {
        return fanOut.consumer(consumerArn, null, null).tags();
    }

    public void tagConsumer(String consumerArn, Map<String, String> tags) {
        fanOut.retag(consumerArn, current -> TagRules.add(current.stream(), current.tags(), tags));
    }

    public void untagConsumer(String consumerArn, List<String> keys) {
        fanOut.retag(consumerArn, current -> TagRules.remove(current.tags(), keys));
    }

    public int consumerCount(StreamMeta stream) {
        return consumers.of(stream).size();
    }

    /**
     * SubscribeToShard. A second subscription of the same consumer and shard within 5 seconds of the first is
     * refused with ResourceInUseException; after that it takes over and the older one ends.
     */
    public ShardSubscription subscribeToShard(String consumerArn, String shardId, IteratorType type,
                                              String sequenceNumber, Long timestampMillis) {
        return fanOut.subscribe(consumerArn, shardId, type, sequenceNumber, timestampMillis);
    }

    private void scale(OpenStream stream, long now) {
        List<OnDemandScaler.Step> steps = scaler.plan(stream, now);
        if (steps.isEmpty()) {
            return;
        }
        StreamKey key = stream.meta().key();
        LOG.info("on-demand scaling of {}: {} step(s)", key.name(), steps.size());
        try {
            applyScaling(key, steps);
        } catch (ServiceException e) {
            LOG.warn("on-demand scaling of {} refused: {}", key.name(), e.getMessage());
        }
    }

    private void applyScaling(StreamKey key, List<OnDemandScaler.Step> steps) {
        reshard(key, (meta, at) -> {
            StreamMeta current = meta;
            Resharder.Plan plan = null;
            List<Integer> closed = new ArrayList<>();
            for (OnDemandScaler.Step step : steps) {
                plan = step.splitKey() != null
                        ? Resharder.split(current, step.shard().id().toString(), step.splitKey(), at)
                        : Resharder.merge(current, step.shard().id().toString(), step.adjacent().id().toString(), at);
                closed.addAll(plan.closedShards());
                current = current.toBuilder().shards(plan.shards(), plan.nextShardIndex()).build();
            }
            return new Resharder.Plan(plan.shards(), plan.nextShardIndex(), closed);
        }, true);
    }

    private OpenStream existing(StreamKey key) {
        OpenStream stream = registry.get(key);
        if (stream == null) {
            throw Messages.streamNotFound(key);
        }
        return stream;
    }

    /** Reads and writes need a stream that is ACTIVE or UPDATING; AWS calls any other stream not found. */
    private OpenStream readable(StreamKey key) {
        OpenStream stream = existing(key);
        StreamStatus status = stream.meta().status(clock.millis());
        if (status != StreamStatus.ACTIVE && status != StreamStatus.UPDATING) {
            throw Messages.streamNotFound(key);
        }
        return stream;
    }

    @Override
    public void close() {
        fanOut.closeAll();
        logs.close();
        metadata.close();
    }
}
