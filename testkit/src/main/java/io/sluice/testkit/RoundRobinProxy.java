package io.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP load balancer for tests, as an operator puts in front of a Sluice cluster: it listens on a free loopback
 * port and sends each accepted connection to the next of its targets in turn, piping bytes both ways untouched (so
 * TLS, HTTP/2 and event streams pass through). A connection whose target refuses it is closed.
 *
 * <p>Threading: {@link #start} and {@link #close} from any thread; one virtual thread accepts, and each connection
 * has one virtual thread per direction. {@link #port()} never changes.
 */
public final class RoundRobinProxy implements AutoCloseable {

    private static final int BUFFER_BYTES = 16 * 1024;

    private final ServerSocket listener;
    private final List<InetSocketAddress> targets;
    private final AtomicLong next = new AtomicLong();
    /** Every open socket, both sides of each connection, so that {@link #close()} ends them all. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private RoundRobinProxy(ServerSocket listener, List<InetSocketAddress> targets) {
        this.listener = listener;
        this.targets = List.copyOf(targets);
    }

    /** Listens on a free loopback port and starts accepting connections for these loopback ports. */
    public static RoundRobinProxy start(List<Integer> targetPorts) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try {
            RoundRobinProxy proxy = new RoundRobinProxy(new ServerSocket(0, 200, loopback),
                    targetPorts.stream().map(port -> new InetSocketAddress(loopback, port)).toList());
            Thread.ofVirtual().name("proxy-accept-" + proxy.port()).start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for the proxy", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            InetSocketAddress target = targets.get((int) (next.getAndIncrement() % targets.size()));
            Thread.ofVirtual().start(() -> connect(client, target));
        }
    }

    private void connect(Socket client, InetSocketAddress target) {
        open.add(client);
        Socket server = new Socket();
        open.add(server);
        try {
            server.connect(target);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
        } catch (IOException refused) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        Thread.ofVirtual().start(() -> pipe(client, server));
        pipe(server, client);
    }

    /** Copies until the source ends, then passes the end on; the last direction to finish closes both sockets. */
    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
            if (from.isOutputShutdown()) {
                closeQuietly(from);
                closeQuietly(to);
            }
        } catch (IOException broken) {
            // one side reset or closed: the connection is over in both directions
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // nothing left to release
        }
    }

    /** Stops accepting and ends every open connection. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException alreadyClosed) {
            // nothing left to release
        }
        open.forEach(this::closeQuietly);
    }
}
