package io.sluice.kafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a test broker lives and how it is configured: its directory, its two loopback ports (clients, controller)
 * and the broker properties, written as {@code server.properties} and a log4j 2 configuration in that directory.
 *
 * <p>Layout of the directory: {@code server.properties}, {@code log4j2.properties}, {@code broker.log} (the
 * child JVM's output and the broker's log), {@code data/} (the KRaft metadata log and the partitions). The data
 * survives a restart; the files are rewritten, identically, before each start.
 *
 * @param directory       the broker's own directory
 * @param clusterId       the KRaft cluster id the storage is formatted with
 * @param port            the client (PLAINTEXT) listener's port on 127.0.0.1
 * @param controllerPort  the controller listener's port on 127.0.0.1
 * @param overrides       broker properties that replace or add to the test defaults
 */
record BrokerSetup(Path directory, String clusterId, int port, int controllerPort, Map<String, String> overrides) {

    /** The broker's node id, also its only controller voter. */
    static final int NODE_ID = 1;

    BrokerSetup {
        overrides = Map.copyOf(overrides);
    }

    /** A setup on two loopback ports free at the time of the call. */
    static BrokerSetup onFreePorts(Path directory, String clusterId, Map<String, String> overrides) {
        try (ServerSocket first = loopbackSocket(); ServerSocket second = loopbackSocket()) {
            return new BrokerSetup(directory, clusterId, first.getLocalPort(), second.getLocalPort(), overrides);
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static ServerSocket loopbackSocket() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Path serverProperties() {
        return directory.resolve("server.properties");
    }

    Path loggingConfig() {
        return directory.resolve("log4j2.properties");
    }

    Path logFile() {
        return directory.resolve("broker.log");
    }

    Path dataDirectory() {
        return directory.resolve("data");
    }

    /**
     * The broker properties: a single combined broker and controller with a static one-voter quorum, and settings
     * for tests (replication factor 1 for internal topics, no initial rebalance delay, no automatic topic
     * creation, short minimum group session timeouts so that failover tests can use short ones), then the
     * overrides.
     */
    Map<String, String> brokerProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", Integer.toString(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", dataDirectory().toString());
        properties.put("num.partitions", "1");
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        properties.put("auto.create.topics.enable", "false");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("group.min.session.timeout.ms", "1000");
        properties.put("group.consumer.min.session.timeout.ms", "1000");
        properties.put("group.consumer.min.heartbeat.interval.ms", "250");
        properties.putAll(overrides);
        return properties;
    }

    /** Writes {@code server.properties} and the logging configuration, creating the directory if needed. */
    void write() {
        StringBuilder server = new StringBuilder();
        brokerProperties().forEach((key, value) -> server.append(key).append('=').append(escape(value)).append('\n'));
        String logging = """
                status = warn
                appender.out.type = Console
                appender.out.name = out
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = info
                rootLogger.appenderRef.out.ref = out
                """;
        try {
            Files.createDirectories(directory);
            Files.writeString(serverProperties(), server);
            Files.writeString(loggingConfig(), logging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's configuration in " + directory, e);
        }
    }

    /** A value as java.util.Properties reads it back (a Windows path's backslashes, for one). */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
