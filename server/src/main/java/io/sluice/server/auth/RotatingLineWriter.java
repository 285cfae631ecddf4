package io.sluice.server.auth;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends whole lines to {@code <dir>/<name>}, each handed to the operating system as it is written (no
 * buffering, no fsync). When a line would take the file past {@code maxFileBytes}, the file is rotated first:
 * {@code name} becomes {@code name.1}, {@code name.1} becomes {@code name.2} and so on, and the oldest is deleted
 * so that at most {@code maxFiles} files exist. A line longer than {@code maxFileBytes} gets a file of its own;
 * lines are never split. Thread-safe: writes are serialised by a lock (not a monitor, so that a virtual thread
 * blocked on the file does not pin its carrier).
 */
final class RotatingLineWriter implements Closeable {

    private final Path dir;
    private final String name;
    private final long maxFileBytes;
    private final int maxFiles;
    private final ReentrantLock lock = new ReentrantLock();
    private OutputStream out;
    private long size;

    RotatingLineWriter(Path dir, String name, long maxFileBytes, int maxFiles) throws IOException {
        if (maxFileBytes < 1 || maxFiles < 1) {
            throw new IllegalArgumentException("maxFileBytes and maxFiles must be at least 1, got " + maxFileBytes
                    + " and " + maxFiles);
        }
        this.dir = Files.createDirectories(dir);
        this.name = name;
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
        open();
    }

    void write(byte[] line) throws IOException {
        lock.lock();
        try {
            if (out == null) {
                throw new IOException(dir.resolve(name) + " is closed");
            }
            if (size > 0 && size + line.length > maxFileBytes) {
                rotate();
            }
            out.write(line);
            size += line.length;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        Files.deleteIfExists(numbered(maxFiles - 1));
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(numbered(i - 1))) {
                Files.move(numbered(i - 1), numbered(i), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        open();
    }

    private void open() throws IOException {
        Path file = dir.resolve(name);
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    /** {@code name.i}, where {@code name.0} is the live file itself. */
    private Path numbered(int i) {
        return i == 0 ? dir.resolve(name) : dir.resolve(name + "." + i);
    }
}
