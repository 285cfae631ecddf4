package io.sluice.storage.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings of the clients the shard logs use. Sluice's defaults come first, then the operator's
 * {@link KafkaSettings#clientProperties()} (TLS, SASL, tuning), then what correctness needs and no operator may
 * change (serialisers, idempotence, acks=all, no offset commits). Stateless.
 */
final class ClientConfigs {

    /** Largest record batch: a 10 MiB Kinesis record plus its key and headers. */
    static final int MAX_MESSAGE_BYTES = 16 << 20;

    private ClientConfigs() {
    }

    static Map<String, Object> admin(KafkaSettings settings) {
        Map<String, Object> config = base(settings, "admin");
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }

    static Map<String, Object> producer(KafkaSettings settings) {
        Map<String, Object> defaults = new HashMap<>();
        // Kafka 4's default. Each PutRecords call hands a shard's records over as one burst, and several calls are
        // in flight: 5 ms lets the producer put the bursts of several calls to a partition into one batch and one
        // request, which the producer and the broker handle for less CPU per record than many small ones (at
        // 100 B on a shared 2-core machine, 10-15 % less on the node and 15-30 % less on the broker than 1 ms,
        // and a lower put p50); a lone put waits up to 5 ms longer
        defaults.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        defaults.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 << 10);
        defaults.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20);
        // Kafka's default. On a CPU-bound node lz4 cost more than it saved: the node compresses every batch and the
        // broker decompresses it again to validate it (at 100 B of incompressible data: 1 µs of node CPU per
        // record, 10 % of the ingest rate, and slower reads); kafka.compression.type=lz4 suits compressible
        // records on a network-bound cluster
        defaults.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        // a broker that cannot be reached fails appends after this, instead of holding them for two minutes
        defaults.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        defaults.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        defaults.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        defaults.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
        Map<String, Object> config = merge(defaults, base(settings, "logs-producer"));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    static Map<String, Object> consumer(KafkaSettings settings, String role) {
        Map<String, Object> defaults = new HashMap<>();
        // reads start only where the end offset says there is data, so the broker never needs to wait for more;
        // and a consumer's pipelined fetch at the tail must not hold the next read of that consumer back
        defaults.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 0);
        // a read polls until it has what it needs, and keeps what its last poll brought beyond that for the next
        // read of the partition: small polls keep that overshoot (decoded records held in memory) small
        defaults.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000);
        defaults.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 << 20);
        defaults.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        Map<String, Object> config = merge(defaults, base(settings, role));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // a read below the log start (retention removed it) continues at the log start, as a local log does
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private static Map<String, Object> base(KafkaSettings settings, String role) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-" + settings.nodeId() + "-" + role);
        return config;
    }

    private static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(defaults);
        config.putAll(overrides);
        return config;
    }
}
