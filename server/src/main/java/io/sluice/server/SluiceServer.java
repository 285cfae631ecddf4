package io.sluice.server;

import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.protocol.sigv4.SigV4Verifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.ConsumerArn;
import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.server.auth.AuditLog;
import io.sluice.server.auth.Authorizer;
import io.sluice.server.pipeline.ApiPipeline;
import io.sluice.server.pipeline.Pipeline;
import io.sluice.storage.kafka.KafkaBackend;
import io.sluice.storage.kafka.KafkaSettings;
import io.sluice.server.auth.CredentialsFile;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.task.TaskRunner;
import io.sluice.storage.MetadataStore;
import io.sluice.storage.LogStore;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.engine.store.LocalShardLogStore;
import io.sluice.server.metrics.StorageMetrics;
import io.sluice.server.console.ConsoleNode;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.http.ApiService;
import io.sluice.server.http.ServiceRouter;
import io.sluice.server.http.HttpServer;
import io.sluice.server.http.TlsSettings;
import io.sluice.server.kinesis.KinesisService;
import io.sluice.server.lambda.FailureRecordSender;
import io.sluice.server.lambda.LambdaFunctions;
import io.sluice.server.lambda.MappingsNode;
import io.sluice.server.metrics.KinesisMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Sluice node: the stream engine on its data directory, Firehose on top of it, the HTTP server in front of
 * both, and the task runner that does their background work (delivery, scaling, retention). In cluster mode
 * ({@code storage.backend=kafka}) the engine's stores are Kafka's, the tasks run where Kafka's group membership
 * places them, and Firehose and analytics keep their state in Kafka too ({@link ClusterAddOns}). Lambda event
 * source mappings ({@link MappingsNode}) run in both modes: their state is in the engine's stores. {@link #start}
 * and {@link #stop} from one thread; stop is idempotent (the first call stops, later ones return at once).
 */
public final class SluiceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);
    /** How long an idle background task waits before it looks for work again. */
    private static final long TASK_IDLE_MILLIS = 100;
    private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    private static final long AUDIT_FILE_BYTES = 64L * 1024 * 1024;
    private static final int AUDIT_FILES = 10;
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerConfig config;
    private final KinesisEngine engine;
    private final HttpServer http;
    private final TaskRunner tasks;
    private final int port;
    private final int tlsPort;
    private final AuditLog audit;
    private final AddOnServices addOns;
    private final MappingsNode mappings;
    /** The web console; null when {@code console.enabled=false}. */
    private final ConsoleNode console;
    /** The Kafka backend in cluster mode; null on the local backend. */
    private final KafkaBackend cluster;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private SluiceServer(ServerConfig config, KinesisEngine engine, HttpServer http,
                         TaskRunner tasks, int port, int tlsPort, AuditLog audit, AddOnServices addOns,
                         MappingsNode mappings, ConsoleNode console, KafkaBackend cluster) {
        this.console = console;
        this.audit = audit;
        this.addOns = addOns;
        this.mappings = mappings;
        this.cluster = cluster;
        this.config = config;
        this.engine = engine;
        this.http = http;
        this.tasks = tasks;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /**
     * Loads the credentials file, or, without one, makes sure the server listens on loopback only: a server on a
     * network never runs open by default.
     */
    private static CredentialsFile credentials(ServerConfig config) throws IOException {
        if (config.credentialsFile() != null) {
            CredentialsFile credentials = CredentialsFile.load(config.credentialsFile());
            LOG.info("requests must be signed by a user of {}", config.credentialsFile());
            return credentials;
        }
        if (!InetAddress.getByName(config.host()).isLoopbackAddress()) {
            throw new IllegalStateException("Sluice would listen on " + config.host() + " without authentication. "
                    + "Give it a credentials file (auth.credentials-file, or --credentials FILE) or listen on "
                    + "127.0.0.1.");
        }
        LOG.warn("no credentials file: accepting any signature (fine for local development on loopback only)");
        return null;
    }

    /**
     * The stages every API is served through. Resource policies live on Kinesis streams and consumers; other
     * resources have none yet.
     */
    private static Pipeline pipeline(ServerConfig config, CredentialsFile credentials, KinesisEngine engine,
                                     AuditLog audit, ControlPlaneLimiter limiter, MeterRegistry registry,
                                     Clock clock) {
        if (credentials == null) {
            if (config.allowUnsigned()) {
                LOG.warn("auth.allow-unsigned: serving requests that carry no signature at all");
            }
            return Pipeline.open(config.allowUnsigned(), audit, limiter, registry);
        }
        Authorizer authorizer = new Authorizer(arn -> {
            if (StreamArn.parseOrNull(arn) == null && ConsumerArn.parseOrNull(arn) == null) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(engine.accounts().policy(arn));
            } catch (ServiceException noSuchResource) {
                return Optional.empty();
            }
        });
        return Pipeline.secured(credentials, new SigV4Verifier(credentials, clock), authorizer, audit, limiter,
                registry);
    }

    /** The engine's stores in the data directory, reporting recovery cuts, failures and back-pressure. */
    private static EngineStores localStores(ServerConfig config, Clock clock, StorageMetrics storage)
            throws IOException {
        LocalMetaStore metadata = new LocalMetaStore(new MetadataStore(config.dataDir().resolve("meta"),
                MetadataStore.DEFAULT_COMPACTION_BYTES, config.truncateCorruptMetadata(), storage));
        try {
            LogStore logs = new LogStore(config.dataDir().resolve("logs"), config.log(), clock, storage);
            storage.bindQueue(logs);
            return new EngineStores(metadata, new LocalShardLogStore(logs));
        } catch (IOException | RuntimeException e) {
            metadata.close();
            throw e;
        }
    }

    public static SluiceServer start(ServerConfig config, Clock clock) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        CredentialsFile credentials = credentials(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KinesisMetrics metrics = new KinesisMetrics(registry);
        StorageMetrics storage = new StorageMetrics(registry);
        // one key store for streams and delivery streams: opening it reads and derives the master key
        LocalKms kms = LocalKms.open(config.dataDir(), config.engine().masterKeyFile(), config.engine().kmsKeys());
        KafkaBackend cluster = config.clusterMode() ? connect(config.kafka()) : null;
        KinesisEngine engine;
        EngineStores stores;
        try {
            stores = cluster == null ? localStores(config, clock, storage) : cluster.stores();
            engine = cluster == null ? new KinesisEngine(stores, kms, config.engine(), clock, metrics)
                    : new KinesisEngine(stores, kms, config.engine(), clock, metrics, cluster.usage());
        } catch (IOException | RuntimeException e) {
            // the engine closed the stores and the usage exchange it was given; the placement is the backend's
            if (cluster != null) {
                cluster.closePlacement();
            }
            throw e;
        }
        ControlPlaneLimiter limiter = new ControlPlaneLimiter(clock, config.engine().limits());
        AuditLog audit = config.auditDir() == null ? null
                : new AuditLog(config.auditDir(), AUDIT_FILE_BYTES, AUDIT_FILES, config.auditDataEvents(), clock);
        TaskRunner tasks = cluster == null
                ? new TaskRunner(clock, Duration.ofMillis(TASK_IDLE_MILLIS), Duration.ofMinutes(1))
                : new TaskRunner(clock, Duration.ofMillis(TASK_IDLE_MILLIS), Duration.ofMinutes(1),
                        cluster.placement());
        LambdaFunctions functions = LambdaFunctions.open(config.lambda(), clock);
        AddOnServices addOns;
        try {
            addOns = cluster == null
                    ? LocalAddOns.open(config, clock, engine, kms, tasks, registry, storage, functions.named())
                    : ClusterAddOns.open(config, clock, engine, kms, tasks, registry, stores, functions.named());
        } catch (IOException | RuntimeException e) {
            functions.close();
            throw e;
        }
        MappingsNode mappings = MappingsNode.open(engine, stores.metadata(), tasks, functions,
                new FailureRecordSender(engine, addOns.firehose(), addOns.objects(), clock), registry, clock);
        Pipeline pipeline = pipeline(config, credentials, engine, audit, limiter, registry, clock);
        List<ApiPipeline> apis = new ArrayList<>();
        apis.add(pipeline.wrap(new KinesisService(engine, metrics)));
        addOns.apis().forEach(api -> apis.add(pipeline.wrap(api)));
        apis.add(pipeline.wrap(mappings.service()));
        ConsoleNode console = config.consoleEnabled() ? ConsoleNode.start(engine, registry, clock,
                cluster == null ? "local" : "kafka", config.dataDir(),
                cluster == null ? config.dataDir().resolve("logs") : null, config.log().fsync(),
                config.engine().limits(), credentials != null, addOns.firehose(), addOns.objects(),
                addOns.analytics()) : null;
        if (console != null) {
            apis.add(pipeline.wrap(console.api()));
        }
        ApiService router = new ServiceRouter(apis);
        HttpServer http = new HttpServer(config.maxBodyBytes(), config.maxConnections(), config.corsPolicy(),
                console == null ? router : console.pages(router),
                Map.of("/health", cluster == null ? () -> ApiResponse.ok("application/json", HEALTHY)
                                : new ClusterHealth(cluster.settings().nodeId(), cluster::connected),
                        "/metrics", () -> ApiResponse.ok(PROMETHEUS_TEXT,
                                registry.scrape().getBytes(StandardCharsets.UTF_8))));
        int port;
        int tlsPort = -1;
        try {
            port = http.listen(config.host(), config.port(), null);
            if (config.tlsPort() >= 0) {
                tlsPort = http.listen(config.host(), config.tlsPort(),
                        TlsSettings.serverContext(config.tlsCertFile(), config.tlsKeyFile(), config.dataDir()));
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            http.stop(0);
            if (console != null) {
                console.close();
            }
            addOns.close();
            tasks.close();
            mappings.close();
            if (cluster != null) {
                cluster.closePlacement();
            }
            engine.close();
            throw e;
        }
        engine.maintenance().tasks().forEach(tasks::start);
        addOns.resume();
        mappings.resume();
        if (cluster == null) {
            LOG.info("Sluice listening on {}:{}{} (data in {}, fsync {}) after {} ms", config.host(), port,
                    tlsPort >= 0 ? " and TLS " + tlsPort : "", config.dataDir().toAbsolutePath(),
                    config.log().fsync() ? "on" : "off", (System.nanoTime() - begin) / 1_000_000);
        } else {
            LOG.info("Sluice node {} listening on {}:{}{} (storage.backend=kafka, bootstrap servers {}, topic prefix "
                            + "'{}') after {} ms",
                    cluster.settings().nodeId(), config.host(), port, tlsPort >= 0 ? " and TLS " + tlsPort : "",
                    cluster.settings().bootstrapServers(), cluster.settings().topicPrefix(),
                    (System.nanoTime() - begin) / 1_000_000);
        }
        return new SluiceServer(config, engine, http, tasks, port, tlsPort, audit, addOns, mappings, console,
                cluster);
    }

    /** Opens the Kafka backend, logging where it connects first so that a cluster that does not answer is named. */
    private static KafkaBackend connect(KafkaSettings settings) throws IOException {
        LOG.info("storage.backend=kafka: node {} connecting to bootstrap servers {}", settings.nodeId(),
                settings.bootstrapServers());
        return KafkaBackend.open(settings);
    }

    public int port() {
        return port;
    }

    /** The TLS port, or -1 if there is none. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Graceful stop: no new connections, requests in flight finish, every acknowledged write is flushed. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping");
        try {
            http.stop(config.shutdownGraceMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (console != null) {
            console.close();
        }
        // applications read streams and delivery streams, and Firehose reads the Kinesis engine: they close first
        addOns.close();
        tasks.close();
        // after the pollers' tasks stopped: nothing invokes a function any more
        mappings.close();
        if (cluster != null) {
            // after the tasks checkpointed: another node takes them over from there
            cluster.closePlacement();
        }
        engine.close();
        if (audit != null) {
            try {
                audit.close();
            } catch (IOException e) {
                LOG.warn("audit log did not close cleanly", e);
            }
        }
        LOG.info("stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
