package io.sluice.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Sluice server in a process of its own, started the way users start it, so that tests can kill it. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServerProcess start(Path dataDir, Path config, int port) throws IOException, InterruptedException {
        return start(List.of("--port", Integer.toString(port), "--tls-port", "-1", "--data-dir", dataDir.toString(),
                "--config", config.toString()), port, Files.createTempFile("sluice-server", ".log"));
    }

    /**
     * Runs {@code sluice server <serverArguments>} (which must make it listen on {@code port}) with its output in
     * {@code log}, and waits until {@code /health} answers 200.
     */
    static ServerProcess start(List<String> serverArguments, int port, Path log)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.sluice.cli.SluiceCommand", "server"));
        command.addAll(serverArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(process, port, log);
        try {
            server.awaitHealthy();
        } catch (RuntimeException | IOException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("server did not become healthy: " + Files.readString(log));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    /** The file holding the process's output. */
    Path log() {
        return log;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
