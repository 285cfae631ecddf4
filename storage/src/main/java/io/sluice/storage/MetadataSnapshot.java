package io.sluice.storage;

import io.sluice.common.UnsupportedFormatVersionException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The snapshot file of a {@link MetadataStore}: the whole key-value map at one moment.
 *
 * <p><b>File format</b>, big-endian: {@code int32 magic "SLMS", int32 version 1, int32 count}, then per entry
 * {@code int32 key length, key (UTF-8), int32 value length, value}, then {@code int32 CRC32C} of everything before
 * it. Version 1 is the only one shipped; a snapshot with the magic and another version is refused with
 * {@link UnsupportedFormatVersionException} (naming the file), anything else that fails the checks as corrupt.
 * <b>Atomicity</b>: written to a temporary file, forced, renamed over the snapshot, and the directory forced,
 * so a crash leaves either the old snapshot or the new one, never a mix. A snapshot that fails its checks was
 * damaged after it was written; {@link #read} refuses it rather than silently dropping metadata.
 *
 * <p>Stateless.
 */
final class MetadataSnapshot {

    private static final int MAGIC = 0x534c4d53; // "SLMS"
    private static final int VERSION = 1;

    private MetadataSnapshot() {
    }

    /** The map in the snapshot, or an empty map if there is none. */
    static TreeMap<String, byte[]> read(Path file) throws IOException {
        ByteBuffer bytes;
        try {
            bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        }
        try {
            int crcAt = bytes.limit() - 4;
            if (bytes.getInt(0) == MAGIC && bytes.getInt(4) != VERSION) {
                throw new UnsupportedFormatVersionException("metadata snapshot", file.toString(), bytes.getInt(4),
                        VERSION);
            }
            if (bytes.getInt(0) != MAGIC || EntryCodec.crc(bytes, 0, crcAt) != bytes.getInt(crcAt)) {
                throw new IOException("corrupt metadata snapshot " + file);
            }
            bytes.position(8).limit(crcAt);
            int count = bytes.getInt();
            TreeMap<String, byte[]> map = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[bytes.getInt()];
                bytes.get(key);
                byte[] value = new byte[bytes.getInt()];
                bytes.get(value);
                map.put(new String(key, StandardCharsets.UTF_8), value);
            }
            return map;
        } catch (UnsupportedFormatVersionException e) {
            throw e;
        } catch (RuntimeException e) { // a bound or a length that does not fit
            throw new IOException("corrupt metadata snapshot " + file, e);
        }
    }

    /** Replaces the snapshot with {@code map}, atomically and durably. */
    static void write(Path file, Map<String, byte[]> map) throws IOException {
        long size = 12 + 4;
        for (Map.Entry<String, byte[]> e : map.entrySet()) {
            size += 8 + e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length;
        }
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(size));
        bytes.putInt(MAGIC).putInt(VERSION).putInt(map.size());
        for (Map.Entry<String, byte[]> e : map.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            bytes.putInt(key.length).put(key).putInt(e.getValue().length).put(e.getValue());
        }
        bytes.putInt(EntryCodec.crc(bytes, 0, bytes.position()));
        bytes.flip();
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Directories.fsync(file.getParent());
    }
}
