package io.sluice.kafka.testkit;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real Apache Kafka broker for tests: one KRaft node in combined mode (broker and controller, node id 1, a
 * static one-voter quorum) in a child JVM started from the Maven artifacts of {@code org.apache.kafka:kafka_2.13},
 * listening on free loopback ports, its storage in a temporary directory of its own.
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.start()) {
 *     Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
 *     ...
 * }
 * }</pre>
 *
 * <p>Starting takes a few seconds: share one broker per test class (a static field) and give each test topics of
 * its own. The broker is configured for tests: replication factor 1 everywhere, no automatic topic creation, no
 * initial rebalance delay, minimum group session timeouts of 1 s (see {@link #start(Map)} to change any
 * property). Its log is {@link #logFile()}.
 *
 * <p>Life cycle: {@link #stop()} shuts it down gracefully and {@link #kill()} kills it (SIGKILL), both keeping
 * its data and ports, so that {@link #restart()} brings the same broker back; {@link #close()} stops it and
 * deletes its directory. The broker never outlives the test JVM: a shutdown hook kills it and deletes its
 * directory, and the child itself halts (after deleting the directory) when the pipe from this JVM closes, which
 * also covers a test JVM killed with SIGKILL.
 *
 * <p>Threading: thread-safe; life-cycle calls are serialised by a lock and each waits until it is complete.
 * {@link #bootstrapServers()} never changes and never blocks.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final long READY_TIMEOUT_MILLIS = 90_000;
    private static final long STOP_TIMEOUT_MILLIS = 30_000;
    private static final long KILL_TIMEOUT_MILLIS = 10_000;

    private final BrokerSetup setup;
    private final Thread shutdownHook;
    private final ReentrantLock lock = new ReentrantLock();
    /** The running child JVM, or null when stopped; written under {@link #lock}, read by the shutdown hook. */
    private volatile BrokerProcess process;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    private KafkaBroker(BrokerSetup setup) {
        this.setup = setup;
        this.shutdownHook = new Thread(this::killAndDelete, "kafka-broker-cleanup");
    }

    /** Starts a broker with the test defaults and waits until it serves clients. */
    public static KafkaBroker start() {
        return start(Map.of());
    }

    /**
     * Starts a broker whose properties are the test defaults with {@code brokerProperties} replacing or adding to
     * them (for example {@code group.consumer.session.timeout.ms}), and waits until it serves clients.
     *
     * @throws KafkaBrokerException if the broker exits or is not ready within 90 s; its log's end is in the
     *                              message, and its directory is deleted
     */
    public static KafkaBroker start(Map<String, String> brokerProperties) {
        Path directory;
        try {
            directory = Files.createTempDirectory("sluice-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's directory", e);
        }
        KafkaBroker broker = new KafkaBroker(
                BrokerSetup.onFreePorts(directory, Uuid.randomUuid().toString(), brokerProperties));
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        try {
            broker.restart();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** The client listener, {@code 127.0.0.1:<port>}; the same across restarts. */
    public String bootstrapServers() {
        return setup.bootstrapServers();
    }

    /** The broker's directory (its configuration, log file and data). */
    public Path directory() {
        return setup.directory();
    }

    /** The broker's log file: the child JVM's output and the broker's log4j log. */
    public Path logFile() {
        return setup.logFile();
    }

    /** The child JVM's process id while it runs; empty when stopped or killed. */
    public OptionalLong pid() {
        lock.lock();
        try {
            return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the broker again after {@link #stop()} or {@link #kill()}, on the same ports with the same data, and
     * waits until it serves clients; does nothing if it runs.
     *
     * @throws KafkaBrokerException if the broker exits or is not ready within 90 s (for example because another
     *                              process took one of its ports meanwhile)
     */
    public void restart() {
        lock.lock();
        try {
            requireOpen();
            if (process != null && process.isAlive()) {
                return;
            }
            process = BrokerProcess.launch(setup);
            try {
                BrokerReadiness.await(setup, process, READY_TIMEOUT_MILLIS);
            } catch (RuntimeException e) {
                process.kill(KILL_TIMEOUT_MILLIS);
                process = null;
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shuts the broker down gracefully (SIGTERM: controlled shutdown, logs flushed) and waits until its JVM has
     * exited, killing it if that takes more than 30 s. Its data is kept for {@link #restart()}. Does nothing if
     * it is not running.
     */
    public void stop() {
        lock.lock();
        try {
            if (process == null) {
                return;
            }
            try {
                process.stop(STOP_TIMEOUT_MILLIS);
            } catch (KafkaBrokerException e) {
                process.kill(KILL_TIMEOUT_MILLIS);
            }
            process = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Kills the broker (SIGKILL: no shutdown, whatever the OS has not yet written is kept, as after a crash of
     * the process) and waits until its JVM has exited. Its data is kept for {@link #restart()}. Does nothing if
     * it is not running.
     */
    public void kill() {
        lock.lock();
        try {
            if (process == null) {
                return;
            }
            process.kill(KILL_TIMEOUT_MILLIS);
            process = null;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the broker and deletes its directory; the broker cannot be restarted after. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            stop();
            closed = true;
            Directories.delete(setup.directory());
        } finally {
            lock.unlock();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs, and finds nothing left to do
        }
    }

    /** Closes the pipe the child watches, as this JVM's death would; for the test of that watcher. */
    void orphanForTest() {
        lock.lock();
        try {
            process.orphan();
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
    }

    /**
     * The shutdown hook: a kill is enough for a throwaway broker while the JVM exits. It takes no lock, since a
     * thread that holds it may be waiting for the broker to start; killing twice is harmless.
     */
    private void killAndDelete() {
        BrokerProcess running = process;
        try {
            if (running != null) {
                running.kill(KILL_TIMEOUT_MILLIS);
            }
        } catch (KafkaBrokerException e) {
            System.err.println(e.getMessage());
        }
        Directories.deleteQuietly(setup.directory());
    }
}
