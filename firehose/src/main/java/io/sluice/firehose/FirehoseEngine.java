package io.sluice.firehose;

import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.StreamKey;
import io.sluice.firehose.buffer.BufferSealer;
import io.sluice.firehose.buffer.DurableBuffer;
import io.sluice.firehose.config.DestinationConfig;
import io.sluice.firehose.delivery.Backoff;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.DeliveryWorker;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.delivery.Routes;
import io.sluice.firehose.processing.FunctionInvoker;
import io.sluice.firehose.processing.HttpFunctionInvoker;
import io.sluice.firehose.processing.LambdaTransform;
import io.sluice.firehose.processing.ProcessingPipeline;
import io.sluice.firehose.source.KinesisSourcePump;
import io.sluice.storage.LogStore;
import io.sluice.storage.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Firehose: every delivery stream operation in domain terms, and the delivery of their records. Inputs have been
 * checked against the API model by the protocol layer; the engine checks what depends on state and answers with
 * {@link ServiceException}s of the AWS types.
 *
 * <p>Data directory layout: {@code meta/} holds the {@link MetadataStore} (delivery streams as JSON, delivery
 * checkpoints, source shard positions), {@code buffers/<account>/<region>/<name>-<createdAt>/} the durable
 * buffers (see {@link DurableBuffer}).
 *
 * <p><b>Delivery</b> moves forward only when asked: {@link #runOnce} steps every delivery stream in the caller's
 * thread (tests, with a manual clock), {@link #tick} starts a step for each stream that is not already in one on
 * a virtual thread (the server calls it every 100 ms). Either also finishes deletions that are due.
 *
 * <p>Threading: every method may be called from any number of threads. Control-plane changes serialise on the
 * engine; puts run in parallel; each stream's delivery steps run one at a time.
 */
public final class FirehoseEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FirehoseEngine.class);
    private static final int MAX_TAGS = 50;
    private static final String AWS_OWNED = "AWS_OWNED_CMK";

    private final BufferSealer sealer;
    private final FirehoseConfig config;
    private final Clock clock;
    private final KinesisEngine kinesis;
    private final DeliveryObserver observer;
    private final MetadataStore metadata;
    private final LogStore buffers;
    private final DeliveryStreamRegistry registry;
    private final HttpClient http;
    private final FunctionInvoker invoker;
    private final ObjectStore objects;
    private final Map<DeliveryStreamKey, StreamRuntime> runtimes = new ConcurrentHashMap<>();
    private final ExecutorService steps = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param kinesis the stream engine KinesisStreamAsSource delivery streams read from, or null to refuse them
     * @param objects where S3 destinations write (a local directory or an S3-compatible store); closed by the
     *                caller
     */
    /** An engine that cannot encrypt buffers: server-side encryption is refused with a clear error. */
    public FirehoseEngine(FirehoseConfig config, Clock clock, KinesisEngine kinesis, ObjectStore objects,
                          DeliveryObserver observer) throws IOException {
        this(config, clock, kinesis, objects, observer, null);
    }

    /** An engine whose delivery streams with server-side encryption on keep their records sealed by {@code sealer}. */
    public FirehoseEngine(FirehoseConfig config, Clock clock, KinesisEngine kinesis, ObjectStore objects,
                          DeliveryObserver observer, BufferSealer sealer) throws IOException {
        this.sealer = sealer;
        this.config = config;
        this.clock = clock;
        this.kinesis = kinesis;
        this.objects = objects;
        this.observer = observer;
        this.metadata = new MetadataStore(config.dataDir().resolve("meta"));
        this.buffers = new LogStore(config.dataDir().resolve("buffers"), config.bufferLog(), clock);
        this.registry = new DeliveryStreamRegistry(metadata);
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
        this.invoker = new HttpFunctionInvoker(http, config.requestTimeout());
        for (DeliveryStreamMeta meta : registry.all()) {
            if (meta.deletingAt() < 0) {
                runtimes.put(meta.key(), openRuntime(meta));
            }
        }
        LOG.info("opened {} delivery stream(s) from {}", runtimes.size(), config.dataDir());
    }

    /** CreateDeliveryStream; returns the new stream's ARN. */
    public synchronized String create(CreateRequest request) {
        DeliveryStreamKey key = request.key();
        if (registry.get(key) != null) {
            throw ServiceException.inUse(key.describe() + " already exists.");
        }
        if (registry.count(key.account(), key.region()) >= config.maxDeliveryStreams()) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "You have already consumed your firehose quota of "
                    + config.maxDeliveryStreams() + " hoses. Firehose names: " + key.name());
        }
        KinesisSource source = null;
        if (request.type() == DeliveryStreamType.KinesisStreamAsSource) {
            checkSourceStream(request.kinesisStreamArn());
            source = new KinesisSource(request.kinesisStreamArn(), request.kinesisRoleArn(), clock.millis());
        }
        if (request.encryptionKeyType() != null) {
            checkKey(request.encryptionKeyType(), request.encryptionKeyArn());
        }
        long now = clock.millis();
        Encryption encryption = request.encryptionKeyType() == null ? Encryption.NEVER
                : new Encryption(request.encryptionKeyType(), request.encryptionKeyArn(), true, now);
        DeliveryStreamMeta meta = new DeliveryStreamMeta(key, request.type(), now, now + config.createDelayMillis(),
                now, -1, 1, request.throughputHintMBs(), source, request.destination(), request.tags(), encryption);
        StreamRuntime runtime = openRuntime(meta);
        registry.put(meta);
        runtimes.put(key, runtime);
        return key.arn();
    }

    private void checkSourceStream(String arn) {
        StreamArn parsed = StreamArn.parseOrNull(arn);
        if (kinesis == null || parsed == null) {
            throw ServiceException.invalidArgument("KinesisStreamAsSource needs a Sluice stream's ARN: " + arn);
        }
        // a stream that does not exist answers ResourceNotFoundException, as in AWS
        kinesis.describe(new StreamKey(parsed.account(), parsed.region(), parsed.streamName()));
    }

    public DeliveryStreamView describe(DeliveryStreamKey key) {
        DeliveryStreamMeta meta = existing(key);
        long now = clock.millis();
        return new DeliveryStreamView(meta, meta.status(now), meta.encryption().status(now,
                config.createDelayMillis()));
    }

    /** ListDeliveryStreams: names after {@code exclusiveStart}, of the type if one is given, alphabetically. */
    public DeliveryStreamPage list(String account, String region, DeliveryStreamType type, String exclusiveStart,
                                   int limit) {
        List<String> names = new ArrayList<>();
        for (DeliveryStreamMeta meta : registry.all()) {
            DeliveryStreamKey key = meta.key();
            if (key.account().equals(account) && key.region().equals(region) && (type == null || meta.type() == type)
                    && (exclusiveStart == null || key.name().compareTo(exclusiveStart) > 0)) {
                names.add(key.name());
            }
        }
        names.sort(null);
        boolean more = names.size() > limit;
        return new DeliveryStreamPage(more ? List.copyOf(names.subList(0, limit)) : names, more);
    }

    /**
     * DeleteDeliveryStream: the stream turns DELETING, stops delivering, and is gone with its buffer (and any
     * records not yet delivered) after the delete delay.
     */
    public synchronized void delete(DeliveryStreamKey key) {
        DeliveryStreamMeta meta = existing(key);
        DeliveryStreamStatus status = meta.status(clock.millis());
        if (status == DeliveryStreamStatus.DELETING) {
            return;
        }
        if (status == DeliveryStreamStatus.CREATING) {
            throw ServiceException.inUse(key.describe() + " is not ACTIVE, instead in state CREATING.");
        }
        registry.put(meta.deleting(clock.millis()));
    }

    /**
     * PutRecord and PutRecordBatch: the future completes with one record id per record once every record is
     * durable in the stream's buffer.
     */
    public CompletableFuture<List<String>> put(DeliveryStreamKey key, List<byte[]> records) {
        DeliveryStreamMeta meta = existing(key);
        DeliveryStreamStatus status = meta.status(clock.millis());
        if (status != DeliveryStreamStatus.ACTIVE) {
            throw ServiceException.notFound(key.describe() + " is not ACTIVE, instead in state " + status + ".");
        }
        if (meta.type() == DeliveryStreamType.KinesisStreamAsSource) {
            throw ServiceException.invalidArgument(
                    "This operation is not permitted on KinesisStreamAsSource delivery stream type.");
        }
        StreamRuntime runtime = runtimes.get(key);
        long bytes = records.stream().mapToLong(r -> r.length).sum();
        Encryption encryption = meta.encryption();
        CompletableFuture<Long> appended = encryption.enabled()
                ? runtime.buffer().appendSealed(records, encryption.keyArn()) : runtime.buffer().append(records);
        return appended.thenApply(first -> {
            observer.incoming(key.name(), records.size(), bytes);
            List<String> ids = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                ids.add(recordId(meta.createdAt(), first + i));
            }
            return ids;
        });
    }

    /** Opaque, unique per stream incarnation and record: creation time and buffer offset, in hex. */
    private static String recordId(long createdAt, long offset) {
        return String.format("%016x%032x", createdAt, offset);
    }

    /** Whether records put now are reported as encrypted. */
    public boolean encrypted(DeliveryStreamKey key) {
        return existing(key).encryption().enabled();
    }

    /**
     * UpdateDestination: {@code change} makes the new destination from the current one (merging an update of the
     * same type, or replacing it with another type). The version goes up by one.
     */
    public synchronized void updateDestination(DeliveryStreamKey key, String currentVersionId, String destinationId,
                                               UnaryOperator<DestinationConfig> change) {
        DeliveryStreamMeta meta = existing(key);
        DeliveryStreamStatus status = meta.status(clock.millis());
        if (status != DeliveryStreamStatus.ACTIVE) {
            throw ServiceException.inUse(key.describe() + " is not ACTIVE, instead in state " + status + ".");
        }
        if (!currentVersionId.equals(Integer.toString(meta.version()))) {
            throw new ServiceException(ErrorType.CONCURRENT_MODIFICATION, "Cannot update " + key.describe()
                    + " because the current version id is " + meta.version() + " and the given one is "
                    + currentVersionId + ".");
        }
        if (!DeliveryStreamMeta.DESTINATION_ID.equals(destinationId)) {
            throw ServiceException.invalidArgument("Destination " + destinationId + " not found in "
                    + key.describe() + ".");
        }
        DeliveryStreamMeta updated = meta.withDestination(change.apply(meta.destination()), clock.millis());
        StreamRuntime runtime = runtimes.get(key);
        runtime.worker().reconfigure(routes(updated), pipeline(updated));
        registry.put(updated);
    }

    public synchronized void tag(DeliveryStreamKey key, Map<String, String> tags) {
        DeliveryStreamMeta meta = existing(key);
        Map<String, String> merged = new TreeMap<>(meta.tags());
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "A delivery stream cannot have more than "
                    + MAX_TAGS + " tags; " + key.describe() + " would have " + merged.size() + ".");
        }
        registry.put(meta.withTags(merged));
    }

    public synchronized void untag(DeliveryStreamKey key, List<String> tagKeys) {
        DeliveryStreamMeta meta = existing(key);
        Map<String, String> remaining = new TreeMap<>(meta.tags());
        tagKeys.forEach(remaining::remove);
        registry.put(meta.withTags(remaining));
    }

    public TagPage listTags(DeliveryStreamKey key, String exclusiveStartKey, int limit) {
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        for (Map.Entry<String, String> tag : existing(key).tags().entrySet()) {
            if (exclusiveStartKey == null || tag.getKey().compareTo(exclusiveStartKey) > 0) {
                tags.add(Map.entry(tag.getKey(), tag.getValue()));
            }
        }
        boolean more = tags.size() > limit;
        return new TagPage(more ? List.copyOf(tags.subList(0, limit)) : tags, more);
    }

    /** StartDeliveryStreamEncryption, with AWS_OWNED_CMK when no key type is given. */
    public synchronized void startEncryption(DeliveryStreamKey key, String keyType, String keyArn) {
        DeliveryStreamMeta meta = encryptable(key);
        String type = keyType == null ? AWS_OWNED : keyType;
        checkKey(type, keyArn);
        registry.put(meta.withEncryption(new Encryption(type, keyArn, true, clock.millis())));
    }

    /** Encryption needs a sealer, and a customer managed key that the key store knows. */
    private void checkKey(String keyType, String keyArn) {
        if (sealer == null) {
            throw ServiceException.invalidArgument("Server-side encryption of delivery streams is not available: "
                    + "this engine has no key store.");
        }
        sealer.check(AWS_OWNED.equals(keyType) ? null : keyArn);
    }

    public synchronized void stopEncryption(DeliveryStreamKey key) {
        DeliveryStreamMeta meta = encryptable(key);
        Encryption current = meta.encryption();
        if (current.enabled()) {
            registry.put(meta.withEncryption(new Encryption(current.keyType(), current.keyArn(), false,
                    clock.millis())));
        }
    }

    private DeliveryStreamMeta encryptable(DeliveryStreamKey key) {
        DeliveryStreamMeta meta = existing(key);
        if (meta.type() == DeliveryStreamType.KinesisStreamAsSource) {
            throw ServiceException.invalidArgument("Encryption is not supported for delivery streams of type "
                    + "KinesisStreamAsSource; encrypt the source stream instead.");
        }
        DeliveryStreamStatus status = meta.status(clock.millis());
        if (status != DeliveryStreamStatus.ACTIVE) {
            throw ServiceException.inUse(key.describe() + " is not ACTIVE, instead in state " + status + ".");
        }
        return meta;
    }

    /** One delivery step of every active delivery stream, in the calling thread; finishes due deletions. */
    public void runOnce() {
        finishDeletions();
        long now = clock.millis();
        for (Map.Entry<DeliveryStreamKey, StreamRuntime> entry : runtimes.entrySet()) {
            if (isActive(entry.getKey(), now)) {
                step(entry.getKey(), entry.getValue());
            }
        }
    }

    /**
     * Starts a delivery step, on a virtual thread, for every active delivery stream not already in one; finishes
     * due deletions. Returns at once.
     */
    public void tick() {
        finishDeletions();
        long now = clock.millis();
        for (Map.Entry<DeliveryStreamKey, StreamRuntime> entry : runtimes.entrySet()) {
            StreamRuntime runtime = entry.getValue();
            if (isActive(entry.getKey(), now) && runtime.running().compareAndSet(false, true)) {
                steps.execute(() -> {
                    try {
                        step(entry.getKey(), runtime);
                    } finally {
                        runtime.running().set(false);
                    }
                });
            }
        }
    }

    private boolean isActive(DeliveryStreamKey key, long now) {
        DeliveryStreamMeta meta = registry.get(key);
        return meta != null && meta.status(now) == DeliveryStreamStatus.ACTIVE;
    }

    private void step(DeliveryStreamKey key, StreamRuntime runtime) {
        try {
            runtime.worker().runOnce();
        } catch (RuntimeException e) {
            LOG.error("delivery step of {} failed", key, e);
        }
    }

    private synchronized void finishDeletions() {
        long now = clock.millis();
        for (DeliveryStreamMeta meta : registry.all()) {
            if (meta.deletingAt() >= 0 && now >= meta.deletingAt() + config.deleteDelayMillis()) {
                StreamRuntime runtime = runtimes.remove(meta.key());
                try {
                    if (runtime == null) {
                        runtime = openRuntime(meta);
                    }
                    synchronized (runtime.worker()) {
                        runtime.buffer().destroy();
                        if (runtime.pump() != null) {
                            runtime.pump().clear();
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                registry.remove(meta.key());
            }
        }
    }

    private StreamRuntime openRuntime(DeliveryStreamMeta meta) {
        try {
            DurableBuffer buffer = new DurableBuffer(buffers, metadata, meta.bufferName(), sealer);
            KinesisSourcePump pump = null;
            if (meta.kinesisSource() != null && kinesis != null) {
                StreamArn arn = StreamArn.parseOrNull(meta.kinesisSource().streamArn());
                pump = new KinesisSourcePump(kinesis, new StreamKey(arn.account(), arn.region(), arn.streamName()),
                        meta.kinesisSource().deliveryStartMillis(), buffer, metadata, meta.bufferName(), clock);
            }
            SplittableRandom random = new SplittableRandom();
            Runnable source = pump == null ? () -> { } : pump;
            DeliveryWorker worker = new DeliveryWorker(meta.key().name(), buffer, source, routes(meta),
                    pipeline(meta), Backoff.aws(random.split()), clock, observer,
                    new DeliveryWorker.Limits(config.maxInMemoryBytes(), config.maxRecordAgeMillis()), random);
            return new StreamRuntime(buffer, worker, pump, new AtomicBoolean());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Routes routes(DeliveryStreamMeta meta) {
        return Routes.of(meta, new Routes.Tools(objects, http, config.requestTimeout(), clock,
                new SplittableRandom()));
    }

    private ProcessingPipeline pipeline(DeliveryStreamMeta meta) {
        String sourceArn = meta.kinesisSource() == null ? null : meta.kinesisSource().streamArn();
        return ProcessingPipeline.of(meta.destination().processing(), meta.kinesisSource() != null,
                new LambdaTransform.Target(null, meta.key().arn(), sourceArn, meta.key().region()), invoker, clock);
    }

    private DeliveryStreamMeta existing(DeliveryStreamKey key) {
        DeliveryStreamMeta meta = registry.get(key);
        if (meta == null) {
            throw ServiceException.notFound(key.describe() + " not found.");
        }
        return meta;
    }

    /** Stops delivery steps (letting those under way finish), then closes the buffers and the metadata store. */
    @Override
    public void close() {
        steps.close();
        http.close();
        buffers.close();
        metadata.close();
    }
}
