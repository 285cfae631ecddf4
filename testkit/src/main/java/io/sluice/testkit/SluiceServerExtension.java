package io.sluice.testkit;

import io.sluice.common.Clock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.server.LambdaSettings;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.sluice.storage.kafka.KafkaSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A real Sluice server on free loopback ports (plain and TLS), with its data on disk in a temporary directory, for
 * the test class that registers it as a static extension. Streams become ACTIVE at once so that tests need not
 * wait.
 *
 * <p>With the system property {@code sluice.e2e.backend=kafka}, the same tests run on a cluster instead: two
 * nodes on the Kafka backend (one broker per JVM, see {@link SharedKafkaBroker}; topics under a prefix of their
 * own for each start; one master key file for both), behind a {@link RoundRobinProxy} for the plain port and
 * another for the TLS port. {@link #endpoint()}, {@link #port()} and {@link #tlsPort()} are then the proxies';
 * {@link #node(int)} reaches one node directly, for tests that cross nodes on purpose.
 *
 * <p>Start and stop from JUnit's thread; the accessors may be read from any thread once started.
 */
public final class SluiceServerExtension implements BeforeAllCallback, AfterAllCallback {

    /** The system property that selects the backend the suites run on: {@code local} (default) or {@code kafka}. */
    public static final String BACKEND_PROPERTY = "sluice.e2e.backend";
    private static final int CLUSTER_NODES = 2;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final long createDelayMillis;
    private final LimitSettings limits;
    private final List<SluiceServer> nodes = new ArrayList<>();
    private final List<RoundRobinProxy> proxies = new ArrayList<>();
    private Supplier<LambdaSettings> lambda = () -> null;
    private Path dataDir;
    private String topicPrefix;
    private int port;
    private int tlsPort;

    /** A server with throughput limits off, so tests may read and write as fast as they like. */
    public SluiceServerExtension() {
        this(0, LimitSettings.off());
    }

    public SluiceServerExtension(long createDelayMillis, LimitSettings limits) {
        this.createDelayMillis = createDelayMillis;
        this.limits = limits;
    }

    /**
     * Has the server (every node) invoke functions named by ARN with these settings, read when it starts, so that a
     * test can point {@code lambda.endpoint} at a Lambda Invoke server it starts first.
     */
    public SluiceServerExtension withLambda(Supplier<LambdaSettings> settings) {
        this.lambda = settings;
        return this;
    }

    /** Whether this JVM runs the suites on a cluster ({@code -Dsluice.e2e.backend=kafka}). */
    public static boolean clusterMode() {
        return "kafka".equals(System.getProperty(BACKEND_PROPERTY));
    }

    /** The data directory: the server's, or on a cluster the parent of the nodes' (which hold no records). */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("sluice-e2e");
        ServerConfig defaults = ServerConfig.defaults(dataDir).withPorts(0, 0);
        ServerConfig config = defaults.withEngine(defaults.engine().withStatusDelays(createDelayMillis, 0, 0)
                .withLimits(limits)).withLambda(lambda.get());
        if (!clusterMode()) {
            SluiceServer server = SluiceServer.start(config, Clock.system());
            nodes.add(server);
            port = server.port();
            tlsPort = server.tlsPort();
            return;
        }
        startCluster(config);
    }

    private void startCluster(ServerConfig config) throws IOException, InterruptedException {
        Path masterKey = dataDir.resolve("master.key");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.write(masterKey, key);
        Files.setPosixFilePermissions(masterKey, PosixFilePermissions.fromString("rw-------"));
        EngineConfig engine = config.engine();
        EngineConfig clusterEngine = new EngineConfig(engine.createDelayMillis(), engine.updateDelayMillis(),
                engine.deleteDelayMillis(), engine.iteratorTtlMillis(), engine.nextTokenTtlMillis(),
                engine.shardLimit(), engine.retentionCheckMillis(), engine.limits(), masterKey, engine.kmsKeys());
        topicPrefix = "e2e" + PREFIXES.incrementAndGet() + "-" + ProcessHandle.current().pid() + ".";
        String bootstrap = SharedKafkaBroker.get().bootstrapServers();
        // the nodes start side by side, as a cluster's nodes do: a start takes seconds, and doing them at once
        // also has them race to create the cluster's topics
        List<Future<SluiceServer>> starts = new ArrayList<>();
        try (ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLUSTER_NODES; i++) {
                ServerConfig node = ServerConfig.defaults(dataDir.resolve("node-" + i)).withPorts(0, 0)
                        .withEngine(clusterEngine).withLambda(config.lambda())
                        .withKafka(new KafkaSettings(bootstrap, Map.of(), topicPrefix, (short) 1, "node-" + i));
                starts.add(starter.submit(() -> SluiceServer.start(node, Clock.system())));
            }
        }
        ExecutionException failed = null;
        for (Future<SluiceServer> start : starts) {
            try {
                nodes.add(start.get());
            } catch (ExecutionException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            // the nodes that did start are stopped by afterAll
            throw new IOException("a cluster node did not start", failed.getCause());
        }
        RoundRobinProxy plain = RoundRobinProxy.start(nodes.stream().map(SluiceServer::port).toList());
        proxies.add(plain);
        RoundRobinProxy tls = RoundRobinProxy.start(nodes.stream().map(SluiceServer::tlsPort).toList());
        proxies.add(tls);
        port = plain.port();
        tlsPort = tls.port();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        proxies.forEach(RoundRobinProxy::close);
        proxies.clear();
        nodes.forEach(SluiceServer::stop);
        nodes.clear();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The nodes: the one server, or the cluster's nodes in start order. */
    public List<SluiceServer> nodes() {
        return List.copyOf(nodes);
    }

    /** One node, reached directly rather than through the proxy. */
    public SluiceServer node(int index) {
        return nodes.get(index);
    }

    /** The endpoint of one node, bypassing the proxy. */
    public URI nodeEndpoint(int index) {
        return URI.create("http://127.0.0.1:" + nodes.get(index).port());
    }

    /** On a cluster, the prefix of its topics in the shared broker; null on the local backend. */
    public String topicPrefix() {
        return topicPrefix;
    }

    /** On a cluster, the shared broker's bootstrap servers; null on the local backend. */
    public String kafkaBootstrapServers() {
        return clusterMode() ? SharedKafkaBroker.get().bootstrapServers() : null;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    /** A plain JSON caller of this server's Kinesis API, for tests that have no SDK of their own. */
    public PlainKinesis plain() {
        return new PlainKinesis(endpoint());
    }

    public URI tlsEndpoint() {
        return URI.create("https://localhost:" + tlsPort);
    }
}
