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
import io.sluice.server.pipeline.Pipeline;
import io.sluice.server.auth.CredentialsFile;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.server.analytics.AnalyticsNode;
import io.sluice.server.firehose.FirehoseMetrics;
import io.sluice.server.firehose.FirehoseService;
import io.sluice.server.firehose.KmsBufferSealer;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.task.TaskRunner;
import io.sluice.storage.MetadataStore;
import io.sluice.storage.LogStore;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.engine.store.LocalShardLogStore;
import io.sluice.server.metrics.StorageMetrics;
import io.sluice.storage.LogConfig;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.http.ServiceRouter;
import io.sluice.server.http.HttpServer;
import io.sluice.server.http.TlsSettings;
import io.sluice.server.kinesis.KinesisService;
import io.sluice.server.metrics.KinesisMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Sluice node: the stream engine on its data directory, Firehose on top of it, the HTTP server in front of
 * both, and the task runner that does their background work (delivery, scaling, retention). {@link #start} and
 * {@link #stop} from one thread; stop is idempotent (the first call stops, later ones return at once).
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
    private final FirehoseEngine firehose;
    private final ObjectStore objects;
    private final KmsBufferSealer sealer;
    private final AnalyticsNode analytics;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private SluiceServer(ServerConfig config, KinesisEngine engine, HttpServer http,
                         TaskRunner tasks, int port, int tlsPort, AuditLog audit, FirehoseEngine firehose,
                         ObjectStore objects, KmsBufferSealer sealer, AnalyticsNode analytics) {
        this.sealer = sealer;
        this.analytics = analytics;
        this.audit = audit;
        this.firehose = firehose;
        this.objects = objects;
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
        KinesisEngine engine = new KinesisEngine(localStores(config, clock, storage), kms, config.engine(), clock,
                metrics);
        ControlPlaneLimiter limiter = new ControlPlaneLimiter(clock, config.engine().limits());
        AuditLog audit = config.auditDir() == null ? null
                : new AuditLog(config.auditDir(), AUDIT_FILE_BYTES, AUDIT_FILES, config.auditDataEvents(), clock);
        ObjectStore objects = config.firehoseS3() == null
                ? new LocalDirectoryObjectStore(config.firehoseLocalDir())
                : S3ObjectStore.connect(config.firehoseS3());
        KmsBufferSealer sealer = new KmsBufferSealer(kms, new MetadataStore(config.firehose().dataDir().resolve("keys"),
                MetadataStore.DEFAULT_COMPACTION_BYTES, config.truncateCorruptMetadata(), storage));
        TaskRunner tasks = new TaskRunner(clock, Duration.ofMillis(TASK_IDLE_MILLIS), Duration.ofMinutes(1));
        FirehoseEngine firehose = new FirehoseEngine(config.firehose().withBufferLog(
                new LogConfig(16L << 20, 3_600_000, 4096, config.log().fsync())),
                clock, engine, objects, new FirehoseMetrics(registry), sealer, tasks, storage);
        AnalyticsNode analytics = AnalyticsNode.open(config.dataDir(), config.analyticsBoundIntervalMillis(),
                config.truncateCorruptMetadata(), storage, engine, firehose, config.firehoseS3(),
                config.firehoseLocalDir(), config.firehose().requestTimeout(), tasks, clock, registry);
        Pipeline pipeline = pipeline(config, credentials, engine, audit, limiter, registry, clock);
        HttpServer http = new HttpServer(config.maxBodyBytes(), config.maxConnections(), config.corsPolicy(),
                new ServiceRouter(List.of(pipeline.wrap(new KinesisService(engine, metrics)),
                        pipeline.wrap(new FirehoseService(firehose)), pipeline.wrap(analytics.service()))),
                Map.of("/health", () -> ApiResponse.ok("application/json", HEALTHY),
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
            analytics.close();
            firehose.close();
            tasks.close();
            objects.close();
            sealer.close();
            engine.close();
            throw e;
        }
        engine.maintenance().tasks().forEach(tasks::start);
        analytics.resume();
        LOG.info("Sluice listening on {}:{}{} (data in {}, fsync {}) after {} ms", config.host(), port,
                tlsPort >= 0 ? " and TLS " + tlsPort : "", config.dataDir().toAbsolutePath(),
                config.log().fsync() ? "on" : "off", (System.nanoTime() - begin) / 1_000_000);
        return new SluiceServer(config, engine, http, tasks, port, tlsPort, audit, firehose, objects, sealer,
                analytics);
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
        // applications read streams and delivery streams, and Firehose reads the Kinesis engine: they close first
        analytics.close();
        firehose.close();
        tasks.close();
        objects.close();
        sealer.close();
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
