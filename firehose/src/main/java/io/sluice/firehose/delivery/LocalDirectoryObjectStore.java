package io.sluice.firehose.delivery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The local directory destination, a Sluice extension for people without an object store: the object
 * {@code key} of {@code bucket} is the file {@code <root>/<bucket>/<key>} (the key's slashes make directories).
 * Each object is written to a temporary file, forced, and renamed into place, so a reader never sees half an
 * object and a crash leaves either the whole object or none (plus perhaps a {@code .tmp} file to ignore).
 * Thread-safe: objects are independent files.
 */
public final class LocalDirectoryObjectStore implements ObjectStore {

    private final Path root;

    public LocalDirectoryObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String bucket, String key, byte[] body) throws IOException {
        Path target = root.resolve(bucket).resolve(key).normalize();
        if (!target.startsWith(root.resolve(bucket)) || key.isEmpty()) {
            throw new IOException("object key " + key + " leaves its bucket directory");
        }
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(body));
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
