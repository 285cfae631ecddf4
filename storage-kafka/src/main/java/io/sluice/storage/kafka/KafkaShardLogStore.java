package io.sluice.storage.kafka;

import io.sluice.engine.store.ShardLogHandle;
import io.sluice.engine.store.ShardLogStore;
import io.sluice.storage.AppendRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Shard logs as Kafka partitions: the {@link ShardLogStore} of a cluster node. The log
 * {@code <account>/<region>/<stream>-<createdAt>/shardId-N} is partition N of topic
 * {@code <prefix>stream.<account>.<region>.<stream>-<createdAt>} ({@link LogName}); opening shard N creates the
 * topic or grows it to N+1 partitions ({@link StreamTopics}). A record is key = partition key, value = data,
 * header {@code sluice.flags} = the engine's flags byte, left out with the version header when the flags are 0
 * ({@link RecordHeaders}), timestamp = the broker's
 * LogAppendTime; its Kafka offset is its log offset. Several nodes append to one partition, so a batch's offsets
 * need not be consecutive: {@link #appendEach} answers each record's offset.
 *
 * <p><b>Appends</b> go through one idempotent producer per node (acks=all, delivery bounded by
 * {@code delivery.timeout.ms}, 30 s by default, so an unreachable broker fails appends instead of holding them);
 * futures complete on the store's completion thread. <b>Reads</b> borrow consumers from a pool.
 *
 * <p><b>Seal</b> ({@link #seal}): appends a marker record (header {@code sluice.seal}), then scans the partition
 * from the first record that arrived 30 s before the shard closed (margin for clock skew between nodes and
 * broker) to that marker, and answers the offset of the FIRST marker: whichever node sealed first, every node
 * agrees on it, and reads never return it or anything after it.
 *
 * <p><b>Retention</b>: a topic's {@code retention.ms} (the stream's retention, {@link #retain}) drops
 * expired records; {@link ShardLogHandle#deleteSegmentsOlderThan} does nothing. <b>Delete</b>: the first delete
 * of any shard of a topic deletes the topic (the engine deletes every shard of a removed stream); later deletes of
 * its shards are no-ops.
 *
 * <p><b>Threading</b>: thread-safe. {@link #open}, {@link #delete} and {@link #retain} block on the
 * cluster; {@link #append} never blocks (records are handed to the producer on a small pool of send threads,
 * in order per log).
 */
public final class KafkaShardLogStore implements ShardLogStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaShardLogStore.class);

    /** How far before a shard's close time the seal scan starts. */
    static final long SEAL_SCAN_MARGIN_MILLIS = 30_000;
    static final long TAIL_INTERVAL_MILLIS = 25;
    /** Threads handing records to the producer; more only help while some are blocked on an unreachable cluster. */
    private static final int SEND_THREADS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings settings;
    private final Admin admin;
    private final Producer<byte[], byte[]> producer;
    private final ConsumerPool consumers;
    private final PartitionReader reader;
    private final StreamTopics topics;
    private final TailWatcher watcher;
    private final ExecutorService completer;
    private final ExecutorService io;
    private final ExecutorService sendPool;
    private final ReentrantLock opening = new ReentrantLock();
    private final Map<String, KafkaShardLog> open = new ConcurrentHashMap<>();
    private final Set<String> deletedTopics = ConcurrentHashMap.newKeySet();
    /** The retention.ms this store last set per topic, so an unchanged retention costs no admin call. */
    private final Map<String, Long> retentions = new ConcurrentHashMap<>();

    private KafkaShardLogStore(KafkaSettings settings, long defaultRetentionMillis) {
        this.settings = settings;
        AtomicInteger consumerIds = new AtomicInteger();
        this.admin = Admin.create(ClientConfigs.admin(settings));
        this.producer = new KafkaProducer<>(ClientConfigs.producer(settings));
        this.consumers = new ConsumerPool(() -> new KafkaConsumer<>(
                ClientConfigs.consumer(settings, "logs-reader-" + consumerIds.incrementAndGet())), 16);
        this.reader = new PartitionReader(consumers, TIMEOUT);
        this.topics = new StreamTopics(admin, settings.replicationFactor(), defaultRetentionMillis, TIMEOUT.toMillis());
        this.watcher = new TailWatcher(reader, TAIL_INTERVAL_MILLIS, settings.nodeId());
        this.completer = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("sluice-kafka-acks-" + settings.nodeId()).factory());
        this.sendPool = Executors.newFixedThreadPool(SEND_THREADS,
                Thread.ofPlatform().daemon().name("sluice-kafka-send-" + settings.nodeId() + "-", 0).factory());
        this.io = Executors.newCachedThreadPool(
                Thread.ofPlatform().daemon().name("sluice-kafka-io-" + settings.nodeId() + "-", 0).factory());
    }

    /**
     * Connects to the cluster (lazily: nothing fails here if it is down) and starts the tail watcher.
     *
     * @param defaultRetentionMillis {@code retention.ms} of topics this store creates, until
     *                               {@link #retain} sets the stream's own
     */
    public static KafkaShardLogStore open(KafkaSettings settings, long defaultRetentionMillis) {
        KafkaShardLogStore store = new KafkaShardLogStore(settings, defaultRetentionMillis);
        store.watcher.start();
        return store;
    }

    @Override
    public ShardLogHandle open(String name) throws IOException {
        KafkaShardLog log = open.get(name);
        if (log != null) {
            return log;
        }
        LogName parsed = LogName.parse(settings.topicPrefix(), name);
        opening.lock();
        try {
            log = open.get(name);
            if (log == null) {
                topics.ensure(parsed.topic(), parsed.shardIndex() + 1);
                deletedTopics.remove(parsed.topic());
                log = new KafkaShardLog(parsed, reader, watcher, sendPool);
                open.put(name, log);
            }
            return log;
        } catch (IOException e) {
            LOG.warn("Cannot open shard log {} as {}", name, parsed.partition(), e);
            throw e;
        } finally {
            opening.unlock();
        }
    }

    /**
     * Sets the retention of a stream incarnation's records: the {@code retention.ms} of its topic, unless this
     * store already set that value (the engine calls this at every retention check).
     *
     * @param logDirectory the stream's log directory, {@code <account>/<region>/<stream>-<createdAt>}
     */
    @Override
    public void retain(String logDirectory, long retentionMillis) throws IOException {
        String topic = LogName.topicOf(settings.topicPrefix(), logDirectory);
        Long set = retentions.get(topic);
        if (set != null && set == retentionMillis) {
            return;
        }
        try {
            topics.setRetention(topic, retentionMillis);
            retentions.put(topic, retentionMillis);
        } catch (IOException e) {
            LOG.warn("Cannot set the retention of {} to {} ms", topic, retentionMillis, e);
            throw e;
        }
    }

    /** Other nodes append to the same partitions: the engine checks every append against the shard's seal. */
    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void delete(String name) throws IOException {
        LogName parsed = LogName.parse(settings.topicPrefix(), name);
        opening.lock();
        try {
            List<KafkaShardLog> closing = new ArrayList<>();
            open.values().removeIf(log -> {
                boolean same = log.partition().topic().equals(parsed.topic());
                if (same) {
                    closing.add(log);
                }
                return same;
            });
            closing.forEach(KafkaShardLog::markDeleted);
            if (deletedTopics.add(parsed.topic())) {
                topics.delete(parsed.topic());
            }
        } catch (IOException e) {
            deletedTopics.remove(parsed.topic());
            LOG.warn("Cannot delete topic {} of shard log {}", parsed.topic(), name, e);
            throw e;
        } finally {
            opening.unlock();
        }
    }

    /**
     * Appends a batch; fails with {@link NonContiguousAppendException} if another node's records landed between
     * its records (they are stored all the same). {@link #appendEach} is what a shared log needs.
     */
    @Override
    public CompletableFuture<Long> append(ShardLogHandle log, List<AppendRecord> records) {
        KafkaShardLog kafka = kafka(log);
        return appendEach(log, records).thenApply(offsets -> {
            for (int i = 1; i < offsets.length; i++) {
                if (offsets[i] != offsets[0] + i) {
                    NonContiguousAppendException e =
                            new NonContiguousAppendException(kafka.partition(), offsets[0], i, offsets[i]);
                    LOG.warn("Batch of {} records appended to {} at scattered offsets", offsets.length, kafka, e);
                    throw new CompletionException(e);
                }
            }
            return offsets[0];
        });
    }

    @Override
    public CompletableFuture<long[]> appendEach(ShardLogHandle log, List<AppendRecord> records) {
        KafkaShardLog kafka = kafka(log);
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>(records.size());
        String topic = kafka.partition().topic();
        int partition = kafka.partition().partition();
        for (AppendRecord r : records) {
            sent.add(new ProducerRecord<>(topic, partition, null, r.partitionKey(), r.data(),
                    RecordHeaders.of(r.flags())));
        }
        return logFailure(kafka.append(producer, sent, completer), "append to", kafka);
    }

    @Override
    public CompletableFuture<Long> barrier(ShardLogHandle log) {
        KafkaShardLog kafka = kafka(log);
        return kafka.appendsBefore().thenApplyAsync(done -> kafka.endOffset(), io);
    }

    @Override
    public CompletableFuture<Long> seal(ShardLogHandle log, long closedAtMillis) {
        KafkaShardLog kafka = kafka(log);
        if (kafka.knownSeal() != Long.MAX_VALUE) {
            return CompletableFuture.completedFuture(kafka.knownSeal());
        }
        Header seal = new RecordHeader(RecordHeaders.SEAL, settings.nodeId().getBytes(StandardCharsets.UTF_8));
        ProducerRecord<byte[], byte[]> marker = new ProducerRecord<>(kafka.partition().topic(),
                kafka.partition().partition(), null, null, new byte[0], List.of(seal));
        CompletableFuture<Long> sealed = kafka.append(producer, List.of(marker), completer)
                .thenApplyAsync(offsets -> {
                    long markerOffset = offsets[0];
                    try {
                        long from = reader.offsetForTimestamp(kafka.partition(),
                                closedAtMillis - SEAL_SCAN_MARGIN_MILLIS).orElse(markerOffset);
                        long first = reader.firstSeal(kafka.partition(), Math.min(from, markerOffset), markerOffset);
                        kafka.sealedAt(first);
                        return kafka.knownSeal();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, io);
        return logFailure(sealed, "seal", kafka);
    }

    @Override
    public void close() {
        watcher.close();
        sendPool.shutdown();
        producer.close(Duration.ofSeconds(5));
        consumers.close();
        admin.close(Duration.ofSeconds(5));
        completer.shutdown();
        io.shutdown();
    }

    private static KafkaShardLog kafka(ShardLogHandle log) {
        if (log instanceof KafkaShardLog kafka) {
            return kafka;
        }
        throw new IllegalArgumentException("not a log of this store: " + log.name());
    }

    private static <T> CompletableFuture<T> logFailure(CompletableFuture<T> future, String what, KafkaShardLog log) {
        return future.whenComplete((value, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                LOG.warn("Cannot {} {}", what, log, cause);
            }
        });
    }
}
