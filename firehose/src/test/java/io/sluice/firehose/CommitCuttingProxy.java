package io.sluice.firehose;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy to PostgreSQL that, when armed, passes a client's COMMIT on to the server and then cuts the client
 * off before the server's answer can reach it: the transaction commits, and the client cannot know. Threads: one
 * accepting, two per connection; stopped by {@link #close}.
 */
final class CommitCuttingProxy implements AutoCloseable {

    private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean cut = new AtomicBoolean();

    CommitCuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next COMMIT is passed on and its answer lost. */
    void armOnce() {
        armed.set(true);
    }

    boolean hasCut() {
        return cut.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                AtomicBoolean muted = new AtomicBoolean();
                Thread.ofVirtual().start(() -> pump(client, upstream, true, muted));
                Thread.ofVirtual().start(() -> pump(upstream, client, false, muted));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies one direction; {@code muted} (per connection) drops the server's answers once a COMMIT is cut. */
    private void pump(Socket from, Socket to, boolean clientToServer, AtomicBoolean muted) {
        byte[] buffer = new byte[65536];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                boolean cutting = clientToServer && contains(buffer, n) && armed.compareAndSet(true, false);
                if (cutting) {
                    muted.set(true);
                }
                if (clientToServer || !muted.get()) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                if (cutting) {
                    Thread.sleep(500); // the server commits meanwhile; its answer is dropped with the client
                    cut.set(true);
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // either side went away: end both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static boolean contains(byte[] buffer, int length) {
        outer:
        for (int i = 0; i + COMMIT.length <= length; i++) {
            for (int j = 0; j < COMMIT.length; j++) {
                if (buffer[i + j] != COMMIT[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
