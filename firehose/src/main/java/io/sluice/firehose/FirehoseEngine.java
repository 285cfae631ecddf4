package io.sluice.firehose;

import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.engine.TagRules;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.StreamKey;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskId;
import io.sluice.engine.task.TaskRunner;
import io.sluice.firehose.buffer.BufferSealer;
import io.sluice.firehose.buffer.DurableBuffer;
import io.sluice.firehose.config.DestinationConfig;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.delivery.Backoff;
import io.sluice.firehose.delivery.BufferSource;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.DeliveryWorker;
import io.sluice.firehose.delivery.LazyHttpClient;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.conversion.TableSchemas;
import io.sluice.firehose.delivery.Routes;
import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;
import io.sluice.firehose.processing.FunctionInvoker;
import io.sluice.firehose.processing.HttpFunctionInvoker;
import io.sluice.firehose.processing.RoutedFunctionInvoker;
import io.sluice.firehose.processing.LambdaTransform;
import io.sluice.firehose.processing.ProcessingPipeline;
import io.sluice.firehose.source.KinesisSourcePump;
import io.sluice.firehose.source.MskClusters;
import io.sluice.firehose.source.MskSourcePump;
import io.sluice.firehose.source.SourcePump;
import io.sluice.firehose.store.FirehoseStores;
import io.sluice.storage.StorageEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Firehose: every delivery stream operation in domain terms, and the delivery of their records. Inputs have been
 * checked against the API model by the protocol layer; the engine checks what depends on state and answers with
 * {@link ServiceException}s of the AWS types.
 *
 * <p><b>State</b> goes through the engine's seams ({@link FirehoseStores}): delivery streams as JSON, delivery
 * checkpoints and source shard positions in a {@link MetaStore}, the durable buffers (see {@link DurableBuffer})
 * in a shard log store. On one node that is the data directory's {@code meta/} and
 * {@code buffers/<account>/<region>/<name>-<createdAt>/}; in cluster mode the shared metadata topic and one Kafka
 * topic per delivery stream, so nothing acknowledged lives on one node's disk.
 *
 * <p><b>Delivery</b> is background work through the task seam: each delivery stream has one {@link DeliveryWorker}
 * task ({@link TaskId} kind {@value #TASK_KIND}, resource {@code account/region/name}) that alone reads its buffer
 * and delivers, and one more task of this engine finishes the deletions that are due. On a server the tasks run
 * on the {@link TaskRunner} given to the constructor, whose placement decides which node steps each (in cluster
 * mode every node starts every worker, one node owns it, and it moves, resuming from the stored checkpoint, when
 * that node dies); an engine built without one steps them only when {@link #runOnce} is called (tests, with a
 * manual clock).
 *
 * <p><b>Several nodes</b>: a delivery stream created on one node is usable on every other at once. The registry
 * follows the store's changes, and a lookup that misses waits for this node's view to catch up before answering
 * ResourceNotFoundException. Control-plane changes are atomic metadata changes ({@link AtomicChanges}), so two
 * nodes racing to create one name give one success and one ResourceInUseException. Every node appends puts to the
 * buffer's log; only the owner of the worker delivers.
 *
 * <p><b>Threading</b>: every method may be called from any number of threads. Control-plane changes hold the
 * engine's change lock for their check and metadata write, inside the store's atomic change; no delivery, network
 * call or wait for a worker ever happens under it. The live parts of a stream (buffer, worker) follow its metadata
 * under a second lock ({@link #follow}), from the caller's thread for this node's changes and from one follower
 * thread for other nodes'. A worker learns of a change by a handoff ({@link DeliveryWorker#reconfigure},
 * {@link DeliveryWorker#stopDelivering}) and a wake, never by a lock it holds while delivering, so a slow
 * destination delays only its own delivery stream. Puts take no lock once the stream's buffer is open here.
 */
public final class FirehoseEngine implements AutoCloseable {

    /** The kind of the delivery workers' task ids. */
    public static final String TASK_KIND = "firehose";

    private static final Logger LOG = LoggerFactory.getLogger(FirehoseEngine.class);
    private static final int MAX_TAGS = 50;
    private static final String AWS_OWNED = "AWS_OWNED_CMK";
    private static final long SYNC_TIMEOUT_SECONDS = 30;

    private final BufferSealer sealer;
    private final FirehoseConfig config;
    private final Clock clock;
    private final KinesisEngine kinesis;
    private final DeliveryObserver observer;
    private final FirehoseStores stores;
    private final MetaStore metadata;
    private final DeliveryStreamRegistry registry;
    private final AtomicChanges atomic;
    private final LazyHttpClient http;
    private final FunctionInvoker invoker;
    private final ObjectStore objects;
    private final TableSchemas tableSchemas;
    private final TaskHost tasks;
    private final Deletions deletions;
    private final ReentrantLock following = new ReentrantLock();
    private final ExecutorService follower = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("firehose-follower").factory());
    /** Other nodes' changes wait for the constructor to finish: until then the engine's fields are not all set. */
    private final CountDownLatch constructed = new CountDownLatch(1);
    private final Map<DeliveryStreamKey, StreamRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<String, List<RecordTap>> taps = new ConcurrentHashMap<>();

    /**
     * An engine whose delivery runs as tasks on {@code runner}, which the caller owns (closing the engine stops
     * only its own tasks).
     *
     * @param kinesis the stream engine KinesisStreamAsSource delivery streams read from, or null to refuse them
     * @param objects where S3 destinations write (a local directory or an S3-compatible store); closed by the
     *                caller
     * @param sealer  keeps the records of delivery streams with server-side encryption on sealed; null refuses
     *                server-side encryption with a clear error
     */
    public FirehoseEngine(FirehoseConfig config, Clock clock, KinesisEngine kinesis, ObjectStore objects,
                          DeliveryObserver observer, BufferSealer sealer, TaskRunner runner) throws IOException {
        this(config, clock, kinesis, objects, observer, sealer, runner, StorageEvents.NONE);
    }

    /** As above, reporting its metadata store's and buffers' recovery cuts and failures to {@code storage}. */
    public FirehoseEngine(FirehoseConfig config, Clock clock, KinesisEngine kinesis, ObjectStore objects,
                          DeliveryObserver observer, BufferSealer sealer, TaskRunner runner,
                          StorageEvents storage) throws IOException {
        this(FirehoseStores.local(config.dataDir(), config.bufferLog(), clock, storage), config, clock, kinesis,
                objects, observer, sealer, TaskHost.on(runner), null, TableSchemas.NONE);
    }

    /**
     * As above, with Lambda processors whose {@code LambdaArn} is an ARN or a name (not a URL) invoked through
     * {@code namedFunctions} (the Lambda Invoke API at {@code lambda.endpoint}), and record format conversion
     * reading its tables from {@code tableSchemas} (the Glue Data Catalog).
     */
    public FirehoseEngine(FirehoseConfig config, Clock clock, KinesisEngine kinesis, ObjectStore objects,
                          DeliveryObserver observer, BufferSealer sealer, TaskRunner runner,
                          StorageEvents storage, FunctionInvoker namedFunctions, TableSchemas tableSchemas)
            throws IOException {
        this(FirehoseStores.local(config.dataDir(), config.bufferLog(), clock, storage), config, clock, kinesis,
                objects, observer, sealer, TaskHost.on(runner), namedFunctions, tableSchemas);
    }

    /**
     * An engine on the given stores (in cluster mode, {@link FirehoseStores#shared}: the backend's metadata and
     * logs), whose delivery runs as tasks on {@code runner}; the engine closes the stores (which leaves shared
     * ones to their owner).
     */
    public FirehoseEngine(FirehoseStores stores, FirehoseConfig config, Clock clock, KinesisEngine kinesis,
                          ObjectStore objects, DeliveryObserver observer, BufferSealer sealer, TaskRunner runner) {
        this(stores, config, clock, kinesis, objects, observer, sealer, TaskHost.on(runner), null,
                TableSchemas.NONE);
    }

    /**
     * As above, with functions named by ARN invoked through {@code namedFunctions} and tables read from
     * {@code tableSchemas} (see the local variant).
     */
    public FirehoseEngine(FirehoseStores stores, FirehoseConfig config, Clock clock, KinesisEngine kinesis,
                          ObjectStore objects, DeliveryObserver observer, BufferSealer sealer, TaskRunner runner,
                          FunctionInvoker namedFunctions, TableSchemas tableSchemas) {
        this(stores, config, clock, kinesis, objects, observer, sealer, TaskHost.on(runner), namedFunctions,
                tableSchemas);
    }

    /**
     * An engine that delivers only when {@link #runOnce} is called, and cannot encrypt buffers: server-side
     * encryption is refused with a clear error.
     */
    public FirehoseEngine(FirehoseConfig config, Clock clock, KinesisEngine kinesis, ObjectStore objects,
                          DeliveryObserver observer) throws IOException {
        this(FirehoseStores.local(config.dataDir(), config.bufferLog(), clock, StorageEvents.NONE), config, clock,
                kinesis, objects, observer, null, new SteppedTasks(), null, TableSchemas.NONE);
    }

    /**
     * An engine that delivers only when {@link #runOnce} is called, whose delivery streams with server-side
     * encryption on keep their records sealed by {@code sealer}.
     */
    public FirehoseEngine(FirehoseConfig config, Clock clock, KinesisEngine kinesis, ObjectStore objects,
                          DeliveryObserver observer, BufferSealer sealer) throws IOException {
        this(FirehoseStores.local(config.dataDir(), config.bufferLog(), clock, StorageEvents.NONE), config, clock,
                kinesis, objects, observer, sealer, new SteppedTasks(), null, TableSchemas.NONE);
    }

    /**
     * An engine on the given stores that delivers only when {@link #runOnce} is called (tests, with a manual clock,
     * several of them sharing one store as the nodes of a cluster).
     */
    public static FirehoseEngine stepped(FirehoseStores stores, FirehoseConfig config, Clock clock,
                                         KinesisEngine kinesis, ObjectStore objects, DeliveryObserver observer,
                                         BufferSealer sealer) {
        return new FirehoseEngine(stores, config, clock, kinesis, objects, observer, sealer, new SteppedTasks(),
                null, TableSchemas.NONE);
    }

    private FirehoseEngine(FirehoseStores stores, FirehoseConfig config, Clock clock, KinesisEngine kinesis,
                           ObjectStore objects, DeliveryObserver observer, BufferSealer sealer, TaskHost tasks,
                           FunctionInvoker namedFunctions, TableSchemas tableSchemas) {
        this.stores = stores;
        this.tableSchemas = tableSchemas;
        this.sealer = sealer;
        this.config = config;
        this.clock = clock;
        this.kinesis = kinesis;
        this.objects = objects;
        this.observer = observer;
        this.tasks = tasks;
        this.metadata = stores.metadata();
        this.atomic = new AtomicChanges(metadata);
        this.http = new LazyHttpClient(config.requestTimeout());
        this.invoker = new RoutedFunctionInvoker(new HttpFunctionInvoker(http, config.requestTimeout()),
                namedFunctions);
        this.deletions = new Deletions(new TaskId(TASK_KIND + "-deletions", stores.taskScope()));
        // the store's thread only hands changes over: opening a buffer or stopping a worker may block
        this.registry = new DeliveryStreamRegistry(metadata, key -> follower.execute(() -> followLogged(key)));
        tasks.start(deletions);
        for (DeliveryStreamMeta meta : registry.all()) {
            follow(meta.key());
        }
        constructed.countDown();
        LOG.info("opened {} delivery stream(s){}", runtimes.size(),
                stores.shared() ? " of the cluster" : " from " + config.dataDir());
    }

    /** The id of a delivery stream's worker task. */
    public static TaskId taskId(DeliveryStreamKey key) {
        return new TaskId(TASK_KIND, key.account() + "/" + key.region() + "/" + key.name());
    }

    /** CreateDeliveryStream; returns the new stream's ARN. */
    public String create(CreateRequest request) {
        DeliveryStreamKey key = request.key();
        checkCreatable(key, false);
        KinesisSource source = null;
        if (request.type() == DeliveryStreamType.KinesisStreamAsSource) {
            checkSourceStream(request.kinesisStreamArn());
            source = new KinesisSource(request.kinesisStreamArn(), request.kinesisRoleArn(), clock.millis());
        }
        if (request.type() == DeliveryStreamType.MSKAsSource) {
            checkCluster(request.msk().clusterArn());
        }
        checkIcebergCatalog(request.destination());
        if (request.encryptionKeyType() != null) {
            checkKey(request.encryptionKeyType(), request.encryptionKeyArn());
        }
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        checkTags(key, tags, tags.size());
        KinesisSource kinesisSource = source;
        atomic.run(() -> {
            // again: another create (on this node or another) may have come first while the request was checked
            checkCreatable(key, true);
            long now = clock.millis();
            Encryption encryption = request.encryptionKeyType() == null ? Encryption.NEVER
                    : new Encryption(request.encryptionKeyType(), request.encryptionKeyArn(), true, now);
            long activeAt = now + config.createDelayMillis();
            registry.store(new DeliveryStreamMeta(key, request.type(), now, activeAt, now, -1, 1,
                    request.throughputHintMBs(), kinesisSource, request.destination(), tags, encryption,
                    mskSource(request.msk(), now, activeAt)));
            return null;
        });
        changed(key);
        return key.arn();
    }

    /** The name must be free and the account's quota not used up. */
    private void checkCreatable(DeliveryStreamKey key, boolean inChange) {
        if ((inChange ? registry.get(key) : lookUp(key)) != null) {
            throw ServiceException.inUse(key.describe() + " already exists.");
        }
        if (registry.count(key.account(), key.region()) >= config.maxDeliveryStreams()) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "You have already consumed your firehose quota of "
                    + config.maxDeliveryStreams() + " hoses. Firehose names: " + key.name());
        }
    }

    private void checkSourceStream(String arn) {
        StreamArn parsed = StreamArn.parseOrNull(arn);
        if (kinesis == null || parsed == null) {
            throw ServiceException.invalidArgument("KinesisStreamAsSource needs a Sluice stream's ARN: " + arn);
        }
        // a stream that does not exist answers ResourceNotFoundException, as in AWS
        kinesis.describe(new StreamKey(parsed.account(), parsed.region(), parsed.streamName()));
    }

    private void checkIcebergCatalog(DestinationConfig destination) {
        if (destination instanceof IcebergDestination && !config.icebergCatalogs().available()) {
            throw ServiceException.invalidArgument("No Iceberg catalog is configured: set "
                    + "firehose.iceberg.catalog.type (hadoop, jdbc or rest) and its properties.");
        }
        if (destination instanceof IcebergDestination iceberg) {
            config.icebergCatalogs().refusal(iceberg.catalog().warehouseLocation())
                    .ifPresent(reason -> {
                        throw ServiceException.invalidArgument(reason);
                    });
        }
    }

    private void checkCluster(String clusterArn) {
        if (config.mskClusters().bootstrapServers(clusterArn).isEmpty()) {
            throw ServiceException.invalidArgument("No bootstrap servers are configured for the MSK cluster "
                    + clusterArn + ": set firehose.msk." + MskClusters.clusterName(clusterArn)
                    + ".bootstrap-servers (or firehose.msk.bootstrap-servers for every cluster).");
        }
    }

    private static MskSource mskSource(CreateRequest.MskRequest msk, long now, long activeAt) {
        return msk == null ? null : new MskSource(msk.clusterArn(), msk.topicName(), msk.roleArn(),
                msk.connectivity(), msk.readFromMillis() == null ? activeAt : msk.readFromMillis(), now);
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
        catchUp();
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
    public void delete(DeliveryStreamKey key) {
        existing(key);
        boolean deleted = atomic.run(() -> {
            DeliveryStreamMeta meta = current(key);
            DeliveryStreamStatus status = meta.status(clock.millis());
            if (status == DeliveryStreamStatus.DELETING) {
                return false;
            }
            if (status == DeliveryStreamStatus.CREATING) {
                throw ServiceException.inUse(key.describe() + " is not ACTIVE, instead in state CREATING.");
            }
            registry.store(meta.deleting(clock.millis()));
            return true;
        });
        if (deleted) {
            changed(key);
        }
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
        if (meta.type() != DeliveryStreamType.DirectPut) {
            throw ServiceException.invalidArgument(
                    "This operation is not permitted on " + meta.type() + " delivery stream type.");
        }
        StreamRuntime runtime = runtimes.get(key);
        if (runtime == null || runtime.createdAt() != meta.createdAt()) {
            // created through another node a moment ago: its buffer opens here now
            follow(key);
            runtime = runtimes.get(key);
        }
        if (runtime == null || runtime.createdAt() != meta.createdAt()) {
            throw ServiceException.notFound(key.describe() + " not found.");
        }
        StreamRuntime target = runtime;
        long bytes = records.stream().mapToLong(r -> r.length).sum();
        long arrival = clock.millis();
        Encryption encryption = meta.encryption();
        CompletableFuture<long[]> appended = encryption.enabled()
                ? target.buffer().appendSealed(records, encryption.keyArn()) : target.buffer().append(records);
        return appended.thenApply(offsets -> {
            tasks.wake(target.worker().id());
            observer.incoming(key.name(), records.size(), bytes);
            for (RecordTap tap : taps.getOrDefault(key.arn(), List.of())) {
                try {
                    tap.accepted(records, arrival);
                } catch (RuntimeException e) {
                    // a tap's failure is its reader's problem, never the putter's
                    LOG.warn("a tap on {} failed", key.arn(), e);
                }
            }
            List<String> ids = new ArrayList<>(records.size());
            for (long offset : offsets) {
                ids.add(recordId(meta.createdAt(), offset));
            }
            return ids;
        });
    }

    /**
     * Registers a tap that sees every record the delivery stream with this ARN accepts by PutRecord or
     * PutRecordBatch from now on (after the records are durable, before the put is answered), until the returned
     * handle is closed. The stream need not exist yet; a KinesisStreamAsSource stream accepts no puts, so its tap
     * sees nothing.
     */
    public AutoCloseable tap(String deliveryStreamArn, RecordTap tap) {
        taps.compute(deliveryStreamArn, (k, list) -> {
            List<RecordTap> added = list == null ? new CopyOnWriteArrayList<>() : list;
            added.add(tap);
            return added;
        });
        return () -> taps.computeIfPresent(deliveryStreamArn, (k, list) -> {
            list.remove(tap);
            return list.isEmpty() ? null : list;
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
    public void updateDestination(DeliveryStreamKey key, String currentVersionId, String destinationId,
                                  UnaryOperator<DestinationConfig> change) {
        existing(key);
        atomic.run(() -> {
            DeliveryStreamMeta meta = current(key);
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
            checkIcebergCatalog(updated.destination());
            // built here so that a configuration the routes refuse fails the call, not the worker
            routes(updated);
            registry.store(updated);
            return null;
        });
        changed(key);
    }

    /** TagDeliveryStream: adds or replaces tags, by the engine's tag rules and Firehose's limit of 50. */
    public void tag(DeliveryStreamKey key, Map<String, String> tags) {
        existing(key);
        atomic.run(() -> {
            DeliveryStreamMeta meta = current(key);
            Map<String, String> merged = new TreeMap<>(meta.tags());
            merged.putAll(tags);
            checkTags(key, tags, merged.size());
            registry.store(meta.withTags(merged));
            return null;
        });
        changed(key);
    }

    public void untag(DeliveryStreamKey key, List<String> tagKeys) {
        existing(key);
        atomic.run(() -> {
            DeliveryStreamMeta meta = current(key);
            Map<String, String> remaining = new TreeMap<>(meta.tags());
            tagKeys.forEach(remaining::remove);
            registry.store(meta.withTags(remaining));
            return null;
        });
        changed(key);
    }

    /**
     * Refuses tags that break the engine's rules (reserved {@code aws:} prefix, characters) with
     * InvalidArgumentException, and more than 50 on a delivery stream with LimitExceededException, as Firehose
     * answers it.
     */
    private static void checkTags(DeliveryStreamKey key, Map<String, String> added, int total) {
        if (total > MAX_TAGS) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "A delivery stream cannot have more than "
                    + MAX_TAGS + " tags; " + key.describe() + " would have " + total + ".");
        }
        TagRules.checkDeliveryStream(added);
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
    public void startEncryption(DeliveryStreamKey key, String keyType, String keyArn) {
        encryptable(existing(key));
        String type = keyType == null ? AWS_OWNED : keyType;
        checkKey(type, keyArn);
        atomic.run(() -> {
            // again in the change: the stream may have changed while the key was checked
            DeliveryStreamMeta meta = encryptable(current(key));
            registry.store(meta.withEncryption(new Encryption(type, keyArn, true, clock.millis())));
            return null;
        });
        changed(key);
    }

    /** Encryption needs a sealer, and a customer managed key that the key store knows. */
    private void checkKey(String keyType, String keyArn) {
        if (sealer == null) {
            throw ServiceException.invalidArgument("Server-side encryption of delivery streams is not available: "
                    + "this engine has no key store.");
        }
        sealer.check(AWS_OWNED.equals(keyType) ? null : keyArn);
    }

    public void stopEncryption(DeliveryStreamKey key) {
        encryptable(existing(key));
        atomic.run(() -> {
            DeliveryStreamMeta meta = encryptable(current(key));
            Encryption current = meta.encryption();
            if (current.enabled()) {
                registry.store(meta.withEncryption(new Encryption(current.keyType(), current.keyArn(), false,
                        clock.millis())));
            }
            return null;
        });
        changed(key);
    }

    private DeliveryStreamMeta encryptable(DeliveryStreamMeta meta) {
        DeliveryStreamKey key = meta.key();
        if (meta.type() != DeliveryStreamType.DirectPut) {
            throw ServiceException.invalidArgument("Encryption is not supported for delivery streams of type "
                    + meta.type() + "; encrypt the source instead.");
        }
        DeliveryStreamStatus status = meta.status(clock.millis());
        if (status != DeliveryStreamStatus.ACTIVE) {
            throw ServiceException.inUse(key.describe() + " is not ACTIVE, instead in state " + status + ".");
        }
        return meta;
    }

    /**
     * One step of every task of this engine (due deletions first, then each delivery stream's worker), in the
     * calling thread: the way an engine built without a {@link TaskRunner} delivers.
     *
     * @throws IllegalStateException if the engine's tasks run on a TaskRunner
     */
    public void runOnce() {
        if (!(tasks instanceof SteppedTasks stepped)) {
            throw new IllegalStateException("this engine's delivery runs on a TaskRunner");
        }
        stepped.stepAll();
    }

    /**
     * The task that removes delivery streams whose deletion is due: it stops the stream's worker (waiting for a
     * step under way, on this task's thread, never an API caller's), then deletes the buffer, the source
     * positions and the metadata. Threading: a {@link Task}, stepped from one thread.
     */
    private final class Deletions implements Task {

        private final TaskId id;

        Deletions(TaskId id) {
            this.id = id;
        }

        @Override
        public TaskId id() {
            return id;
        }

        @Override
        public int doWork() throws IOException {
            int done = 0;
            long now = clock.millis();
            for (DeliveryStreamMeta meta : registry.all()) {
                if (meta.deletingAt() >= 0 && now >= meta.deletingAt() + config.deleteDelayMillis()) {
                    finish(meta);
                    done++;
                }
            }
            return done;
        }

        /**
         * Stops the worker here (other nodes stop theirs when they see the stream gone), removes the buffer and the
         * positions, then the metadata: a crash in between leaves the stream DELETING, finished again later.
         */
        private void finish(DeliveryStreamMeta meta) throws IOException {
            StreamRuntime runtime;
            following.lock();
            try {
                runtime = runtimes.remove(meta.key());
                if (runtime != null) {
                    stop(runtime);
                }
            } finally {
                following.unlock();
            }
            if (runtime == null || runtime.createdAt() != meta.createdAt()) {
                // deleted before a restart (or through another node): no worker of it runs here
                runtime = openRuntime(meta);
            }
            runtime.buffer().destroy();
            if (runtime.pump() != null) {
                runtime.pump().clear();
            }
            atomic.run(() -> {
                DeliveryStreamMeta current = lookUp(meta.key());
                if (current != null && current.createdAt() == meta.createdAt()) {
                    registry.remove(meta.key());
                }
                return null;
            });
            changed(meta.key());
        }
    }

    private StreamRuntime openRuntime(DeliveryStreamMeta meta) {
        try {
            DurableBuffer buffer = new DurableBuffer(stores.buffers(), metadata, meta.bufferName(),
                    stores.logName(meta.bufferName()), sealer);
            SourcePump pump = pump(meta, buffer);
            SplittableRandom random = new SplittableRandom();
            BufferSource source = pump == null ? BufferSource.NONE : pump;
            DeliveryWorker worker = new DeliveryWorker(taskId(meta.key()), meta.key().name(), meta.activeAt(), buffer,
                    source, routes(meta), pipeline(meta), Backoff.aws(random.split()), clock, observer,
                    new DeliveryWorker.Limits(config.maxInMemoryBytes(), config.maxRecordAgeMillis()), random);
            return new StreamRuntime(meta.createdAt(), meta.version(), buffer, worker, pump);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SourcePump pump(DeliveryStreamMeta meta, DurableBuffer buffer) {
        if (meta.kinesisSource() != null && kinesis != null) {
            StreamArn arn = StreamArn.parseOrNull(meta.kinesisSource().streamArn());
            return new KinesisSourcePump(kinesis, new StreamKey(arn.account(), arn.region(), arn.streamName()),
                    meta.kinesisSource().deliveryStartMillis(), buffer, metadata, meta.bufferName(), clock);
        }
        MskSource msk = meta.mskSource();
        if (msk != null) {
            // a cluster dropped from the settings since: nothing is read until it is configured again
            String bootstrap = config.mskClusters().bootstrapServers(msk.clusterArn()).orElse(null);
            if (bootstrap == null) {
                LOG.warn("{}: no bootstrap servers are configured for MSK cluster {}; nothing is read from it",
                        meta.key().describe(), msk.clusterArn());
                return null;
            }
            return new MskSourcePump(msk, bootstrap, meta.key().name(), buffer, metadata, meta.bufferName(), clock);
        }
        return null;
    }

    private Routes routes(DeliveryStreamMeta meta) {
        return Routes.of(meta, new Routes.Tools(objects, http, config.requestTimeout(), clock,
                new SplittableRandom(), tableSchemas, config.icebergCatalogs()));
    }

    private ProcessingPipeline pipeline(DeliveryStreamMeta meta) {
        String sourceArn = meta.kinesisSource() == null ? null : meta.kinesisSource().streamArn();
        return ProcessingPipeline.of(meta.destination().processing(), meta.kinesisSource() != null,
                new LambdaTransform.Target(null, meta.key().arn(), sourceArn, meta.key().region()), invoker, clock);
    }

    /**
     * The stream, or ResourceNotFoundException once this node's view has caught up with the store (a stream
     * created through another node a moment ago is found).
     */
    private DeliveryStreamMeta existing(DeliveryStreamKey key) {
        DeliveryStreamMeta meta = lookUp(key);
        if (meta == null) {
            throw ServiceException.notFound(key.describe() + " not found.");
        }
        return meta;
    }

    /**
     * The stream as this node's view has it, inside an atomic change: the store has caught up before running the
     * change (and waiting for it there could wait for the change itself).
     */
    private DeliveryStreamMeta current(DeliveryStreamKey key) {
        DeliveryStreamMeta meta = registry.get(key);
        if (meta == null) {
            throw ServiceException.notFound(key.describe() + " not found.");
        }
        return meta;
    }

    /** The stream or null, after catching up on a miss; inside an atomic change the view is current already. */
    private DeliveryStreamMeta lookUp(DeliveryStreamKey key) {
        DeliveryStreamMeta meta = registry.get(key);
        if (meta == null) {
            catchUp();
            meta = registry.get(key);
        }
        return meta;
    }

    private void catchUp() {
        try {
            metadata.sync().get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ErrorType.SERVICE_UNAVAILABLE, "Interrupted while reading the metadata.");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("cannot catch up with the delivery stream metadata", e);
            throw new ServiceException(ErrorType.SERVICE_UNAVAILABLE,
                    "The delivery stream metadata cannot be read now; try again.");
        }
    }

    /** After a change of this node committed: the view shows it, and the stream's live parts follow. */
    private void changed(DeliveryStreamKey key) {
        registry.refresh(key);
        follow(key);
    }

    private void followLogged(DeliveryStreamKey key) {
        try {
            constructed.await();
            follow(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("cannot follow the change of {}", key.describe(), e);
        }
    }

    /**
     * Makes the live parts of a stream on this node match its metadata: opens the buffer and starts the worker of
     * a new stream (the placement decides whether it steps here), hands a new configuration to the worker, stops
     * delivery of a deleting stream, stops and forgets the worker of a stream that is gone (or of an older
     * incarnation of the name).
     */
    private void follow(DeliveryStreamKey key) {
        following.lock();
        try {
            DeliveryStreamMeta meta = registry.get(key);
            StreamRuntime runtime = runtimes.get(key);
            if (runtime != null && (meta == null || runtime.createdAt() != meta.createdAt())) {
                runtimes.remove(key);
                stop(runtime);
                runtime = null;
            }
            if (meta == null) {
                return;
            }
            if (meta.deletingAt() >= 0) {
                if (runtime != null) {
                    runtime.worker().stopDelivering();
                    tasks.wake(runtime.worker().id());
                }
                tasks.wake(deletions.id());
            } else if (runtime == null) {
                runtime = openRuntime(meta);
                runtimes.put(key, runtime);
                tasks.start(runtime.worker());
            } else if (runtime.version() != meta.version()) {
                runtime.worker().reconfigure(routes(meta), pipeline(meta));
                runtimes.put(key, runtime.reconfigured(meta.version()));
                tasks.wake(runtime.worker().id());
            }
        } finally {
            following.unlock();
        }
    }

    /** The Iceberg catalogs this engine's destinations write through (for Glue's Iceberg table creation). */
    public IcebergCatalogs icebergCatalogs() {
        return config.icebergCatalogs();
    }

    /**
     * Stops this engine's tasks (each after its step under way and a last checkpoint), then closes the buffers and
     * the metadata store.
     */
    @Override
    public void close() {
        follower.shutdown();
        try {
            follower.awaitTermination(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tasks.stop(deletions.id());
        for (StreamRuntime runtime : runtimes.values()) {
            stop(runtime);
        }
        http.close();
        stores.close();
    }

    /** Stops a delivery stream's worker here, then lets its source's connections go. */
    private void stop(StreamRuntime runtime) {
        tasks.stop(runtime.worker().id());
        if (runtime.pump() != null) {
            runtime.pump().close();
        }
    }
}
