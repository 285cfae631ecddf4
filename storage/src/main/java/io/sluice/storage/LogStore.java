package io.sluice.storage;

import io.sluice.common.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shard logs under one root directory, and the group-commit thread (with its forcing threads) that writes all
 * of them (see {@link GroupCommitter}). A log's name is a relative path under the root, such as
 * {@code "acct-region-stream-123/shardId-000000000000"}; its directory holds its segments.
 *
 * <p><b>Ordering.</b> Appends to one log are committed in the order {@link #append} queued them, and
 * {@link #barrier} completes after every append queued to the log before it: callers that must know a log has
 * stopped moving (resharding, before it seals a shard) stop routing appends to it, then await its barrier.
 *
 * <p><b>Failures</b> are fail-stop per log (see {@link ShardLog}), logged with their cause and reported to the
 * {@link StorageEvents} given at construction; so are recovery cuts and back-pressure refusals.
 *
 * <p><b>Threading.</b> Every method is thread-safe. {@link #open} and {@link #delete} serialise on the store's
 * lock; {@link #append} only queues (waiting briefly for room when the back-pressure cap is reached).
 * Futures complete on the committer or a forcing thread (see {@link GroupCommitter}): do not block in
 * continuations attached to them without an executor, and do not close the store from one.
 */
public final class LogStore implements AutoCloseable {

    private final Path root;
    private final LogConfig config;
    private final Clock clock;
    private final FileChannels channels;
    private final EventReporter reporter;
    private final ExecutorService forcers;
    private final GroupCommitter committer;
    private final Thread committerThread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ShardLog> logs = new HashMap<>(); // guarded by lock
    private boolean closed; // guarded by lock

    /** Creates the root if needed and starts the committer thread; events are only logged. */
    public LogStore(Path root, LogConfig config, Clock clock) throws IOException {
        this(root, config, clock, StorageEvents.NONE);
    }

    /** As {@link #LogStore(Path, LogConfig, Clock)}, reporting storage events to {@code events}. */
    public LogStore(Path root, LogConfig config, Clock clock, StorageEvents events) throws IOException {
        this(root, config, clock, events, FileChannels.SYSTEM);
    }

    /** As {@link #LogStore(Path, LogConfig, Clock, StorageEvents)}, opening segment files through {@code channels}. */
    public LogStore(Path root, LogConfig config, Clock clock, StorageEvents events, FileChannels channels)
            throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.reporter = new EventReporter(Objects.requireNonNull(events, "events"));
        Directories.create(this.root, config.fsync());
        String suffix = String.valueOf(this.root.getFileName());
        this.forcers = Executors.newFixedThreadPool(Math.max(1, config.forceThreads() - 1),
                Thread.ofPlatform().name("sluice-force-" + suffix + "-", 0).daemon(true).factory());
        this.committer = new GroupCommitter(config, forcers, reporter);
        this.committerThread = Thread.ofPlatform()
                .name("sluice-group-commit-" + suffix)
                .daemon(true)
                .start(committer::run);
    }

    /**
     * Opens the named log, creating its directory or recovering what is there. Opening an open name again returns
     * the same instance.
     */
    public ShardLog open(String name) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("log store is closed");
            }
            String key = normalize(name);
            ShardLog log = logs.get(key);
            if (log == null) {
                Path dir = root.resolve(key);
                Directories.create(dir, config.fsync());
                log = ShardLog.open(key, dir, config, clock, channels, reporter);
                logs.put(key, log);
            }
            return log;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the named log if it is open and removes its directory; its pending appends fail. */
    public void delete(String name) throws IOException {
        lock.lock();
        try {
            String key = normalize(name);
            ShardLog log = logs.remove(key);
            if (log != null) {
                log.close();
            }
            Path dir = root.resolve(key);
            Directories.deleteRecursively(dir);
            if (config.fsync() && Files.isDirectory(dir.getParent())) {
                Directories.fsync(dir.getParent());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues the records for the log. The future completes with the offset given to {@code records.get(0)} (the
     * others follow consecutively) once the batch is written, and forced when {@link LogConfig#fsync()}; it fails
     * with an {@link IOException} on error or when the store or the log is closed, and with a
     * {@link BackPressureException} when more than {@link LogConfig#maxQueuedBytes()} stayed queued for
     * {@link LogConfig#maxQueueWaitMillis()} (this call waits that long at most).
     *
     * @throws IllegalArgumentException if {@code records} is empty or too large (over 2 GiB encoded)
     */
    public CompletableFuture<Long> append(ShardLog log, List<AppendRecord> records) {
        Objects.requireNonNull(log, "log");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        long bytes = 0;
        for (AppendRecord record : records) {
            bytes += EntryCodec.sizeOf(record);
        }
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("append too large: " + bytes + " bytes");
        }
        return committer.submit(log, List.copyOf(records), (int) bytes);
    }

    /**
     * A future that completes, with the log's {@link ShardLog#endOffset()} at that moment, once every append queued
     * to the log before this call has completed (committed or failed). Once nothing appends to the log any more,
     * that end offset is final. Never waits; fails only if the store is closed.
     */
    public CompletableFuture<Long> barrier(ShardLog log) {
        return committer.barrier(Objects.requireNonNull(log, "log"));
    }

    /** Encoded bytes of appends accepted and not yet acknowledged, across all logs (the back-pressure measure). */
    public long queuedBytes() {
        return committer.queuedBytes();
    }

    /** The settings this store runs with. */
    public LogConfig config() {
        return config;
    }

    /**
     * Stops accepting appends (new ones fail), commits everything already queued (written and forced), stops the
     * committer and forcing threads and closes every log.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        committer.close();
        boolean interrupted = false;
        while (committerThread.isAlive()) {
            try {
                committerThread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        forcers.shutdown();
        while (!forcers.isTerminated()) {
            try {
                forcers.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        lock.lock();
        try {
            for (ShardLog log : logs.values()) {
                try {
                    log.close();
                } catch (IOException e) {
                    // closing read-only state of a log we are done with; nothing left to lose
                }
            }
            logs.clear();
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The name as a normalised relative path; rejects names that leave the root or name the root itself. */
    private static String normalize(String name) {
        Path path = Path.of(name).normalize();
        if (name.isBlank() || path.isAbsolute() || path.toString().isEmpty() || path.startsWith("..")) {
            throw new IllegalArgumentException("log name must be a relative path inside the store: " + name);
        }
        return path.toString();
    }
}
