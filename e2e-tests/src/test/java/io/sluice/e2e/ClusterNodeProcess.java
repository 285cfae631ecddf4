package io.sluice.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One node of a Sluice cluster on Kafka in a process of its own, started as users start one
 * ({@code sluice server --backend kafka --kafka-bootstrap ... --node-id ...}), that a test can kill with SIGKILL and
 * start again on the same port, data directory and configuration. Each start (incarnation) writes its own log,
 * {@code <logDirectory>/<nodeId>.<incarnation>.log}, so that a failure can point at what each process said.
 *
 * <p>Threading: {@link #kill} and {@link #restart} must not run at once (a test hands the node from the thread that
 * kills it to the one that restarts it); {@link #endpoint}, {@link #nodeId} and {@link #logs} may be called from any
 * thread at any time.
 */
final class ClusterNodeProcess implements AutoCloseable {

    private final String nodeId;
    private final int port;
    private final List<String> arguments;
    private final Path logDirectory;
    private final List<Path> logs = new CopyOnWriteArrayList<>();
    private volatile ServerProcess process;

    private ClusterNodeProcess(String nodeId, int port, List<String> arguments, Path logDirectory) {
        this.nodeId = nodeId;
        this.port = port;
        this.arguments = arguments;
        this.logDirectory = logDirectory;
    }

    /**
     * Starts a node on a free port and waits until it is healthy (following the cluster's metadata).
     *
     * @param config the node's configuration file; in cluster mode it must name {@code kms.master-key-file}
     */
    static ClusterNodeProcess start(String nodeId, String bootstrapServers, Path dataDirectory, Path config,
                                    Path logDirectory) throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        ClusterNodeProcess node = new ClusterNodeProcess(nodeId, port, List.of("--backend", "kafka",
                "--kafka-bootstrap", bootstrapServers, "--node-id", nodeId, "--port", Integer.toString(port),
                "--tls-port", "-1", "--data-dir", dataDirectory.toString(), "--config", config.toString()),
                logDirectory);
        node.restart();
        return node;
    }

    /** Starts the node again after {@link #kill}, on the same port, and waits until it is healthy. */
    void restart() throws IOException, InterruptedException {
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(nodeId + "." + (logs.size() + 1) + ".log");
        logs.add(log);
        process = ServerProcess.start(arguments, port, log);
    }

    /** SIGKILL, and waits until the process is gone (its port is then free for {@link #restart}). */
    void kill() throws InterruptedException {
        process.kill();
    }

    String nodeId() {
        return nodeId;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The logs of every start so far, oldest first. */
    List<Path> logs() {
        return List.copyOf(logs);
    }

    @Override
    public void close() {
        ServerProcess current = process;
        if (current != null) {
            current.close();
        }
    }
}
