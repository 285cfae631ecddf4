package io.sluice.e2e.agent;

import io.sluice.common.Clock;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;

/**
 * A real Sluice server on one fixed loopback port and data directory, which a test stops and starts again (as a
 * restarted service would be) while clients keep the same endpoint. One test thread drives it.
 */
final class RestartableServer implements AutoCloseable {

    private final ServerConfig config;
    private final int port;
    private SluiceServer server;

    RestartableServer(Path dataDir) throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ServerConfig defaults = ServerConfig.defaults(dataDir).withPorts(port, -1);
        config = defaults.withEngine(defaults.engine().withStatusDelays(0, 0, 0).withLimits(LimitSettings.off()));
        start();
    }

    void start() throws IOException, InterruptedException {
        server = SluiceServer.start(config, Clock.system());
    }

    void stop() {
        server.stop();
        server = null;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
