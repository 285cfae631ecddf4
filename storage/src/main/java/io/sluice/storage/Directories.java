package io.sluice.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Directory operations the stores need to be crash-safe: creating, forcing and removing directories. A file's
 * fsync does not make its directory entry durable; forcing the directory does (POSIX; this is what Linux needs).
 * Stateless.
 */
final class Directories {

    private Directories() {
    }

    /** Forces the directory's entries (files created, renamed or deleted in it) to the device. */
    static void fsync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Creates {@code dir} and any missing parents; with {@code durable}, forces the parent of each one created. */
    static void create(Path dir, boolean durable) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            Files.createDirectories(p);
            if (durable) {
                fsync(p.getParent());
            }
        }
    }

    /** Removes {@code dir} and everything under it; nothing happens if it does not exist. */
    static void deleteRecursively(Path dir) throws IOException {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        }
    }
}
