package io.sluice.e2e.firehose;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.common.Clock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.task.TaskRunner;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.server.firehose.FirehoseMetrics;
import io.sluice.server.firehose.FirehoseService;
import io.sluice.server.http.HttpServer;
import io.sluice.server.http.ServiceRouter;
import io.sluice.server.kinesis.KinesisService;
import io.sluice.server.metrics.KinesisMetrics;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.server.pipeline.Pipeline;
import io.sluice.storage.LogConfig;
import io.sluice.storage.kafka.KafkaSettings;
import io.sluice.testkit.RoundRobinProxy;
import io.sluice.testkit.SluiceServerExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sluice in-process as {@code SluiceServer} wires it, with Firehose added: the stream engine, the delivery engine
 * writing to an S3-compatible server, both APIs behind one HTTP port, and a task runner doing delivery.
 * {@link #restart} stops everything but the S3 server and starts again on the same data directory.
 *
 * <p>With {@code -Dsluice.e2e.backend=kafka} (or {@link #cluster}) it is a cluster instead: two {@code SluiceServer}
 * nodes on the Kafka backend (one broker per JVM, topics under a prefix of their own), both delivering to the S3
 * server, behind a {@link RoundRobinProxy}; {@link #restart} then stops both nodes and starts them again on the
 * same topics, and {@link #metrics} is every node's metrics, one after the other.
 */
final class FirehoseServer implements AutoCloseable {

    private static final int CLUSTER_NODES = 2;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final Path dataDir;
    private final S3ProxyServer s3;
    private final boolean clusterMode;
    private final List<SluiceServer> nodes = new ArrayList<>();
    private String topicPrefix;
    private RoundRobinProxy proxy;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private KinesisEngine kinesis;
    private TaskRunner tasks;
    private FirehoseEngine firehose;
    private S3ObjectStore objects;
    private HttpServer http;
    private int port;

    /** One server, or a cluster when the suites run on one ({@code -Dsluice.e2e.backend=kafka}). */
    FirehoseServer(Path dataDir, S3ProxyServer s3) throws Exception {
        this(dataDir, s3, SluiceServerExtension.clusterMode());
    }

    private FirehoseServer(Path dataDir, S3ProxyServer s3, boolean clusterMode) throws Exception {
        this.dataDir = dataDir;
        this.s3 = s3;
        this.clusterMode = clusterMode;
        if (clusterMode) {
            topicPrefix = "fh" + PREFIXES.incrementAndGet() + "-" + ProcessHandle.current().pid() + ".";
            startCluster();
        } else {
            start();
        }
    }

    /** A 2-node cluster whatever the suites run on, for tests that cross nodes on purpose. */
    static FirehoseServer cluster(Path dataDir, S3ProxyServer s3) throws Exception {
        return new FirehoseServer(dataDir, s3, true);
    }

    private void startCluster() throws Exception {
        Path masterKey = dataDir.resolve("master.key");
        if (!Files.exists(masterKey)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.write(masterKey, key);
        }
        EngineConfig engine = EngineConfig.defaults().withStatusDelays(0, 0, 0).withLimits(LimitSettings.off());
        EngineConfig clusterEngine = new EngineConfig(engine.createDelayMillis(), engine.updateDelayMillis(),
                engine.deleteDelayMillis(), engine.iteratorTtlMillis(), engine.nextTokenTtlMillis(),
                engine.shardLimit(), engine.retentionCheckMillis(), engine.limits(), masterKey, engine.kmsKeys());
        S3ObjectStore.Settings destination = new S3ObjectStore.Settings(s3.endpoint(), "us-east-1",
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true);
        List<Future<SluiceServer>> starts = new ArrayList<>();
        try (ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLUSTER_NODES; i++) {
                Path nodeDir = dataDir.resolve("node-" + i);
                ServerConfig d = ServerConfig.defaults(nodeDir).withPorts(0, -1).withEngine(clusterEngine)
                        .withKafka(new KafkaSettings(ClusterBroker.bootstrapServers(), Map.of(), topicPrefix,
                                (short) 1, "node-" + i));
                ServerConfig node = new ServerConfig(d.host(), d.port(), d.tlsPort(), d.tlsCertFile(),
                        d.tlsKeyFile(), d.dataDir(), d.credentialsFile(), d.auditDir(), d.auditDataEvents(),
                        d.maxBodyBytes(), d.maxConnections(), d.shutdownGraceMillis(), d.engine(), d.log(),
                        FirehoseConfig.defaults(nodeDir.resolve("firehose")).withStatusDelays(100, 100),
                        destination, d.firehoseLocalDir(), d.allowUnsigned(), d.cors(),
                        d.truncateCorruptMetadata(), d.analyticsBoundIntervalMillis(), d.kafka(), d.lambda());
                starts.add(starter.submit(() -> SluiceServer.start(node, Clock.system())));
            }
        }
        for (Future<SluiceServer> start : starts) {
            nodes.add(start.get());
        }
        proxy = RoundRobinProxy.start(nodes.stream().map(SluiceServer::port).toList());
        port = proxy.port();
    }

    /** The cluster's nodes in start order (a stopped node stays in the list); empty for one server. */
    List<SluiceServer> nodes() {
        return List.copyOf(nodes);
    }

    /** The endpoint of one node, bypassing the proxy. */
    URI nodeEndpoint(int index) {
        return URI.create("http://127.0.0.1:" + nodes.get(index).port());
    }

    /** One node's Prometheus text. */
    String nodeMetrics(int index) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + nodes.get(index).port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Firehose client of one node, bypassing the proxy. */
    FirehoseClient firehoseClient(int node) {
        return FirehoseClient.builder().endpointOverride(nodeEndpoint(node)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
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
        if (!clusterMode) {
            return registry.scrape();
        }
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            all.append(nodeMetrics(i)).append('\n');
        }
        return all.toString();
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
        if (clusterMode) {
            startCluster();
        } else {
            start();
        }
    }

    private void stop() throws Exception {
        if (clusterMode) {
            proxy.close();
            nodes.forEach(SluiceServer::stop);
            nodes.clear();
            return;
        }
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
        } catch (Exception e) {
            throw new IllegalStateException("the server did not stop cleanly", e);
        }
    }
}
