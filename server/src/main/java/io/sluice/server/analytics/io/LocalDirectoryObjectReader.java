package io.sluice.server.analytics.io;

import io.sluice.analytics.app.ObjectReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads objects from the local directory Firehose's local destination writes to: object {@code key} of
 * {@code bucket} is the file {@code <root>/<bucket>/<key>}, as {@code LocalDirectoryObjectStore} lays them out.
 * Thread-safe: it holds only the root.
 */
public final class LocalDirectoryObjectReader implements ObjectReader {

    private final Path root;

    public LocalDirectoryObjectReader(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public byte[] read(String bucketArn, String key) throws IOException {
        Path bucket = root.resolve(Buckets.name(bucketArn)).normalize();
        Path file = bucket.resolve(key).normalize();
        if (!bucket.startsWith(root) || !file.startsWith(bucket) || key.isEmpty()) {
            throw new NoSuchFileException(bucketArn + "/" + key, null, "the key leaves its bucket directory");
        }
        return Files.readAllBytes(file);
    }
}
