package io.sluice.agent.tail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's checkpoint file ({@code checkpointFile}): one {@link Checkpoint} per flow, shared by all the agent's
 * flows. Format: {@link CheckpointFormat} (version 1, checked on read).
 *
 * <p>Durability: {@link #put} returns once the file holding the checkpoint is on disk: the whole file is written to
 * {@code <file>.tmp}, forced, renamed over the file, and the directory is forced, so a crash at any moment leaves
 * either the old or the new file complete. Recovery rule: a leftover {@code .tmp} is a write that did not finish and
 * is ignored (overwritten by the next write); a missing file means no checkpoints (every flow starts from its
 * initialPosition); a file that is not JSON of this format and version is refused at open with
 * {@link CheckpointFileException} (the operator moves it away to start over; it is never silently replaced).
 * Entries not updated for {@code checkpointTimeToLiveDays} are dropped at open and at each write.
 *
 * <p>Thread-safe: flows acknowledge from several threads at once. Their puts are group-committed under one
 * {@link ReentrantLock}: one thread writes the file for every put made before its write began, the others wait for
 * that write instead of writing the same file again.
 */
public final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

    private final Path file;
    private final Path temp;
    private final Duration timeToLive;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
    private long version;
    private long durableVersion;
    private boolean writing;

    private CheckpointStore(Path file, int timeToLiveDays, Clock clock, List<Checkpoint> loaded) {
        this.file = file;
        this.temp = file.resolveSibling(file.getFileName() + ".tmp");
        this.timeToLive = Duration.ofDays(timeToLiveDays);
        this.clock = clock;
        loaded.forEach(c -> checkpoints.put(c.flowId(), c));
        dropExpired();
    }

    /** Reads the checkpoint file (none yet: no checkpoints); its directory is created when missing. */
    public static CheckpointStore open(Path file, int timeToLiveDays, Clock clock) throws IOException {
        if (timeToLiveDays < 1) {
            throw new IllegalArgumentException("checkpointTimeToLiveDays " + timeToLiveDays + " < 1");
        }
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        List<Checkpoint> loaded;
        try {
            loaded = CheckpointFormat.read(Files.readAllBytes(absolute), absolute);
        } catch (NoSuchFileException e) {
            loaded = List.of();
        }
        return new CheckpointStore(absolute, timeToLiveDays, clock, loaded);
    }

    /** The flow's checkpoint, if it has one that has not expired. */
    public Optional<Checkpoint> get(String flowId) {
        lock.lock();
        try {
            return Optional.ofNullable(checkpoints.get(flowId));
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the checkpoint's flow's entry; durable on disk when this returns. */
    public void put(Checkpoint checkpoint) throws IOException {
        lock.lock();
        try {
            checkpoints.put(checkpoint.flowId(), checkpoint);
            long mine = ++version;
            while (durableVersion < mine) {
                if (writing) {
                    written.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                long including = version;
                dropExpired();
                List<Checkpoint> snapshot = new ArrayList<>(checkpoints.values());
                lock.unlock();
                boolean done = false;
                try {
                    writeDurably(CheckpointFormat.write(snapshot));
                    done = true;
                } finally {
                    lock.lock();
                    writing = false;
                    if (done) {
                        durableVersion = Math.max(durableVersion, including);
                    }
                    written.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The file this store keeps (for logs). */
    public Path file() {
        return file;
    }

    private void dropExpired() {
        long oldest = clock.millis() - timeToLive.toMillis();
        checkpoints.values().removeIf(c -> {
            boolean expired = c.updatedMillis() < oldest;
            if (expired) {
                LOG.info("dropping the checkpoint of flow {} (not updated for {} days)", c.flowId(),
                        timeToLive.toDays());
            }
            return expired;
        });
    }

    private void writeDurably(byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace checkpoint file " + file + " atomically", e);
        }
        forceDirectory(file.getParent());
    }

    /** The rename is durable only once the directory is; a file system that cannot force a directory is skipped. */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            LOG.debug("cannot force directory {}: {}", directory, e.toString());
        }
    }
}
