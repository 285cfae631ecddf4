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

/**
 * The shard logs under one root directory, and the single group-commit thread that writes all of them (see
 * {@link GroupCommitter}). A log's name is a relative path under the root, such as
 * {@code "acct-region-stream-123/shardId-000000000000"}; its directory holds its segments.
 *
 * <p><b>Threading.</b> Every method is thread-safe. {@link #open} and {@link #delete} serialise on the store;
 * {@link #append} only queues. Futures complete on the committer thread (see {@link GroupCommitter}): do not block
 * in continuations attached to them without an executor, and do not close the store from one.
 */
public final class LogStore implements AutoCloseable {

    private final Path root;
    private final LogConfig config;
    private final Clock clock;
    private final GroupCommitter committer = new GroupCommitter();
    private final Thread committerThread;
    private final Map<String, ShardLog> logs = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    /** Creates the root if needed and starts the committer thread. */
    public LogStore(Path root, LogConfig config, Clock clock) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        Directories.create(this.root, config.fsync());
        this.committerThread = Thread.ofPlatform()
                .name("sluice-group-commit-" + this.root.getFileName())
                .daemon(true)
                .start(committer::run);
    }

    /**
     * Opens the named log, creating its directory or recovering what is there. Opening an open name again returns
     * the same instance.
     */
    public synchronized ShardLog open(String name) throws IOException {
        if (closed) {
            throw new IOException("log store is closed");
        }
        String key = normalize(name);
        ShardLog log = logs.get(key);
        if (log == null) {
            Path dir = root.resolve(key);
            Directories.create(dir, config.fsync());
            log = ShardLog.open(key, dir, config, clock);
            logs.put(key, log);
        }
        return log;
    }

    /** Closes the named log if it is open and removes its directory; its pending appends fail. */
    public synchronized void delete(String name) throws IOException {
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
    }

    /**
     * Queues the records for the log. The future completes with the offset given to {@code records.get(0)} (the
     * others follow consecutively) once the batch is written, and forced when {@link LogConfig#fsync()}; it fails
     * with an {@link IOException} on error or when the store or the log is closed.
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
     * Stops accepting appends (new ones fail), commits everything already queued (written and forced), stops the
     * committer thread and closes every log.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
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
        synchronized (this) {
            for (ShardLog log : logs.values()) {
                try {
                    log.close();
                } catch (IOException e) {
                    // closing read-only state of a log we are done with; nothing left to lose
                }
            }
            logs.clear();
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
