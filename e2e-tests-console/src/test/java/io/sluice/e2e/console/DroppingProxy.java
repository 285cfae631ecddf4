package io.sluice.e2e.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of the server whose open connections a test can drop at once, as a network failure would,
 * while new connections keep going through. Thread-safe; a thread per connection and direction.
 */
final class DroppingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    DroppingProxy(int targetPort) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(server);
                    pump(client, server);
                    pump(server, client);
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Closes every connection open now. */
    void dropAll() {
        for (Socket socket : open) {
            close(socket);
            open.remove(socket);
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException dropped) {
                // one side went: the other goes too
            } finally {
                close(from);
                close(to);
            }
        });
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that is already broken
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        dropAll();
    }
}
