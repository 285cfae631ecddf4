package io.sluice.cli;

import io.sluice.engine.EngineConfig;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.server.LambdaSettings;
import io.sluice.server.ServerConfig;
import io.sluice.server.http.CorsPolicy;
import io.sluice.storage.LogConfig;
import io.sluice.storage.kafka.KafkaSettings;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@link ServerConfig} from the embedded defaults, an optional properties file, and command-line flags
 * (which win). Unknown keys and bad values are refused with a message naming them. Stateless.
 *
 * <p>Keys: {@code host}, {@code port}, {@code tls-port} (-1: none), {@code tls.cert-file}, {@code tls.key-file},
 * {@code data-dir}, {@code max-body-bytes}, {@code max-connections}, {@code storage.fsync},
 * {@code storage.segment-bytes}, {@code storage.segment-ms}, {@code storage.index-interval-bytes},
 * {@code storage.max-queued-bytes}, {@code storage.queue-wait-ms}, {@code storage.force-threads},
 * {@code storage.metadata.truncate-corrupt},
 * {@code streams.create-delay-ms}, {@code streams.update-delay-ms}, {@code streams.delete-delay-ms},
 * {@code streams.shard-limit}, {@code streams.retention-check-ms}, {@code limits.profile} ({@code aws} or
 * {@code off}) and {@code limits.<name>} overrides (see {@link LimitSettings#parse}), {@code kms.master-key-file},
 * {@code kms.keys} (comma-separated key ids and aliases), {@code auth.credentials-file},
 * {@code auth.allow-unsigned} (serve requests without any signature; only without a credentials file),
 * {@code cors.allowed-origins} ({@code *}, a comma-separated list of origins, or empty for none), {@code audit.dir},
 * {@code audit.data-events}, {@code analytics.rowtime-bound-interval-ms}, the {@code firehose.*} keys of the
 * README (with {@code firehose.msk.*}, see {@link MskSettings}; {@code firehose.iceberg.catalog.*}, see
 * {@link IcebergSettings}), and cluster mode's {@code storage.backend} ({@code local} or {@code kafka}), {@code node.id} and
 * {@code kafka.*} keys (see {@link KafkaConfigReader}), and {@code lambda.endpoint}, {@code lambda.access-key-id},
 * {@code lambda.secret-access-key}, {@code lambda.region}, {@code lambda.timeout-ms} (where functions named by ARN are invoked),
 * {@code console.enabled} (serve the web console at {@code /console}; default true).
 */
final class ConfigLoader {

    static final Set<String> KEYS = Set.of("host", "port", "tls-port", "tls.cert-file", "tls.key-file", "data-dir", "max-body-bytes", "max-connections", "storage.fsync",
            "storage.segment-bytes", "storage.segment-ms", "storage.index-interval-bytes", "storage.max-queued-bytes",
            "storage.queue-wait-ms", "storage.force-threads", "storage.metadata.truncate-corrupt", "streams.create-delay-ms",
            "streams.update-delay-ms", "streams.delete-delay-ms", "streams.shard-limit", "streams.retention-check-ms",
            "kms.master-key-file", "kms.keys", "auth.credentials-file", "auth.allow-unsigned", "cors.allowed-origins",
            "analytics.rowtime-bound-interval-ms", "storage.backend", "node.id",
            "audit.dir", "audit.data-events",
            "firehose.s3.endpoint", "firehose.s3.region", "firehose.s3.access-key-id", "firehose.s3.secret-access-key",
            "firehose.s3.path-style", "firehose.local-dir", "firehose.create-delay-ms", "firehose.delete-delay-ms",
            "lambda.endpoint", "lambda.access-key-id", "lambda.secret-access-key", "lambda.region",
            "lambda.timeout-ms", "console.enabled");
    private static final String LIMITS_PREFIX = "limits.";
    private static final String LIMITS_PROFILE = "limits.profile";

    ServerConfig load(Path file, String host, Integer port, Path dataDir, Boolean fsync) throws IOException {
        return load(file, host, port, null, dataDir, fsync);
    }

    ServerConfig load(Path file, String host, Integer port, Integer tlsPort, Path dataDir, Boolean fsync)
            throws IOException {
        return load(file, host, port, tlsPort, dataDir, fsync, null);
    }

    ServerConfig load(Path file, String host, Integer port, Integer tlsPort, Path dataDir, Boolean fsync,
                      Path credentials) throws IOException {
        return load(file, host, port, tlsPort, dataDir, fsync, credentials, null);
    }

    /** @param allowUnsigned the {@code --allow-unsigned} flag; null: the file's setting (default false) */
    ServerConfig load(Path file, String host, Integer port, Integer tlsPort, Path dataDir, Boolean fsync,
                      Path credentials, Boolean allowUnsigned) throws IOException {
        return load(file, host, port, tlsPort, dataDir, fsync, credentials, allowUnsigned, ClusterFlags.NONE);
    }

    /** @param cluster the {@code --backend}, {@code --kafka-bootstrap} and {@code --node-id} flags */
    ServerConfig load(Path file, String host, Integer port, Integer tlsPort, Path dataDir, Boolean fsync,
                      Path credentials, Boolean allowUnsigned, ClusterFlags cluster) throws IOException {
        Properties props = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            }
            Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
            unknown.removeAll(KEYS);
            unknown.removeIf(key -> key.startsWith(LIMITS_PREFIX) || key.startsWith(KafkaConfigReader.PREFIX)
                    || MskSettings.isKey(key) || IcebergSettings.isKey(key));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown setting(s) in " + file + ": " + unknown
                        + "; known settings: " + new TreeSet<>(KEYS));
            }
        }
        ServerConfig defaults = ServerConfig.defaults(Path.of("data"));
        Map<String, String> limitOverrides = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(LIMITS_PREFIX) && !key.equals(LIMITS_PROFILE)) {
                limitOverrides.put(key.substring(LIMITS_PREFIX.length()), props.getProperty(key).trim());
            }
        }
        LimitSettings limits = LimitSettings.parse(props.getProperty(LIMITS_PROFILE, "aws").trim(), limitOverrides);
        String masterKey = props.getProperty("kms.master-key-file");
        List<String> kmsKeys = Arrays.stream(props.getProperty("kms.keys", "").split(","))
                .map(String::trim).filter(k -> !k.isEmpty()).toList();
        EngineConfig engine = defaults.engine();
        LogConfig log = defaults.log();
        LogConfig logConfig = new LogConfig(
                longValue(props, "storage.segment-bytes", log.segmentBytes()),
                longValue(props, "storage.segment-ms", log.segmentMillis()),
                (int) longValue(props, "storage.index-interval-bytes", log.indexIntervalBytes()),
                fsync != null ? fsync : boolValue(props, "storage.fsync", log.fsync()),
                longValue(props, "storage.max-queued-bytes", log.maxQueuedBytes()),
                longValue(props, "storage.queue-wait-ms", log.maxQueueWaitMillis()),
                (int) longValue(props, "storage.force-threads", log.forceThreads()));
        EngineConfig engineConfig = new EngineConfig(
                longValue(props, "streams.create-delay-ms", engine.createDelayMillis()),
                longValue(props, "streams.update-delay-ms", engine.updateDelayMillis()),
                longValue(props, "streams.delete-delay-ms", engine.deleteDelayMillis()),
                engine.iteratorTtlMillis(), engine.nextTokenTtlMillis(),
                (int) longValue(props, "streams.shard-limit", engine.shardLimit()),
                longValue(props, "streams.retention-check-ms", engine.retentionCheckMillis()),
                limits, masterKey == null ? null : Path.of(masterKey.trim()), kmsKeys);
        Path dataDirectory = dataDir != null ? dataDir : Path.of(props.getProperty("data-dir", "data"));
        String cert = props.getProperty("tls.cert-file");
        String credentialsFile = credentials != null ? credentials.toString()
                : props.getProperty("auth.credentials-file");
        String auditDir = props.getProperty("audit.dir");
        String cors = props.getProperty("cors.allowed-origins");
        String key = props.getProperty("tls.key-file");
        int listenPort = port != null ? port : (int) longValue(props, "port", defaults.port());
        return new ServerConfig(
                host != null ? host : props.getProperty("host", defaults.host()),
                listenPort,
                tlsPort != null ? tlsPort : (int) longValue(props, "tls-port", defaults.tlsPort()),
                cert == null ? null : Path.of(cert.trim()), key == null ? null : Path.of(key.trim()),
                dataDirectory,
                credentialsFile == null ? null : Path.of(credentialsFile.trim()),
                auditDir == null ? null : Path.of(auditDir.trim()), boolValue(props, "audit.data-events", false),
                (int) longValue(props, "max-body-bytes", defaults.maxBodyBytes()),
                (int) longValue(props, "max-connections", defaults.maxConnections()),
                defaults.shutdownGraceMillis(), engineConfig, logConfig, firehose(props, dataDirectory),
                firehoseS3(props), Path.of(props.getProperty("firehose.local-dir",
                        dataDirectory.resolve("firehose/objects").toString()).trim()),
                allowUnsigned != null ? allowUnsigned : boolValue(props, "auth.allow-unsigned", false),
                cors == null ? null : CorsPolicy.parse(cors),
                boolValue(props, "storage.metadata.truncate-corrupt", false),
                longValue(props, "analytics.rowtime-bound-interval-ms",
                        ServerConfig.DEFAULT_ANALYTICS_BOUND_INTERVAL_MILLIS),
                KafkaConfigReader.read(props, cluster, listenPort), lambda(props),
                boolValue(props, "console.enabled", true));
    }

    private static FirehoseConfig firehose(Properties props, Path dataDirectory) {
        FirehoseConfig defaults = FirehoseConfig.defaults(dataDirectory.resolve("firehose"));
        return defaults.withStatusDelays(longValue(props, "firehose.create-delay-ms", 500),
                longValue(props, "firehose.delete-delay-ms", 500)).withMskClusters(MskSettings.read(props))
                .withIcebergCatalogs(IcebergSettings.read(props, firehoseS3(props)));
    }

    /** Where functions named by ARN are invoked; the defaults (no endpoint) when no {@code lambda.*} key is set. */
    private static LambdaSettings lambda(Properties props) {
        String endpoint = props.getProperty("lambda.endpoint");
        String key = props.getProperty("lambda.access-key-id");
        String secret = props.getProperty("lambda.secret-access-key");
        return new LambdaSettings(endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim()),
                key == null || key.isBlank() ? null : key.trim(), secret == null || secret.isBlank() ? null
                : secret.trim(), props.getProperty("lambda.region", LambdaSettings.DEFAULTS.region()).trim(),
                Duration.ofMillis(longValue(props, "lambda.timeout-ms",
                LambdaSettings.DEFAULTS.timeout().toMillis())));
    }

    /** The S3-compatible store of Firehose's S3 destinations; null when none is configured (the local directory). */
    private static S3ObjectStore.Settings firehoseS3(Properties props) {
        String endpoint = props.getProperty("firehose.s3.endpoint");
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        String key = props.getProperty("firehose.s3.access-key-id");
        String secret = props.getProperty("firehose.s3.secret-access-key");
        return new S3ObjectStore.Settings(URI.create(endpoint.trim()),
                props.getProperty("firehose.s3.region", "us-east-1").trim(), key == null ? null : key.trim(),
                secret == null ? null : secret.trim(), boolValue(props, "firehose.s3.path-style", true));
    }

    private static long longValue(Properties props, String key, long fallback) {
        String value = props.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, not '" + value + "'");
        }
    }

    private static boolean boolValue(Properties props, String key, boolean fallback) {
        String value = props.getProperty(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("setting " + key + " must be true or false, not '"
                    + value + "'");
        };
    }
}
