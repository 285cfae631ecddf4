package io.sluice.storage.kafka;

import io.sluice.engine.limits.ShardUsage;
import io.sluice.engine.limits.UsageExchange;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link UsageExchange} of a cluster on Kafka: every node writes its usage of the shards' budgets to the
 * usage topic ({@link UsageTopic}, one partition) every {@link KafkaSettings#usageInterval()}, and reads every
 * other node's reports from it ({@link UsageRecordFormat}). A node reads from the topic's end as of its start:
 * older usage is past. Reports are keyed by a random id of this exchange, so a node skips its own whatever the
 * operator named the nodes.
 *
 * <p><b>Delivery</b>: at most once and best effort ({@code acks=1}, not idempotent, given up after the 5 s
 * delivery timeout): a lost report lets the shards admit more, never less. A report waits for the next interval at most, and reaches the
 * other nodes after Kafka's produce-to-fetch latency (milliseconds on a healthy cluster), so the exchange delay
 * is about the interval. A node with more than {@link #MAX_ENTRIES} active shards splits its report over several
 * records.
 *
 * <p><b>Threading</b>: one thread of its own (started by {@link #start}) sends, polls and calls the engine's
 * functions; {@link #close} from any thread stops it and closes the clients.
 */
public final class KafkaUsageExchange implements UsageExchange {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaUsageExchange.class);
    /** Entries per record: at most about 100 bytes each, well within Kafka's default 1 MB records. */
    static final int MAX_ENTRIES = 4096;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaSettings settings;
    private final byte[] instance = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
    private final TopicPartition partition;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Thread thread;
    /** Whether the last send or poll failed, so a lasting failure is logged once; the exchange's thread only. */
    private boolean failing;

    private KafkaUsageExchange(KafkaSettings settings) {
        this.settings = settings;
        this.partition = new TopicPartition(settings.usageTopic(), 0);
        this.producer = new KafkaProducer<>(producerConfig(settings));
        try {
            this.consumer = new KafkaConsumer<>(consumerConfig(settings));
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Creates the usage topic if it is missing and positions this node at its end, so every report sent after
     * this returns reaches it.
     *
     * @throws IOException the topic could not be created or its end read
     */
    public static KafkaUsageExchange open(KafkaSettings settings) throws IOException {
        UsageTopic.ensure(settings);
        KafkaUsageExchange exchange = new KafkaUsageExchange(settings);
        try {
            exchange.consumer.assign(List.of(exchange.partition));
            exchange.consumer.seekToEnd(List.of(exchange.partition));
            exchange.consumer.position(exchange.partition);
        } catch (KafkaException e) {
            exchange.close();
            throw new IOException("cannot read the end of usage topic " + settings.usageTopic(), e);
        }
        return exchange;
    }

    @Override
    public void start(Supplier<List<ShardUsage>> local, Consumer<List<ShardUsage>> remote) {
        if (closing.get() || thread != null) {
            throw new IllegalStateException("the usage exchange is closed or started already");
        }
        thread = Thread.ofPlatform().daemon().name("usage-exchange-" + settings.nodeId())
                .start(() -> run(local, remote));
    }

    private void run(Supplier<List<ShardUsage>> local, Consumer<List<ShardUsage>> remote) {
        long interval = settings.usageInterval().toNanos();
        long next = System.nanoTime() + interval;
        while (!closing.get()) {
            try {
                long wait = Math.max(0, next - System.nanoTime());
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofNanos(wait))) {
                    receive(record, remote);
                }
                long now = System.nanoTime();
                if (now - next >= 0) {
                    send(local.get());
                    // a late turn (a long poll, a paused JVM) is not made up with a burst of turns
                    next = Math.max(next + interval, now);
                }
                failing = false;
            } catch (WakeupException e) {
                // close() wants the thread back; the loop condition ends it
            } catch (KafkaException e) {
                if (!failing) {
                    LOG.warn("node {} could not exchange budget usage on {}; shards admit up to the limit on each "
                            + "node until it can again", settings.nodeId(), settings.usageTopic(), e);
                    failing = true;
                }
            } catch (RuntimeException e) {
                LOG.error("node {}: applying budget usage failed; the exchange carries on", settings.nodeId(), e);
            }
        }
    }

    private void receive(ConsumerRecord<byte[], byte[]> record, Consumer<List<ShardUsage>> remote) {
        if (Arrays.equals(record.key(), instance)) {
            return;
        }
        List<ShardUsage> usage;
        try {
            usage = UsageRecordFormat.decode(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("node {} skips the usage record at offset {} of {}: {}", settings.nodeId(), record.offset(),
                    settings.usageTopic(), e.getMessage());
            return;
        }
        remote.accept(usage);
    }

    private void send(List<ShardUsage> usage) {
        for (int from = 0; from < usage.size(); from += MAX_ENTRIES) {
            byte[] value = UsageRecordFormat.encode(usage.subList(from, Math.min(usage.size(), from + MAX_ENTRIES)));
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), instance, value),
                    (metadata, failure) -> {
                        if (failure != null) {
                            LOG.debug("a budget usage report of node {} was lost", settings.nodeId(), failure);
                        }
                    });
        }
    }

    /** Stops the exchange's thread and closes its clients; idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        Thread running = thread;
        if (running != null) {
            consumer.wakeup();
            boolean interrupted = false;
            while (running.isAlive()) {
                try {
                    running.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            consumer.close(CLOSE_TIMEOUT);
        } finally {
            producer.close(CLOSE_TIMEOUT);
        }
    }

    private static Map<String, Object> producerConfig(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-" + settings.nodeId() + "-usage-producer");
        // a report is worth an interval: sent at once, by the leader alone, and dropped rather than retried long
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    private static Map<String, Object> consumerConfig(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-" + settings.nodeId() + "-usage-consumer");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // a node that falls behind the retention skips to what is left: old usage is past anyway
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
