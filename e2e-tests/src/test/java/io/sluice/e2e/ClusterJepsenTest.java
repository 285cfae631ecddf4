package io.sluice.e2e;

import io.sluice.kafka.testkit.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.math.BigInteger;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jepsen-style test of cluster mode: a real Kafka broker, three Sluice nodes in processes of their own started as
 * users start them, producers putting batches through random live nodes with the AWS SDK (no retries), while a
 * chaos thread kills nodes with SIGKILL (restarting each a little later on its port) and splits and merges shards
 * through random nodes. Then one node reads every shard from TRIM_HORIZON to its end, parents before children (as
 * the KCL does), and the history must show: every acknowledged record read exactly once, from the shard and at the
 * sequence number its acknowledgement named; no record read twice; per key, acknowledged records read in the order
 * they were put; no record read from a shard whose hash range excludes MD5(partition key); nothing read that was
 * never put. A put whose call timed out or lost its connection is unknown and may or may not be read; so may a
 * record whose put failed. Re-run a seed with {@code -Dsluice.seed=<seed>}; {@code -Dsluice.jepsen.seconds}
 * changes how long the chaos lasts. The nodes' logs stay in {@code target/cluster-jepsen/<seed in hex>/}.
 *
 * <p>Threading: producers, the chaos thread and the restart and reshard threads share the {@link History} and the
 * set of live nodes (both concurrent); failures of background threads are collected and fail the test.
 */
class ClusterJepsenTest {

    private static final String STREAM = "jepsen";
    private static final int NODES = 3;
    private static final int KEYS_PER_PRODUCER = 4;
    private static final int MAX_BATCH = 10;
    private static final int MAX_OPEN_SHARDS = 8;
    private static final int MAX_RESHARDS_AT_ONCE = 2;
    private static final Duration PUT_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(20);
    private static final long READ_TIMEOUT_NANOS = Duration.ofSeconds(60).toNanos();
    private static final int SHOWN_VIOLATIONS = 20;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private static KafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    enum Outcome { ACKED, FAILED, UNKNOWN }

    /**
     * What the put of one record answered.
     *
     * @param node       the node the put went through
     * @param putAt      wall-clock time the call started (as the nodes' logs print it)
     * @param answeredAt wall-clock time the call returned
     * @param detail     the error, for a record not acknowledged
     */
    record Put(String data, String key, int sequence, String node, String putAt, String answeredAt, Outcome outcome,
               String shardId, String sequenceNumber, String detail) {

        @Override
        public String toString() {
            return data + " put through " + node + " at " + putAt + ", answered at " + answeredAt + ": " + outcome
                    + (outcome == Outcome.ACKED ? " as " + shardId + " / " + sequenceNumber : " (" + detail + ")");
        }
    }

    /** A record as the reader saw it: its shard, sequence number, partition key, and place in the whole read. */
    record Read(String data, String shardId, String sequenceNumber, String partitionKey, int position) {
    }

    /** Everything that happened, for the checks and for the failure message. Thread-safe. */
    private static final class History {
        final Map<String, Put> puts = new ConcurrentHashMap<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Read> reads = new ArrayList<>();
        final Map<String, List<Read>> readsByData = new HashMap<>();

        void put(Put put) {
            puts.put(put.data(), put);
        }

        void event(String what) {
            String line = now() + " " + what;
            events.add(line);
            System.out.println("chaos: " + line);
        }

        /** Only the reading thread calls this, after the producers have stopped. */
        void read(Read read) {
            reads.add(read);
            readsByData.computeIfAbsent(read.data(), d -> new ArrayList<>()).add(read);
        }

        long count(Outcome outcome) {
            return puts.values().stream().filter(p -> p.outcome() == outcome).count();
        }

        /** How many records were not acknowledged, by error (its type and status). */
        Map<String, Long> notAcknowledged() {
            return puts.values().stream().filter(p -> p.outcome() != Outcome.ACKED)
                    .collect(Collectors.groupingBy(p -> p.outcome() + " " + p.detail().split(":", 2)[0],
                            TreeMap::new, Collectors.counting()));
        }

        long readCount(Outcome outcome) {
            return puts.values().stream().filter(p -> p.outcome() == outcome && readsByData.containsKey(p.data()))
                    .count();
        }

        /** The record's put and reads, and those of the records of its key put just before and after it. */
        String trace(String data) {
            int colon = data.lastIndexOf(':');
            if (colon < 0) {
                return "\n  " + data + ": not a record this test puts";
            }
            String key = data.substring(0, colon);
            int sequence = Integer.parseInt(data.substring(colon + 1));
            StringBuilder out = new StringBuilder();
            for (int s = Math.max(1, sequence - 2); s <= sequence + 2; s++) {
                String neighbour = key + ":" + s;
                Put put = puts.get(neighbour);
                out.append(s == sequence ? "\n  > " : "\n    ")
                        .append(put == null ? neighbour + " never put" : put.toString())
                        .append("; read: ").append(readsByData.getOrDefault(neighbour, List.of()).stream()
                                .map(r -> r.shardId() + " / " + r.sequenceNumber() + " (#" + r.position() + ")")
                                .collect(Collectors.joining(", ", "[", "]")));
            }
            return out.toString();
        }
    }

    /** The nodes, their clients, and which of them are up. Thread-safe. */
    private static final class Cluster implements AutoCloseable {
        final List<ClusterNodeProcess> nodes = new CopyOnWriteArrayList<>();
        final List<KinesisClient> putClients = new CopyOnWriteArrayList<>();
        final List<KinesisClient> controlClients = new CopyOnWriteArrayList<>();
        final Set<Integer> live = ConcurrentHashMap.newKeySet();

        void add(ClusterNodeProcess node) {
            nodes.add(node);
            putClients.add(Clients.singleAttempt(node.endpoint(), PUT_TIMEOUT));
            controlClients.add(Clients.singleAttempt(node.endpoint(), CONTROL_TIMEOUT));
            live.add(nodes.size() - 1);
        }

        List<Integer> live() {
            List<Integer> up = new ArrayList<>(live);
            up.sort(null);
            return up;
        }

        String logs() {
            return nodes.stream().flatMap(n -> n.logs().stream()).map(Path::toString)
                    .collect(Collectors.joining("\n  ", "\n  ", ""));
        }

        @Override
        public void close() {
            putClients.forEach(KinesisClient::close);
            controlClients.forEach(KinesisClient::close);
            nodes.forEach(ClusterNodeProcess::close);
        }
    }

    @Test
    void acknowledgedRecordsAreReadOnceInKeyOrderFromTheirShardsWhileNodesAreKilledAndShardsSplitAndMerge()
            throws Exception {
        long seed = Long.getLong("sluice.seed", System.nanoTime());
        System.out.println("ClusterJepsenTest seed=" + seed);
        Random random = new Random(seed);
        long chaosNanos = Duration.ofSeconds(Long.getLong("sluice.jepsen.seconds", 50)).toNanos();
        Path logDirectory = Path.of("target", "cluster-jepsen", Long.toHexString(seed)).toAbsolutePath();
        String topicPrefix = "jepsen-" + Long.toHexString(seed) + ".";
        Path config = config(topicPrefix);
        History history = new History();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (Cluster cluster = new Cluster()) {
            for (int n = 1; n <= NODES; n++) {
                cluster.add(ClusterNodeProcess.start("n" + n, broker.bootstrapServers(), dir.resolve("data-n" + n),
                        config, logDirectory));
            }
            int initialShards = 2 + random.nextInt(3);
            cluster.controlClients.get(random.nextInt(NODES))
                    .createStream(b -> b.streamName(STREAM).shardCount(initialShards));
            for (KinesisClient client : cluster.controlClients) {
                awaitActive(client);
            }
            history.event("stream " + STREAM + " created with " + initialShards + " shards");

            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> producers = new ArrayList<>();
            int producerCount = 3 + random.nextInt(2);
            for (int p = 0; p < producerCount; p++) {
                int producer = p;
                Random producerRandom = new Random(random.nextLong());
                producers.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                    try {
                        produce(cluster, producer, producerRandom, history, stop);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            List<Thread> background = new CopyOnWriteArrayList<>();
            AtomicInteger kills = new AtomicInteger();
            AtomicInteger reshards = new AtomicInteger();
            chaos(cluster, new Random(random.nextLong()), System.nanoTime() + chaosNanos, history, background, kills,
                    reshards, failures);
            stop.set(true);
            for (Thread producer : producers) {
                producer.join();
            }
            for (Thread thread : background) {
                thread.join();
            }
            history.event("chaos over; every node up again: " + cluster.live());
            assertThat(failures).as("failures of the producers, restarts and reshards (seed %d); logs:%s", seed,
                    cluster.logs()).isEmpty();

            int reader = random.nextInt(NODES);
            List<Shard> shards;
            List<String> violations = new ArrayList<>();
            Set<String> involved = new LinkedHashSet<>();
            try (KinesisClient client = Clients.sync(cluster.nodes.get(reader).endpoint(), true, 3)) {
                shards = listShards(client);
                readParentsBeforeChildren(client, shards, history, violations);
            }
            check(history, shards, violations, involved);

            System.out.printf("ClusterJepsenTest seed=%d: %d producers, records acknowledged %d, failed %d (%d of them"
                            + " read), unknown %d (%d of them read); %d kills, %d reshards; %d shards at the end;"
                            + " %d records landed past a seal (cut off and put again); read through n%d; logs in %s%n",
                    seed, producerCount, history.count(Outcome.ACKED), history.count(Outcome.FAILED),
                    history.readCount(Outcome.FAILED), history.count(Outcome.UNKNOWN),
                    history.readCount(Outcome.UNKNOWN), kills.get(), reshards.get(), shards.size(),
                    recordsPastSeals(topicPrefix), reader + 1, logDirectory);
            System.out.println("ClusterJepsenTest: why records were not acknowledged: " + history.notAcknowledged());
            String report = report(seed, history, shards, violations, involved, cluster);
            assertThat(violations).as(report).isEmpty();
            assertThat(kills.get()).as("nodes were killed (seed %d)", seed).isPositive();
            assertThat(reshards.get()).as("shards were split or merged (seed %d)%s", seed, report).isPositive();
            assertThat(history.count(Outcome.ACKED)).as("records were acknowledged (seed %d)", seed).isPositive();
        }
    }

    /** The configuration every node shares: one master key file, a topic prefix of this run, no limits or delays. */
    private Path config(String topicPrefix) throws Exception {
        Path key = dir.resolve("master.key");
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.write(key, bytes);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path config = dir.resolve("cluster.properties");
        Files.writeString(config, String.join("\n",
                "kms.master-key-file=" + key,
                "kafka.topic-prefix=" + topicPrefix,
                "streams.create-delay-ms=0",
                "streams.update-delay-ms=0",
                "streams.delete-delay-ms=0",
                // closed shards a killed node left unsealed are sealed by the retention task: soon, here
                "streams.retention-check-ms=1000",
                "limits.profile=off", ""));
        return config;
    }

    private static void awaitActive(KinesisClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.describeStreamSummary(b -> b.streamName(STREAM)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("stream active within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * Puts batches of records of this producer's keys, each through a random live node, one batch at a time, until
     * stopped; the data of a record is {@code <key>:<sequence of the record in its key>}.
     */
    private static void produce(Cluster cluster, int producer, Random random, History history, AtomicBoolean stop)
            throws InterruptedException {
        int[] last = new int[KEYS_PER_PRODUCER];
        while (!stop.get()) {
            List<Integer> live = cluster.live();
            if (live.isEmpty()) {
                Thread.sleep(20);
                continue;
            }
            int node = live.get(random.nextInt(live.size()));
            String nodeId = cluster.nodes.get(node).nodeId();
            int size = 1 + random.nextInt(MAX_BATCH);
            List<PutRecordsRequestEntry> entries = new ArrayList<>(size);
            List<String> keys = new ArrayList<>(size);
            List<Integer> sequences = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int k = random.nextInt(KEYS_PER_PRODUCER);
                String key = "p" + producer + "-k" + k;
                int sequence = ++last[k];
                entries.add(PutRecordsRequestEntry.builder().partitionKey(key)
                        .data(SdkBytes.fromUtf8String(key + ":" + sequence)).build());
                keys.add(key);
                sequences.add(sequence);
            }
            String putAt = now();
            List<PutRecordsResultEntry> results = null;
            Outcome callOutcome = null;
            String callDetail = null;
            try {
                PutRecordsResponse response = cluster.putClients.get(node)
                        .putRecords(b -> b.streamName(STREAM).records(entries));
                results = response.records();
            } catch (SdkServiceException e) {
                // the node answered with an error: a 4xx refused the call, a 5xx may have stored some of it
                callOutcome = e.statusCode() >= 500 ? Outcome.UNKNOWN : Outcome.FAILED;
                callDetail = e.getClass().getSimpleName() + " " + e.statusCode() + ": " + e.getMessage();
            } catch (SdkClientException e) {
                callOutcome = neverSent(e) ? Outcome.FAILED : Outcome.UNKNOWN;
                callDetail = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            String answeredAt = now();
            for (int i = 0; i < size; i++) {
                String data = keys.get(i) + ":" + sequences.get(i);
                if (results == null) {
                    history.put(new Put(data, keys.get(i), sequences.get(i), nodeId, putAt, answeredAt, callOutcome,
                            null, null, callDetail));
                } else if (results.get(i).errorCode() == null) {
                    history.put(new Put(data, keys.get(i), sequences.get(i), nodeId, putAt, answeredAt, Outcome.ACKED,
                            results.get(i).shardId(), results.get(i).sequenceNumber(), null));
                } else {
                    history.put(new Put(data, keys.get(i), sequences.get(i), nodeId, putAt, answeredAt, Outcome.FAILED,
                            null, null, results.get(i).errorCode() + ": " + results.get(i).errorMessage()));
                }
            }
        }
    }

    /** Whether the call failed before any byte reached a node (connection refused). */
    private static boolean neverSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every 1 to 3 s, until {@code untilNanos}, one of: kill a random live node (if another stays up) and restart it
     * 1 to 4 s later; split or merge a random open shard through a random live node; or start such a reshard and kill
     * its node within 0.6 s, so that the node may die between closing the parents and sealing them. Restarts and
     * reshards run on threads of their own (added to {@code background}), so two reshards may also race through
     * different nodes.
     */
    private static void chaos(Cluster cluster, Random random, long untilNanos, History history,
                              List<Thread> background, AtomicInteger kills, AtomicInteger reshards,
                              List<Throwable> failures) throws InterruptedException {
        AtomicInteger reshardsRunning = new AtomicInteger();
        while (System.nanoTime() < untilNanos) {
            Thread.sleep(1000 + random.nextInt(2000));
            List<Integer> live = cluster.live();
            int action = random.nextInt(10);
            if (live.size() > 1 && action < 3) {
                kill(cluster, live.get(random.nextInt(live.size())), 1000 + random.nextInt(3000), history,
                        background, kills, failures);
            } else if (!live.isEmpty() && reshardsRunning.get() < MAX_RESHARDS_AT_ONCE) {
                int n = live.get(random.nextInt(live.size()));
                Random reshardRandom = new Random(random.nextLong());
                reshardsRunning.incrementAndGet();
                background.add(Thread.ofPlatform().name("reshard").start(() -> {
                    try {
                        if (reshard(cluster.controlClients.get(n), cluster.nodes.get(n).nodeId(), reshardRandom,
                                history)) {
                            reshards.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    } finally {
                        reshardsRunning.decrementAndGet();
                    }
                }));
                if (action >= 8 && live.size() > 1) {
                    Thread.sleep(random.nextInt(600));
                    if (cluster.live.contains(n)) {
                        kill(cluster, n, 1000 + random.nextInt(3000), history, background, kills, failures);
                    }
                }
            }
        }
    }

    /** Kills the node with SIGKILL and restarts it after {@code downMillis} on a thread added to {@code background}. */
    private static void kill(Cluster cluster, int victim, long downMillis, History history, List<Thread> background,
                             AtomicInteger kills, List<Throwable> failures) throws InterruptedException {
        ClusterNodeProcess node = cluster.nodes.get(victim);
        cluster.live.remove(victim);
        node.kill();
        kills.incrementAndGet();
        history.event("kill -9 " + node.nodeId());
        background.add(Thread.ofPlatform().name("restart-" + node.nodeId()).start(() -> {
            try {
                Thread.sleep(downMillis);
                history.event("restarting " + node.nodeId());
                node.restart();
                cluster.live.add(victim);
                history.event(node.nodeId() + " restarted and healthy");
            } catch (Throwable t) {
                history.event(node.nodeId() + " did not restart: " + t);
                failures.add(t);
            }
        }));
    }

    /** Splits a random open shard at a random hash key, or merges two adjacent open ones; true if it was done. */
    private static boolean reshard(KinesisClient client, String nodeId, Random random, History history) {
        String started = now();
        String what = "reshard";
        try {
            List<Shard> open = listShards(client).stream()
                    .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                    .sorted(Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey())))
                    .toList();
            if (open.size() == 1 || (open.size() < MAX_OPEN_SHARDS && random.nextBoolean())) {
                Shard shard = open.get(random.nextInt(open.size()));
                BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
                BigInteger width = new BigInteger(shard.hashKeyRange().endingHashKey()).subtract(start);
                BigInteger at = start.add(BigInteger.ONE)
                        .add(new BigInteger(width.bitLength() + 8, random).mod(width));
                what = "split " + shard.shardId() + " at " + at;
                client.splitShard(b -> b.streamName(STREAM).shardToSplit(shard.shardId())
                        .newStartingHashKey(at.toString()));
            } else {
                int i = random.nextInt(open.size() - 1);
                Shard left = open.get(i);
                Shard right = open.get(i + 1);
                what = "merge " + left.shardId() + " + " + right.shardId();
                client.mergeShards(b -> b.streamName(STREAM).shardToMerge(left.shardId())
                        .adjacentShardToMerge(right.shardId()));
            }
            history.event(what + " through " + nodeId + " (started " + started + "): done");
            return true;
        } catch (SdkException e) {
            history.event(what + " through " + nodeId + " (started " + started + "): " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
            return false;
        }
    }

    private static List<Shard> listShards(KinesisClient client) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = client.listShards(b -> b.streamName(STREAM));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = client.listShards(b -> b.nextToken(token));
            shards.addAll(page.shards());
        }
        return shards;
    }

    /**
     * Reads every shard from TRIM_HORIZON to its end (a closed shard until GetRecords gives no next iterator, an
     * open one until it is caught up), each only after its parents.
     */
    private static void readParentsBeforeChildren(KinesisClient client, List<Shard> shards, History history,
                                                  List<String> violations) throws InterruptedException {
        Set<String> listed = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
        Set<String> done = new HashSet<>();
        Deque<Shard> pending = new ArrayDeque<>(shards);
        long deadline = System.nanoTime() + READ_TIMEOUT_NANOS;
        while (!pending.isEmpty()) {
            Shard shard = pending.poll();
            if (!readOrGone(shard.parentShardId(), listed, done)
                    || !readOrGone(shard.adjacentParentShardId(), listed, done)) {
                pending.add(shard);
                continue;
            }
            try {
                readShard(client, shard, history, violations, deadline);
            } catch (SdkException e) {
                violations.add("reading " + shard.shardId() + " failed: " + e);
            }
            done.add(shard.shardId());
        }
    }

    private static void readShard(KinesisClient client, Shard shard, History history, List<String> violations,
                                  long deadline) throws InterruptedException {
        boolean closed = shard.sequenceNumberRange().endingSequenceNumber() != null;
        String iterator = client.getShardIterator(b -> b.streamName(STREAM).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (iterator != null) {
            if (System.nanoTime() > deadline) {
                violations.add("reading " + shard.shardId() + (closed ? " (closed)" : "")
                        + " did not reach its end within " + Duration.ofNanos(READ_TIMEOUT_NANOS));
                return;
            }
            String current = iterator;
            GetRecordsResponse response = client.getRecords(b -> b.shardIterator(current).limit(10_000));
            for (Record record : response.records()) {
                history.read(new Read(record.data().asUtf8String(), shard.shardId(), record.sequenceNumber(),
                        record.partitionKey(), history.reads.size()));
            }
            if (response.records().isEmpty()) {
                if (!closed && response.millisBehindLatest() == 0) {
                    return;
                }
                Thread.sleep(50);
            }
            iterator = response.nextShardIterator();
        }
    }

    private static boolean readOrGone(String parent, Set<String> listed, Set<String> done) {
        return parent == null || !listed.contains(parent) || done.contains(parent);
    }

    /**
     * Counts the records past the first seal marker of each partition of the stream's topic: puts that landed in a
     * parent after another node had sealed it, which their node cut off and put again through the children. Tells
     * whether a run went through that path.
     */
    private static int recordsPastSeals(String topicPrefix) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String topic = consumer.listTopics(Duration.ofSeconds(10)).keySet().stream()
                    .filter(t -> t.startsWith(topicPrefix + "stream.")).findFirst().orElseThrow();
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Set<TopicPartition> sealed = new HashSet<>();
            int past = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.headers().lastHeader("sluice.seal") != null) {
                        sealed.add(partition);
                    } else if (sealed.contains(partition)) {
                        past++;
                    }
                }
            }
            return past;
        }
    }

    /** Adds to {@code violations} what the history shows wrong, and to {@code involved} the records concerned. */
    private static void check(History history, List<Shard> shards, List<String> violations, Set<String> involved) {
        Map<String, Shard> shardsById = shards.stream().collect(Collectors.toMap(Shard::shardId, s -> s));
        Set<String> seen = new HashSet<>();
        Map<String, Read> lastAckedReadOfKey = new HashMap<>();
        for (Read read : history.reads) {
            Put put = history.puts.get(read.data());
            if (put == null) {
                violations.add(read.data() + " read from " + read.shardId() + " but never put");
                involved.add(read.data());
                continue;
            }
            if (!read.partitionKey().equals(put.key())) {
                violations.add(read.data() + " read with partition key " + read.partitionKey() + ", put with "
                        + put.key());
                involved.add(read.data());
            }
            Shard shard = shardsById.get(read.shardId());
            BigInteger hash = md5(read.partitionKey());
            if (hash.compareTo(new BigInteger(shard.hashKeyRange().startingHashKey())) < 0
                    || hash.compareTo(new BigInteger(shard.hashKeyRange().endingHashKey())) > 0) {
                violations.add(read.data() + " read from " + read.shardId() + ", whose hash range excludes its key");
                involved.add(read.data());
            }
            if (!seen.add(read.data())) {
                violations.add(read.data() + " read twice, again from " + read.shardId());
                involved.add(read.data());
                continue;
            }
            if (put.outcome() == Outcome.ACKED) {
                Read previous = lastAckedReadOfKey.put(put.key(), read);
                if (previous != null && history.puts.get(previous.data()).sequence() > put.sequence()) {
                    violations.add(read.data() + " (acknowledged) read after " + previous.data()
                            + " (acknowledged, put later)");
                    involved.add(previous.data());
                    involved.add(read.data());
                }
            }
        }
        for (Put put : history.puts.values()) {
            if (put.outcome() != Outcome.ACKED) {
                continue;
            }
            List<Read> reads = history.readsByData.get(put.data());
            if (reads == null) {
                violations.add(put.data() + " acknowledged but never read");
                involved.add(put.data());
            } else if (!reads.get(0).shardId().equals(put.shardId())
                    || !reads.get(0).sequenceNumber().equals(put.sequenceNumber())) {
                violations.add(put.data() + " acknowledged as " + put.shardId() + " / " + put.sequenceNumber()
                        + " but read as " + reads.get(0).shardId() + " / " + reads.get(0).sequenceNumber());
                involved.add(put.data());
            }
        }
    }

    private static String report(long seed, History history, List<Shard> shards, List<String> violations,
                                 Set<String> involved, Cluster cluster) {
        StringBuilder out = new StringBuilder("seed ").append(seed).append(": ").append(violations.size())
                .append(" violation(s)");
        violations.stream().limit(SHOWN_VIOLATIONS).forEach(v -> out.append("\n- ").append(v));
        out.append("\ntraces (> the record, with the records of its key put just before and after):");
        involved.stream().limit(SHOWN_VIOLATIONS).forEach(data -> out.append(history.trace(data)));
        out.append("\nshards:");
        shards.forEach(s -> out.append("\n  ").append(s.shardId()).append(" <- ").append(s.parentShardId())
                .append(", ").append(s.adjacentParentShardId()).append(" hash ")
                .append(s.hashKeyRange().startingHashKey()).append("..").append(s.hashKeyRange().endingHashKey())
                .append(" seq ").append(s.sequenceNumberRange().startingSequenceNumber()).append("..")
                .append(s.sequenceNumberRange().endingSequenceNumber()));
        out.append("\nevents:");
        history.events.forEach(e -> out.append("\n  ").append(e));
        out.append("\nnode logs:").append(cluster.logs());
        return out.toString();
    }

    private static BigInteger md5(String partitionKey) {
        try {
            return new BigInteger(1, MessageDigest.getInstance("MD5")
                    .digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    private static String now() {
        return LocalTime.now().format(CLOCK);
    }
}
