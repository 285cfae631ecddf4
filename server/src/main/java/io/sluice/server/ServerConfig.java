package io.sluice.server;

import io.sluice.engine.EngineConfig;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.server.http.CorsPolicy;
import io.sluice.server.http.HttpServer;
import io.sluice.storage.LogConfig;
import io.sluice.storage.kafka.KafkaSettings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Everything a node needs to start, validated when built.
 *
 * @param tlsPort       the TLS port (-1: none)
 * @param tlsCertFile   the operator's certificate (PEM), or null for a self-signed one kept in the data directory
 * @param tlsKeyFile    the key of that certificate (PEM, PKCS#8)
 * @param credentialsFile the users, keys and policies (JSON); null: no authentication, allowed on loopback only
 * @param auditDir      where the audit log goes; null: none
 * @param auditDataEvents whether the audit log also records data-plane calls
 * @param maxBodyBytes  request bodies larger than this get 413 before anything is decoded
 * @param maxConnections connections open at once; more are closed as they are accepted
 * @param firehose      Firehose settings
 * @param firehoseS3    the S3-compatible store Firehose delivers to; null: the local directory
 * @param firehoseLocalDir the local directory destination's root
 * @param shutdownGraceMillis how long a graceful stop waits for requests in flight
 * @param allowUnsigned whether a server without a credentials file also serves requests that carry no signature
 *                      at all (otherwise MissingAuthenticationTokenException, as AWS answers them)
 * @param cors          which browser origins may call; null: every origin on a server without a credentials file,
 *                      none with one
 * @param truncateCorruptMetadata the way out of a metadata journal corrupt before its tail: start once dropping
 *                      every change from the corrupt record on (otherwise start-up stops and names the file)
 * @param analyticsBoundIntervalMillis how often an analytics application whose inputs are caught up issues a
 *                      rowtime bound, which closes its windows when no rows arrive
 *                      ({@code analytics.rowtime-bound-interval-ms})
 * @param kafka         the Kafka cluster that holds the streams ({@code storage.backend=kafka}), or null for the
 *                      embedded default, the data directory's own log ({@code storage.backend=local}); in cluster
 *                      mode every node must derive the same master key, so {@code kms.master-key-file} is required
 * @param lambda        where functions named by ARN are invoked ({@code lambda.*}); null: {@link LambdaSettings#DEFAULTS}
 * @param consoleEnabled whether the web console is served at {@code /console} ({@code console.enabled}, default
 *                      true)
 */
public record ServerConfig(String host, int port, int tlsPort, Path tlsCertFile, Path tlsKeyFile, Path dataDir,
                           Path credentialsFile, Path auditDir, boolean auditDataEvents, int maxBodyBytes,
                           int maxConnections, long shutdownGraceMillis, EngineConfig engine, LogConfig log,
                           FirehoseConfig firehose, S3ObjectStore.Settings firehoseS3, Path firehoseLocalDir,
                           boolean allowUnsigned, CorsPolicy cors, boolean truncateCorruptMetadata,
                           long analyticsBoundIntervalMillis, KafkaSettings kafka, LambdaSettings lambda,
                           boolean consoleEnabled) {

    public static final int DEFAULT_PORT = 4567;
    public static final int DEFAULT_TLS_PORT = 4568;
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
    public static final long DEFAULT_ANALYTICS_BOUND_INTERVAL_MILLIS = 1_000;

    public ServerConfig {
        lambda = lambda == null ? LambdaSettings.DEFAULTS : lambda;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (tlsPort < -1 || tlsPort > 65535) {
            throw new IllegalArgumentException("TLS port must be 0..65535, or -1 for none, not " + tlsPort);
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException("give both the TLS certificate and its key, or neither");
        }
        if (analyticsBoundIntervalMillis < 1) {
            throw new IllegalArgumentException("analytics.rowtime-bound-interval-ms must be at least 1");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be at least 1");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("max body size must be at least 1024 bytes");
        }
        if (host == null || host.isBlank() || dataDir == null) {
            throw new IllegalArgumentException("host and data directory are required");
        }
        if (allowUnsigned && credentialsFile != null) {
            throw new IllegalArgumentException("auth.allow-unsigned is for a server without a credentials file; "
                    + "with one, every request must be signed by one of its users");
        }
        if (kafka != null && engine.masterKeyFile() == null) {
            throw new IllegalArgumentException("storage.backend=kafka needs kms.master-key-file: every node of a "
                    + "cluster must derive the same master key (give each node a copy of one 32-byte key file), "
                    + "or encrypted streams written through one node cannot be read through another");
        }
    }

    /** These settings with the web console served. */
    public ServerConfig(String host, int port, int tlsPort, Path tlsCertFile, Path tlsKeyFile, Path dataDir,
                        Path credentialsFile, Path auditDir, boolean auditDataEvents, int maxBodyBytes,
                        int maxConnections, long shutdownGraceMillis, EngineConfig engine, LogConfig log,
                        FirehoseConfig firehose, S3ObjectStore.Settings firehoseS3, Path firehoseLocalDir,
                        boolean allowUnsigned, CorsPolicy cors, boolean truncateCorruptMetadata,
                        long analyticsBoundIntervalMillis, KafkaSettings kafka, LambdaSettings lambda) {
        this(host, port, tlsPort, tlsCertFile, tlsKeyFile, dataDir, credentialsFile, auditDir, auditDataEvents,
                maxBodyBytes, maxConnections, shutdownGraceMillis, engine, log, firehose, firehoseS3,
                firehoseLocalDir, allowUnsigned, cors, truncateCorruptMetadata, analyticsBoundIntervalMillis, kafka,
                lambda, true);
    }

    /** Settings that serve only signed requests and leave CORS to its default. */
    public ServerConfig(String host, int port, int tlsPort, Path tlsCertFile, Path tlsKeyFile, Path dataDir,
                        Path credentialsFile, Path auditDir, boolean auditDataEvents, int maxBodyBytes,
                        int maxConnections, long shutdownGraceMillis, EngineConfig engine, LogConfig log,
                        FirehoseConfig firehose, S3ObjectStore.Settings firehoseS3, Path firehoseLocalDir) {
        this(host, port, tlsPort, tlsCertFile, tlsKeyFile, dataDir, credentialsFile, auditDir, auditDataEvents,
                maxBodyBytes, maxConnections, shutdownGraceMillis, engine, log, firehose, firehoseS3,
                firehoseLocalDir, false, null, false, DEFAULT_ANALYTICS_BOUND_INTERVAL_MILLIS, null, null);
    }

    /** The CORS policy in force: the configured one, or the default for the server's authentication. */
    public CorsPolicy corsPolicy() {
        return cors != null ? cors : credentialsFile == null ? CorsPolicy.ANY : CorsPolicy.NONE;
    }

    /** Whether the streams live in Kafka ({@code storage.backend=kafka}) rather than in the data directory. */
    public boolean clusterMode() {
        return kafka != null;
    }

    /**
     * A node's name when {@code node.id} is not set: the machine's host name and the port, unique as long as no
     * two nodes of a cluster share both.
     */
    public static String defaultNodeId(int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + port;
    }

    /** The same settings on the Kafka backend (null: the local one). */
    public ServerConfig withKafka(KafkaSettings newKafka) {
        return new ServerConfig(host, port, tlsPort, tlsCertFile, tlsKeyFile, dataDir, credentialsFile, auditDir,
                auditDataEvents, maxBodyBytes, maxConnections, shutdownGraceMillis, engine, log, firehose,
                firehoseS3, firehoseLocalDir, allowUnsigned, cors, truncateCorruptMetadata,
                analyticsBoundIntervalMillis, newKafka, lambda, consoleEnabled);
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_TLS_PORT, null, null, dataDir, null, null, false,
                DEFAULT_MAX_BODY_BYTES, HttpServer.DEFAULT_MAX_CONNECTIONS, 30_000, EngineConfig.defaults(),
                LogConfig.defaults(), FirehoseConfig.defaults(dataDir.resolve("firehose")), null,
                dataDir.resolve("firehose/objects"));
    }

    /** The same settings on other ports (0: any free port; TLS -1: none). */
    public ServerConfig withPorts(int newPort, int newTlsPort) {
        return new ServerConfig(host, newPort, newTlsPort, tlsCertFile, tlsKeyFile, dataDir, credentialsFile,
                auditDir, auditDataEvents, maxBodyBytes, maxConnections, shutdownGraceMillis, engine, log, firehose,
                firehoseS3, firehoseLocalDir, allowUnsigned, cors, truncateCorruptMetadata,
                analyticsBoundIntervalMillis, kafka, lambda, consoleEnabled);
    }

    public ServerConfig withEngine(EngineConfig newEngine) {
        return new ServerConfig(host, port, tlsPort, tlsCertFile, tlsKeyFile, dataDir, credentialsFile, auditDir,
                auditDataEvents, maxBodyBytes, maxConnections, shutdownGraceMillis, newEngine, log, firehose,
                firehoseS3, firehoseLocalDir, allowUnsigned, cors, truncateCorruptMetadata,
                analyticsBoundIntervalMillis, kafka, lambda, consoleEnabled);
    }

    /** The same settings with authentication against a credentials file and, optionally, an audit log. */
    public ServerConfig withSecurity(Path newCredentialsFile, Path newAuditDir, boolean newAuditDataEvents) {
        return new ServerConfig(host, port, tlsPort, tlsCertFile, tlsKeyFile, dataDir, newCredentialsFile,
                newAuditDir, newAuditDataEvents, maxBodyBytes, maxConnections, shutdownGraceMillis, engine, log, firehose,
                firehoseS3, firehoseLocalDir, allowUnsigned, cors, truncateCorruptMetadata,
                analyticsBoundIntervalMillis, kafka, lambda, consoleEnabled);
    }

    /** The same settings with requests that carry no signature served (true) or refused (false). */
    public ServerConfig withAllowUnsigned(boolean newAllowUnsigned) {
        return new ServerConfig(host, port, tlsPort, tlsCertFile, tlsKeyFile, dataDir, credentialsFile, auditDir,
                auditDataEvents, maxBodyBytes, maxConnections, shutdownGraceMillis, engine, log, firehose,
                firehoseS3, firehoseLocalDir, newAllowUnsigned, cors, truncateCorruptMetadata,
                analyticsBoundIntervalMillis, kafka, lambda, consoleEnabled);
    }

    /** The same settings with these allowed browser origins (null: the default). */
    public ServerConfig withCors(CorsPolicy newCors) {
        return new ServerConfig(host, port, tlsPort, tlsCertFile, tlsKeyFile, dataDir, credentialsFile, auditDir,
                auditDataEvents, maxBodyBytes, maxConnections, shutdownGraceMillis, engine, log, firehose,
                firehoseS3, firehoseLocalDir, allowUnsigned, newCors, truncateCorruptMetadata,
                analyticsBoundIntervalMillis, kafka, lambda, consoleEnabled);
    }

    /** The same settings invoking functions named by ARN through these Lambda settings. */
    public ServerConfig withLambda(LambdaSettings newLambda) {
        return new ServerConfig(host, port, tlsPort, tlsCertFile, tlsKeyFile, dataDir, credentialsFile, auditDir,
                auditDataEvents, maxBodyBytes, maxConnections, shutdownGraceMillis, engine, log, firehose,
                firehoseS3, firehoseLocalDir, allowUnsigned, cors, truncateCorruptMetadata,
                analyticsBoundIntervalMillis, kafka, newLambda, consoleEnabled);
    }

    /** The same settings with the web console served (true) or not (false). */
    public ServerConfig withConsole(boolean newConsoleEnabled) {
        return new ServerConfig(host, port, tlsPort, tlsCertFile, tlsKeyFile, dataDir, credentialsFile, auditDir,
                auditDataEvents, maxBodyBytes, maxConnections, shutdownGraceMillis, engine, log, firehose,
                firehoseS3, firehoseLocalDir, allowUnsigned, cors, truncateCorruptMetadata,
                analyticsBoundIntervalMillis, kafka, lambda, newConsoleEnabled);
    }

    /** The same settings with Firehose delivering to this S3-compatible store (null: the local directory). */
    public ServerConfig withFirehoseS3(S3ObjectStore.Settings newFirehoseS3) {
        return new ServerConfig(host, port, tlsPort, tlsCertFile, tlsKeyFile, dataDir, credentialsFile, auditDir,
                auditDataEvents, maxBodyBytes, maxConnections, shutdownGraceMillis, engine, log, firehose,
                newFirehoseS3, firehoseLocalDir, allowUnsigned, cors, truncateCorruptMetadata,
                analyticsBoundIntervalMillis, kafka, lambda, consoleEnabled);
    }

    /** The same settings with these delivery engine settings. */
    public ServerConfig withFirehose(FirehoseConfig newFirehose) {
        return new ServerConfig(host, port, tlsPort, tlsCertFile, tlsKeyFile, dataDir, credentialsFile, auditDir,
                auditDataEvents, maxBodyBytes, maxConnections, shutdownGraceMillis, engine, log, newFirehose,
                firehoseS3, firehoseLocalDir, allowUnsigned, cors, truncateCorruptMetadata,
                analyticsBoundIntervalMillis, kafka, lambda, consoleEnabled);
    }
}
