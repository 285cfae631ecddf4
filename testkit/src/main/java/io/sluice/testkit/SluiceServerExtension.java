package io.sluice.testkit;

import io.sluice.common.Clock;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Sluice server on free loopback ports (plain and TLS), with its data on disk in a temporary directory, for
 * the test class that registers it as a static extension. Streams become ACTIVE at once so that tests need not
 * wait. Start and stop from JUnit's thread; the accessors may be read from any thread once started.
 */
public final class SluiceServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final long createDelayMillis;
    private final LimitSettings limits;
    private SluiceServer server;
    private Path dataDir;

    /** A server with throughput limits off, so tests may read and write as fast as they like. */
    public SluiceServerExtension() {
        this(0, LimitSettings.off());
    }

    public SluiceServerExtension(long createDelayMillis, LimitSettings limits) {
        this.createDelayMillis = createDelayMillis;
        this.limits = limits;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("sluice-e2e");
        ServerConfig defaults = ServerConfig.defaults(dataDir).withPorts(0, 0);
        ServerConfig config = defaults.withEngine(defaults.engine().withStatusDelays(createDelayMillis, 0, 0)
                .withLimits(limits));
        server = SluiceServer.start(config, Clock.system());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    public int tlsPort() {
        return server.tlsPort();
    }

    /** A plain JSON caller of this server's Kinesis API, for tests that have no SDK of their own. */
    public PlainKinesis plain() {
        return new PlainKinesis(endpoint());
    }

    public URI tlsEndpoint() {
        return URI.create("https://localhost:" + server.tlsPort());
    }
}
