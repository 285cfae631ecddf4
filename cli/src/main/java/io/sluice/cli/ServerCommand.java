package io.sluice.cli;

import io.sluice.common.Clock;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sluice server}: runs a node until SIGTERM or SIGINT, then stops gracefully (no new connections, requests
 * in flight finish, writes flushed) and exits 0.
 */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run a Sluice server.")
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--host", description = "Address to listen on (default: 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port to listen on (default: 4567).")
    Integer port;

    @Option(names = "--tls-port", description = "Port for TLS (default: 4568; -1 for none).")
    Integer tlsPort;

    @Option(names = "--data-dir", description = "Directory for the data (default: ./data).")
    Path dataDir;

    @Option(names = "--config", description = "A properties file of settings; flags override it.")
    Path configFile;

    @Option(names = "--credentials", description = "A JSON file of users, keys and policies; requests must then "
            + "be signed by one of them. Required unless the server listens on loopback.")
    Path credentials;

    @Option(names = "--allow-unsigned", description = "Also serve requests that carry no signature at all (curl); "
            + "only without --credentials. Otherwise they get MissingAuthenticationTokenException, as from AWS.")
    boolean allowUnsigned;

    @Option(names = "--backend", description = "Where streams live: local (default: the data directory) or kafka "
            + "(a Kafka cluster shared by several nodes; see docs/cluster.md).")
    String backend;

    @Option(names = "--kafka-bootstrap", description = "The Kafka cluster's bootstrap servers, host:port[,...] "
            + "(with --backend kafka).")
    String kafkaBootstrap;

    @Option(names = "--node-id", description = "This node's name in the cluster (default: host name and port).")
    String nodeId;

    @Option(names = "--log-format", description = "text (default) or json: one JSON object per log line.")
    String logFormat = "text";

    @Option(names = "--no-fsync", description = "Acknowledge writes before they reach the disk (faster; a crash of "
            + "the machine, not of the process, may lose acknowledged records).")
    boolean noFsync;

    @Override
    public Integer call() throws Exception {
        if (logFormat.equals("json")) {
            // read by logback when it starts, which is at the first logger below
            System.setProperty(LogConfigurator.FORMAT_PROPERTY, "json");
        } else if (!logFormat.equals("text")) {
            throw new IllegalArgumentException("--log-format must be text or json, not " + logFormat);
        }
        ServerConfig config = new ConfigLoader().load(configFile, host, port, tlsPort, dataDir,
                noFsync ? Boolean.FALSE : null, credentials, allowUnsigned ? Boolean.TRUE : null,
                new ClusterFlags(backend, kafkaBootstrap, nodeId));
        SluiceServer server = SluiceServer.start(config, Clock.system());
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "sluice-shutdown"));
        stop.await();
        server.stop();
        return 0;
    }
}
