package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A disk for tests, behind the {@link FileChannels} seam: real files, but every {@code force} is counted, can be
 * made to fail, and can be held (a slow disk) until the test lets it through. Thread-safe.
 */
final class TestDisk implements FileChannels {

    private final AtomicInteger forces = new AtomicInteger();
    private final Map<Path, AtomicInteger> forcesByFile = new ConcurrentHashMap<>();
    private final AtomicReference<IOException> forceFailure = new AtomicReference<>();
    private volatile boolean holding;
    private final Semaphore permits = new Semaphore(0);
    private final Semaphore arrived = new Semaphore(0);

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        return new Channel(file, FileChannel.open(file, options));
    }

    /** Forces of {@code file} completed so far. */
    int forces(Path file) {
        AtomicInteger n = forcesByFile.get(file);
        return n == null ? 0 : n.get();
    }

    /** Forces completed so far. */
    int forces() {
        return forces.get();
    }

    /** Every later force fails with {@code failure} (null: forces work again). */
    void failForces(IOException failure) {
        forceFailure.set(failure);
    }

    /** Later forces wait until {@link #letForcesThrough} lets them. */
    void holdForces() {
        holding = true;
    }

    /** Lets {@code n} held forces go on. */
    void letForcesThrough(int n) {
        permits.release(n);
    }

    /** Stops holding: every waiting and later force goes on. */
    void release() {
        holding = false;
        permits.release(Integer.MAX_VALUE / 2);
    }

    /** Waits until a held force has started waiting (the bound only turns a hang into a failure). */
    void awaitHeldForce() throws InterruptedException {
        if (!arrived.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no force arrived");
        }
    }

    private void force(Path file, FileChannel channel, boolean metaData) throws IOException {
        if (holding) {
            arrived.release();
            permits.acquireUninterruptibly();
        }
        IOException failure = forceFailure.get();
        if (failure != null) {
            throw failure;
        }
        channel.force(metaData);
        forcesByFile.computeIfAbsent(file, f -> new AtomicInteger()).incrementAndGet();
        forces.incrementAndGet();
    }

    private final class Channel extends FileChannel {
        private final Path file;
        private final FileChannel delegate;

        Channel(Path file, FileChannel delegate) {
            this.file = file;
            this.delegate = delegate;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            TestDisk.this.force(file, delegate, metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return delegate.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return delegate.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return delegate.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            delegate.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return delegate.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return delegate.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return delegate.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return delegate.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return delegate.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return delegate.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return delegate.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            delegate.close();
        }
    }
}
