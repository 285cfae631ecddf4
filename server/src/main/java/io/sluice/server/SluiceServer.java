package io.sluice.server;

import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.protocol.sigv4.SigV4Verifier;
import io.sluice.server.auth.AuditLog;
import io.sluice.server.auth.CredentialsFile;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.server.firehose.FirehoseMetrics;
import io.sluice.server.firehose.FirehoseService;
import io.sluice.server.firehose.KmsBufferSealer;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.storage.MetadataStore;
import io.sluice.storage.LogConfig;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.http.ApiService;
import io.sluice.server.http.ServiceRouter;
import io.sluice.server.http.HttpServer;
import io.sluice.server.http.TlsSettings;
import io.sluice.server.kinesis.KinesisService;
import io.sluice.server.metrics.KinesisMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One Sluice node: the stream engine on its data directory, Firehose on top of it, the HTTP server in front of
 * both, and the timer that drives their time-based work. {@link #start} and {@link #stop} from one thread; stop is idempotent.
 */
public final class SluiceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);
    private static final long MAINTENANCE_PERIOD_MILLIS = 100;
    private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    private static final long AUDIT_FILE_BYTES = 64L * 1024 * 1024;
    private static final int AUDIT_FILES = 10;
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerConfig config;
    private final KinesisEngine engine;
    private final HttpServer http;
    private final ScheduledExecutorService timer;
    private final int port;
    private final int tlsPort;
    private final AuditLog audit;
    private final FirehoseEngine firehose;
    private final ObjectStore objects;
    private final KmsBufferSealer sealer;
    private boolean stopped;

    private SluiceServer(ServerConfig config, KinesisEngine engine, HttpServer http, ScheduledExecutorService timer,
                         int port, int tlsPort, AuditLog audit, FirehoseEngine firehose, ObjectStore objects,
                         KmsBufferSealer sealer) {
        this.sealer = sealer;
        this.audit = audit;
        this.firehose = firehose;
        this.objects = objects;
        this.config = config;
        this.engine = engine;
        this.http = http;
        this.timer = timer;
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

    public static SluiceServer start(ServerConfig config, Clock clock) throws IOException, InterruptedException {
        long begin = System.nanoTime();
        CredentialsFile credentials = credentials(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KinesisMetrics metrics = new KinesisMetrics(registry);
        KinesisEngine engine = new KinesisEngine(config.dataDir(), config.engine(), config.log(), clock, metrics);
        ControlPlaneLimiter limiter = new ControlPlaneLimiter(clock, config.engine().limits());
        AuditLog audit = config.auditDir() == null ? null
                : new AuditLog(config.auditDir(), AUDIT_FILE_BYTES, AUDIT_FILES, config.auditDataEvents(), clock);
        ObjectStore objects = config.firehoseS3() == null
                ? new LocalDirectoryObjectStore(config.firehoseLocalDir())
                : S3ObjectStore.connect(config.firehoseS3());
        KmsBufferSealer sealer = new KmsBufferSealer(LocalKms.open(config.dataDir(), config.engine().masterKeyFile(),
                config.engine().kmsKeys()), new MetadataStore(config.firehose().dataDir().resolve("keys")));
        // Firehose opens (buffers recovered, and an HTTP client whose trust store is slow to load) while the port
        // opens; its calls wait for it, and start() still returns only once it is open, or fails as it does
        CompletableFuture<FirehoseEngine> opening = CompletableFuture.supplyAsync(() -> openFirehose(config, clock,
                engine, objects, registry, sealer), task -> Thread.ofPlatform().name("sluice-firehose-open").start(task));
        CompletableFuture<ApiService> firehoseService = opening.thenApply(FirehoseService::new);
        ApiService kinesis = credentials == null ? new KinesisService(engine, metrics, limiter, audit)
                : new KinesisService(engine, metrics, limiter, new SigV4Verifier(credentials, clock), credentials,
                audit);
        HttpServer http = new HttpServer(config.maxBodyBytes(), config.maxConnections(),
                new ServiceRouter(Map.of(KinesisService.TARGET_PREFIX.replace(".", ""), kinesis,
                        FirehoseService.TARGET, request -> firehoseService.join().handle(request))),
                Map.of("/health", () -> ApiResponse.ok("application/json", HEALTHY),
                        "/metrics", () -> ApiResponse.ok(PROMETHEUS_TEXT,
                                registry.scrape().getBytes(StandardCharsets.UTF_8))));
        int port;
        int tlsPort = -1;
        FirehoseEngine firehose;
        try {
            port = http.listen(config.host(), config.port(), null);
            firehose = joinFirehose(opening);
            if (config.tlsPort() >= 0) {
                tlsPort = http.listen(config.host(), config.tlsPort(),
                        TlsSettings.serverContext(config.tlsCertFile(), config.tlsKeyFile(), config.dataDir()));
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            http.stop(0);
            FirehoseEngine opened = opening.handle((engineOrNull, failure) -> engineOrNull).join();
            if (opened != null) {
                opened.close();
            }
            objects.close();
            sealer.close();
            engine.close();
            throw e;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sluice-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                engine.maintenance();
            } catch (RuntimeException e) {
                LOG.error("maintenance failed", e);
            }
        }, MAINTENANCE_PERIOD_MILLIS, MAINTENANCE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> {
            try {
                firehose.tick();
            } catch (RuntimeException e) {
                LOG.error("firehose delivery failed", e);
            }
        }, MAINTENANCE_PERIOD_MILLIS, MAINTENANCE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("Sluice listening on {}:{}{} (data in {}, fsync {}) after {} ms", config.host(), port,
                tlsPort >= 0 ? " and TLS " + tlsPort : "", config.dataDir().toAbsolutePath(),
                config.log().fsync() ? "on" : "off", (System.nanoTime() - begin) / 1_000_000);
        return new SluiceServer(config, engine, http, timer, port, tlsPort, audit, firehose, objects, sealer);
    }

    private static FirehoseEngine openFirehose(ServerConfig config, Clock clock, KinesisEngine engine,
                                               ObjectStore objects, PrometheusMeterRegistry registry,
                                               KmsBufferSealer sealer) {
        try {
            return new FirehoseEngine(config.firehose().withBufferLog(
                    new LogConfig(16L << 20, 3_600_000, 4096, config.log().fsync())),
                    clock, engine, objects, new FirehoseMetrics(registry), sealer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FirehoseEngine joinFirehose(CompletableFuture<FirehoseEngine> opening) throws IOException {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    public int port() {
        return port;
    }

    /** The TLS port, or -1 if there is none. */
    public int tlsPort() {
        return tlsPort;
    }

    /** Graceful stop: no new connections, requests in flight finish, every acknowledged write is flushed. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("stopping");
        try {
            http.stop(config.shutdownGraceMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        // Firehose reads from the Kinesis engine, so it closes first
        firehose.close();
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
