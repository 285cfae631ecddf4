package io.sluice.cli.bench;

import io.sluice.common.Clock;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real Sluice server on a free loopback port with its data in a temporary directory; streams are ACTIVE at once. */
final class InProcessSluice implements AutoCloseable {

    private final Path dataDir;
    private final SluiceServer server;

    InProcessSluice(LimitSettings limits) throws IOException, InterruptedException {
        dataDir = Files.createTempDirectory("sluice-bench-test");
        ServerConfig defaults = ServerConfig.defaults(dataDir).withPorts(0, -1);
        server = SluiceServer.start(defaults.withEngine(defaults.engine().withStatusDelays(0, 0, 0)
                .withLimits(limits)), Clock.system());
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() throws IOException {
        server.stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
