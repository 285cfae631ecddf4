package io.sluice.cli;

import io.sluice.server.ServerConfig;
import io.sluice.storage.kafka.KafkaSettings;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the storage backend from the settings and flags: {@code storage.backend} ({@code local}, the default, or
 * {@code kafka}); in kafka mode {@code kafka.bootstrap-servers} (required), {@code kafka.topic-prefix} (default
 * {@code sluice.}), {@code kafka.replication-factor} (default -1, the broker's default), {@code node.id} (default
 * host name and port), {@code kafka.usage-interval-ms} (default 200, how often a node shares its usage of the
 * shards' throughput budgets), and every other {@code kafka.<setting>} passed to Kafka's clients as {@code <setting>}
 * (TLS, SASL, timeouts). Settings Sluice must set itself for its guarantees (acks, idempotence, transactions,
 * group and isolation) are refused, as are cluster settings on the local backend. Stateless.
 */
final class KafkaConfigReader {

    /** The prefix of Kafka settings. */
    static final String PREFIX = "kafka.";

    private static final String BACKEND = "storage.backend";
    private static final String NODE_ID = "node.id";
    private static final String BOOTSTRAP = "kafka.bootstrap-servers";
    private static final String TOPIC_PREFIX = "kafka.topic-prefix";
    private static final String REPLICATION_FACTOR = "kafka.replication-factor";
    private static final String USAGE_INTERVAL = "kafka.usage-interval-ms";
    private static final long MAX_USAGE_INTERVAL_MILLIS = 10_000;
    private static final Set<String> OWN_KEYS = Set.of(BOOTSTRAP, TOPIC_PREFIX, REPLICATION_FACTOR, USAGE_INTERVAL);
    /** Client settings the backend sets for its guarantees; an operator's value would break them. */
    private static final Set<String> RESERVED = Set.of("bootstrap.servers", "acks", "enable.idempotence",
            "transactional.id", "isolation.level", "group.id", "enable.auto.commit", "auto.offset.reset",
            "key.serializer", "value.serializer", "key.deserializer", "value.deserializer", "group.protocol",
            "group.instance.id", "partition.assignment.strategy", "session.timeout.ms", "heartbeat.interval.ms");
    private static final Pattern TOPIC_CHARS = Pattern.compile("[A-Za-z0-9._-]*");
    private static final String DEFAULT_TOPIC_PREFIX = "sluice.";

    private KafkaConfigReader() {
    }

    /**
     * The Kafka backend's settings, or null for the local backend.
     *
     * @param port the port the node listens on, part of the default node id
     * @throws IllegalArgumentException naming the setting that is missing, unknown here, or wrong
     */
    static KafkaSettings read(Properties props, ClusterFlags flags, int port) {
        String backend = flags.backend() != null ? flags.backend() : props.getProperty(BACKEND, "local");
        return switch (backend.trim().toLowerCase(Locale.ROOT)) {
            case "local" -> {
                refuseClusterSettings(props, flags);
                yield null;
            }
            case "kafka" -> kafka(props, flags, port);
            default -> throw new IllegalArgumentException(BACKEND + " (--backend) must be local or kafka, not '"
                    + backend + "'");
        };
    }

    private static void refuseClusterSettings(Properties props, ClusterFlags flags) {
        if (flags.kafkaBootstrap() != null || flags.nodeId() != null) {
            throw new IllegalArgumentException("--kafka-bootstrap and --node-id are for the Kafka backend: add "
                    + "--backend kafka");
        }
        Set<String> cluster = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(PREFIX) || key.equals(NODE_ID)) {
                cluster.add(key);
            }
        }
        if (!cluster.isEmpty()) {
            throw new IllegalArgumentException("setting(s) " + cluster + " are for the Kafka backend, but "
                    + BACKEND + " is local: set " + BACKEND + "=kafka (or --backend kafka), or remove them");
        }
    }

    private static KafkaSettings kafka(Properties props, ClusterFlags flags, int port) {
        String bootstrap = flags.kafkaBootstrap() != null ? flags.kafkaBootstrap() : props.getProperty(BOOTSTRAP);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException(BACKEND + "=kafka needs the Kafka cluster's address: "
                    + BOOTSTRAP + "=host:9092[,host:9092...] (or --kafka-bootstrap)");
        }
        String topicPrefix = props.getProperty(TOPIC_PREFIX, DEFAULT_TOPIC_PREFIX).trim();
        if (!TOPIC_CHARS.matcher(topicPrefix).matches()) {
            throw new IllegalArgumentException(TOPIC_PREFIX + " may hold only the characters of a Kafka topic "
                    + "name (letters, digits, '.', '_', '-'), not '" + topicPrefix + "'");
        }
        String nodeId = flags.nodeId() != null ? flags.nodeId() : props.getProperty(NODE_ID);
        if (nodeId != null && nodeId.isBlank()) {
            throw new IllegalArgumentException(NODE_ID + " must not be blank");
        }
        return new KafkaSettings(bootstrap.trim(), clientProperties(props), topicPrefix,
                replicationFactor(props), nodeId == null ? ServerConfig.defaultNodeId(port) : nodeId.trim(),
                usageInterval(props));
    }

    private static Duration usageInterval(Properties props) {
        String value = props.getProperty(USAGE_INTERVAL);
        if (value == null) {
            return KafkaSettings.DEFAULT_USAGE_INTERVAL;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis >= 1 && millis <= MAX_USAGE_INTERVAL_MILLIS) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // answered below, with the allowed values
        }
        throw new IllegalArgumentException(USAGE_INTERVAL + " must be a whole number of milliseconds from 1 to "
                + MAX_USAGE_INTERVAL_MILLIS + ", not '" + value.trim() + "'");
    }

    private static short replicationFactor(Properties props) {
        String value = props.getProperty(REPLICATION_FACTOR, "-1").trim();
        try {
            int factor = Integer.parseInt(value);
            if (factor == -1 || (factor >= 1 && factor <= Short.MAX_VALUE)) {
                return (short) factor;
            }
        } catch (NumberFormatException e) {
            // answered below, with the allowed values
        }
        throw new IllegalArgumentException(REPLICATION_FACTOR + " must be -1 (the broker's default) or at least 1, "
                + "not '" + value + "'");
    }

    private static Map<String, String> clientProperties(Properties props) {
        Map<String, String> client = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (!key.startsWith(PREFIX) || OWN_KEYS.contains(key)) {
                continue;
            }
            String setting = key.substring(PREFIX.length());
            if (RESERVED.contains(setting)) {
                throw new IllegalArgumentException("setting " + key + " is set by Sluice itself for its guarantees "
                        + "(idempotent acks=all writes, transactional metadata, its own consumer groups)"
                        + (setting.equals("bootstrap.servers") ? "; use " + BOOTSTRAP : "; remove it"));
            }
            client.put(setting, props.getProperty(key).trim());
        }
        return client;
    }
}
