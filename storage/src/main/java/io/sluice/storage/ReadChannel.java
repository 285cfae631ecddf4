package io.sluice.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Positional reads of one file, shared by any number of reader threads.
 *
 * <p>Why not a plain {@link FileChannel}: when a thread blocked in (or entering) a channel operation is
 * interrupted, the JDK closes the channel for every thread. Here the interrupted reader gets its
 * {@link ClosedByInterruptException} and the next read from any other thread reopens the file, so one interrupted
 * request cannot break a segment for everyone (nor for the committer, which writes through its own channel).
 * After {@link #close()}, reads fail with {@link ClosedChannelException}.
 *
 * <p>Thread-safe: reads take no lock; reopening and closing take a {@link ReentrantLock} (not a monitor, so a
 * virtual thread reopening the file does not pin its carrier).
 */
final class ReadChannel implements Closeable {

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile FileChannel channel;
    private boolean closed; // guarded by lock

    ReadChannel(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Reads into {@code dst} from {@code position}, like {@link FileChannel#read(ByteBuffer, long)}. */
    int read(ByteBuffer dst, long position) throws IOException {
        while (true) {
            FileChannel current = channel;
            try {
                return current.read(dst, position);
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (ClosedChannelException e) { // another reader was interrupted, or we were closed
                reopen(current);
            }
        }
    }

    private void reopen(FileChannel broken) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (channel == broken) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            closed = true;
            channel.close();
        } finally {
            lock.unlock();
        }
    }
}
