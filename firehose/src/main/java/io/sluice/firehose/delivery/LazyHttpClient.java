package io.sluice.firehose.delivery;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The HTTP client of HTTP endpoint destinations and Lambda processors, made on first use: building one loads the
 * JDK's TLS trust store, a noticeable share of the server's start-up, and most delivery streams never need it.
 * Thread-safe: the first callers of {@link #get} race for one lock, later ones read a volatile field.
 */
public final class LazyHttpClient implements Supplier<HttpClient>, AutoCloseable {

    private final Duration connectTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile HttpClient client;
    private boolean closed; // guarded by lock

    public LazyHttpClient(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public HttpClient get() {
        HttpClient made = client;
        if (made != null) {
            return made;
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the HTTP client is closed");
            }
            if (client == null) {
                client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
            }
            return client;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the client if one was made; later calls to {@link #get} fail. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (client != null) {
                client.close();
                client = null; // so that get() takes the lock and sees it closed
            }
        } finally {
            lock.unlock();
        }
    }
}
