package io.sluice.opensearch.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSearch node for tests: a single-node cluster in a child JVM started from the Maven artifacts of
 * {@code org.opensearch:opensearch}, serving HTTP on a free loopback port, its data in a temporary directory of its
 * own. Starting takes some seconds: share one node per test class (a static field) and give each test indices of
 * its own.
 *
 * <pre>{@code
 * try (OpenSearchNode node = OpenSearchNode.start()) {
 *     node.request("PUT", "/my-index", null);
 * }
 * }</pre>
 *
 * <p>The node never outlives the test JVM: a shutdown hook kills it, and the child halts by itself when the pipe
 * from this JVM closes (also when this JVM is killed with SIGKILL). Its log is {@link #logFile()}.
 *
 * <p>Threading: {@link #url()} and {@link #request} may be called from any thread; {@link #close()} once.
 */
public final class OpenSearchNode implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "node.classpath";
    private static final long READY_TIMEOUT_MILLIS = 180_000;
    private static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.awt.headless=true",
            "--enable-native-access=ALL-UNNAMED");

    /** An HTTP answer of the node. */
    public record Response(int status, String body) {
    }

    private final Path directory;
    private final int port;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread shutdownHook;

    private OpenSearchNode(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::kill, "opensearch-node-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a node and waits until its cluster health is at least yellow. */
    public static OpenSearchNode start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("sluice-opensearch-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the node's directory", e);
        }
        int port = freePort();
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(classpath());
        command.add(NodeMain.class.getName());
        command.add(directory.toString());
        command.add(Integer.toString(port));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("node.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch the node's JVM: " + command, e);
        }
        OpenSearchNode node = new OpenSearchNode(directory, port, process);
        try {
            node.awaitReady();
        } catch (RuntimeException e) {
            node.stop();
            node.removeHook();
            throw e; // the directory stays, for the log its message names
        }
        return node;
    }

    /** The node's HTTP address, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return directory.resolve("node.log");
    }

    /** Sends one request (a JSON body, or null for none) and returns the answer. */
    public Response request(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the node and deletes its directory. Idempotent. */
    @Override
    public void close() {
        kill();
        removeHook();
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs, and finds nothing left to do
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the OpenSearch node exited with " + process.exitValue()
                        + " while starting; see " + logFile());
            }
            try {
                if (request("GET", "/_cluster/health?wait_for_status=yellow&timeout=5s", null).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the node", e);
            }
        }
        throw new IllegalStateException("the OpenSearch node was not ready within " + READY_TIMEOUT_MILLIS
                + " ms; see " + logFile());
    }

    private void kill() {
        stop();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + directory + ": " + e);
        }
    }

    private void stop() {
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("the OpenSearch node (pid " + process.pid() + ") did not exit: " + e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static String classpath() {
        try (InputStream in = OpenSearchNode.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing next to " + OpenSearchNode.class
                        + ": the opensearch-testkit module was not built by Maven");
            }
            String nodeClasspath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            URI own = NodeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            // the node's jars first: a dependent's shaded jar (the benchmarks') carries other versions of Netty
            return nodeClasspath + File.pathSeparator + Path.of(own);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLASSPATH_RESOURCE, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unusable location of " + NodeMain.class, e);
        }
    }
}
