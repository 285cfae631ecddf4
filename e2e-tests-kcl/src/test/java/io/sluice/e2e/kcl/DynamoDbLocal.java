package io.sluice.e2e.kcl;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

/** DynamoDB Local inside the test JVM, in memory: the KCL keeps its leases, leader lock and worker metrics there. */
final class DynamoDbLocal {

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Needs the system property sqlite4java.library.path (the module's pom sets it for Surefire). */
    static DynamoDbLocal start() throws Exception {
        int port = freePort();
        // -disableTelemetry: DynamoDB Local would otherwise report its start to AWS.
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        return new DynamoDbLocal(server, port);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    void stop() throws Exception {
        server.stop();
    }

    private static int freePort() throws IOException {
        // DynamoDB Local cannot report the port it bound, so it gets one that was free a moment ago.
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
