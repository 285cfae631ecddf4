package io.sluice.e2e.firehose;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.common.Clock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.task.TaskRunner;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.server.firehose.FirehoseMetrics;
import io.sluice.server.firehose.FirehoseService;
import io.sluice.server.http.HttpServer;
import io.sluice.server.http.ServiceRouter;
import io.sluice.server.kinesis.KinesisService;
import io.sluice.server.metrics.KinesisMetrics;
import io.sluice.server.pipeline.Pipeline;
import io.sluice.storage.LogConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sluice in-process as {@code SluiceServer} wires it, with Firehose added: the stream engine, the delivery engine
 * writing to an S3-compatible server, both APIs behind one HTTP port, and a task runner doing delivery.
 * {@link #restart} stops everything but the S3 server and starts again on the same data directory.
 */
final class FirehoseServer implements AutoCloseable {

    private final Path dataDir;
    private final S3ProxyServer s3;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private KinesisEngine kinesis;
    private TaskRunner tasks;
    private FirehoseEngine firehose;
    private S3ObjectStore objects;
    private HttpServer http;
    private int port;

    FirehoseServer(Path dataDir, S3ProxyServer s3) throws Exception {
        this.dataDir = dataDir;
        this.s3 = s3;
        start();
    }

    private void start() throws Exception {
        Clock clock = Clock.system();
        LogConfig log = new LogConfig(16 << 20, Duration.ofHours(1).toMillis(), 4096, true);
        EngineConfig engineConfig = EngineConfig.defaults().withStatusDelays(0, 0, 0);
        KinesisMetrics kinesisMetrics = new KinesisMetrics(registry);
        kinesis = new KinesisEngine(dataDir.resolve("kinesis"), engineConfig, log, clock, kinesisMetrics);
        objects = S3ObjectStore.connect(new S3ObjectStore.Settings(s3.endpoint(), "us-east-1",
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true));
        tasks = new TaskRunner(clock, Duration.ofMillis(50), Duration.ofMinutes(1));
        firehose = new FirehoseEngine(FirehoseConfig.defaults(dataDir.resolve("firehose")).withStatusDelays(100, 100),
                clock, kinesis, objects, new FirehoseMetrics(registry), new io.sluice.server.firehose.KmsBufferSealer(
                        io.sluice.engine.crypto.LocalKms.open(dataDir, null, List.of()),
                        io.sluice.engine.store.LocalMetaStore.open(dataDir.resolve("firehose-keys"))), tasks);
        Pipeline pipeline = Pipeline.open(false, null, new ControlPlaneLimiter(clock, engineConfig.limits()),
                registry);
        http = new HttpServer(16 << 20, new ServiceRouter(List.of(pipeline.wrap(new FirehoseService(firehose)),
                pipeline.wrap(new KinesisService(kinesis, kinesisMetrics)))), Map.of());
        port = http.listen("127.0.0.1", 0, null);
        kinesis.maintenance().tasks().forEach(tasks::start);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String metrics() {
        return registry.scrape();
    }

    FirehoseClient firehoseClient() {
        return FirehoseClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    KinesisClient kinesisClient() {
        return KinesisClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /** Stops everything but the S3 server, as a process stop would, and starts again on the same data. */
    void restart() throws Exception {
        stop();
        start();
    }

    private void stop() throws InterruptedException {
        http.stop(1000);
        firehose.close();
        tasks.close();
        objects.close();
        kinesis.close();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
