package io.sluice.agent.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The CRC-32C of a file's first {@code length} bytes (at most {@link #MAX_LENGTH}): what tells a file truncated and
 * written again from a file that only grew, and a copy of a file (copytruncate) from an unrelated one. Immutable.
 *
 * <p>A file whose first bytes are written again with the very same content (for instance a truncated CSV file that
 * starts again with its header, and nothing else within the first bytes differs) cannot be told from one that only
 * grew; log lines start with timestamps, so in practice the first kilobyte differs.
 *
 * @param length how many of the file's first bytes were summed (0: the file was empty, which matches any file)
 * @param crc32c their CRC-32C
 */
public record FileFingerprint(int length, long crc32c) {

    /** Bytes summed once a file has that many. */
    public static final int MAX_LENGTH = 1024;

    /**
     * Fewer first bytes do not tell a copy: log files often start alike (a date, a banner line), so a file is taken
     * as another's copy only when they share at least this many first bytes. A copytruncate of a file shorter than
     * that is read again from the copy's start (duplicates, never a loss).
     */
    public static final int MIN_IDENTIFYING_LENGTH = 64;

    /** The fingerprint of nothing (an empty file). */
    public static final FileFingerprint EMPTY = new FileFingerprint(0, new CRC32C().getValue());

    public FileFingerprint {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("fingerprint length " + length + " not in [0, " + MAX_LENGTH + "]");
        }
    }

    /** The fingerprint of the channel's first bytes, as many as it has up to {@link #MAX_LENGTH}. */
    public static FileFingerprint of(FileChannel channel) throws IOException {
        return of(channel, (int) Math.min(MAX_LENGTH, channel.size()));
    }

    /** Whether the channel's first {@code length} bytes are those this fingerprint was taken of. */
    public boolean matches(FileChannel channel) throws IOException {
        return length == 0 || channel.size() >= length && of(channel, length).equals(this);
    }

    /** Whether it is long enough to tell a copy of its file ({@link #MIN_IDENTIFYING_LENGTH}). */
    public boolean identifying() {
        return length >= MIN_IDENTIFYING_LENGTH;
    }

    /** Whether a longer fingerprint could be taken: the file had fewer than {@link #MAX_LENGTH} bytes. */
    public boolean partial() {
        return length < MAX_LENGTH;
    }

    private static FileFingerprint of(FileChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) < 0) {
                return new FileFingerprint(buffer.position(), crc(buffer));
            }
        }
        return new FileFingerprint(length, crc(buffer));
    }

    private static long crc(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        buffer.flip();
        crc.update(buffer);
        return crc.getValue();
    }
}
