package io.sluice.storage.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes the Kafka clients of the metadata store: the operator's client settings ({@link KafkaSettings}) first,
 * then the settings the store's protocol depends on, which win.
 *
 * <p><b>Threading</b>: immutable; the clients it makes have Kafka's own contracts.
 */
final class MetadataClients {

    /**
     * How long a transaction may stay open on the broker before it aborts it. While one is open, read_committed
     * readers (every node's applier) stop at it, so a node that dies inside one stalls metadata for up to this long
     * plus the broker's check interval ({@code transaction.abort.timed.out.transaction.cleanup.interval.ms}), or
     * until another node's atomic change takes the writer, which aborts it at once. Atomic changes take
     * milliseconds; one that outlives this is aborted and counts as lost.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaSettings settings;
    private final Duration blockTimeout;

    MetadataClients(KafkaSettings settings, Duration blockTimeout) {
        this.settings = settings;
        this.blockTimeout = blockTimeout;
    }

    KafkaSettings settings() {
        return settings;
    }

    /** The shared transactional id: whoever holds its epoch is the only node able to commit an atomic change. */
    String transactionalId() {
        return settings.topicPrefix() + "metadata-writer";
    }

    Admin admin() {
        return Admin.create(common("admin"));
    }

    /** A read_committed consumer with no group: the applier assigns the partition itself, the sync reads ends. */
    Consumer<byte[], byte[]> consumer(String role) {
        Map<String, Object> props = common(role);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The producer of puts and deletes made outside an atomic change: idempotent, acks=all. */
    Producer<byte[], byte[]> plainProducer() {
        Map<String, Object> props = producer("metadata-producer");
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The producer of atomic changes, on the shared transactional id; not yet initialised. */
    Producer<byte[], byte[]> transactionalProducer() {
        Map<String, Object> props = producer("metadata-writer");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Map<String, Object> producer(String role) {
        Map<String, Object> props = common(role);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // metadata changes are few and a caller waits for each: send at once rather than wait to batch
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, blockTimeout.toMillis());
        return props;
    }

    private Map<String, Object> common(String role) {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-" + settings.nodeId() + "-" + role);
        return props;
    }
}
