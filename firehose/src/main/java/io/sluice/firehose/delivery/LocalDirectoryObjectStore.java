package io.sluice.firehose.delivery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local directory destination, a Sluice extension for people without an object store: the object
 * {@code key} of {@code bucket} is the file {@code <root>/<bucket>/<key>} (the key's slashes make directories).
 * Each object is written to a temporary file, forced, and renamed into place, so a reader never sees half an
 * object and a crash leaves either the whole object or none (plus perhaps a {@code .tmp} file to ignore).
 * Thread-safe: objects are independent files.
 */
public final class LocalDirectoryObjectStore implements ReadableObjectStore {

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

    @Override
    public List<StoredObject> list(String bucket, String prefix, int limit) throws IOException {
        Path base = root.resolve(bucket).normalize();
        // the deepest directory the prefix names completely: only it is walked
        Path start = base.resolve(prefix.substring(0, prefix.lastIndexOf('/') + 1)).normalize();
        if (!start.startsWith(base) || !Files.isDirectory(start)) {
            return List.of();
        }
        List<StoredObject> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".tmp"))
                    .sorted(Comparator.comparing(f -> base.relativize(f).toString()))::iterator) {
                String key = base.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (key.startsWith(prefix)) {
                    out.add(new StoredObject(key, Files.getLastModifiedTime(file).toMillis(), Files.size(file)));
                    if (out.size() >= limit) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    @Override
    public byte[] get(String bucket, String key) throws IOException {
        Path target = root.resolve(bucket).resolve(key).normalize();
        if (!target.startsWith(root.resolve(bucket))) {
            throw new IOException("object key " + key + " leaves its bucket directory");
        }
        return Files.readAllBytes(target);
    }
}
