package io.sluice.agent.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Lists the files of a flow's {@code filePattern}: as AWS's agent, the directory part is fixed and the glob applies
 * to the file name ({@code /var/log/app.log*}). Compressed files ({@code .gz .bz2 .xz .zst .zip .lz4 .Z}) never
 * match: they are the archives logrotate's {@code compress} makes of files already read, and their bytes are not
 * lines. Stateless; thread-safe.
 */
final class FileLister {

    private static final Set<String> COMPRESSED = Set.of("gz", "bz2", "xz", "zst", "zip", "lz4", "z");

    private final Path directory;
    private final PathMatcher names;

    FileLister(String filePattern) {
        Path pattern = Path.of(filePattern).toAbsolutePath();
        this.directory = pattern.getParent();
        this.names = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
    }

    /** The matching regular files now; none when the directory does not exist (yet). */
    List<FileSnapshot> list() throws IOException {
        return scan(true);
    }

    /** The file with this key anywhere in the directory, matching or not (a file renamed out of the glob). */
    Optional<FileSnapshot> find(String fileKey) throws IOException {
        return scan(false).stream().filter(f -> f.fileKey().equals(fileKey)).findFirst();
    }

    /** The file now at {@code path}, if any. */
    static Optional<FileSnapshot> stat(Path path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? Optional.of(snapshot(path, a)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Opens the file the snapshot saw, or empty when its path now holds another file or none: the path's key is
     * the same before and after the open, so the channel reads that file even if it is renamed right after.
     */
    static Optional<FileChannel> open(FileSnapshot file) throws IOException {
        if (!sameFile(file)) {
            return Optional.empty();
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file.path(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!sameFile(file)) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(channel);
    }

    private static boolean sameFile(FileSnapshot file) throws IOException {
        return stat(file.path()).map(now -> now.fileKey().equals(file.fileKey())).orElse(false);
    }

    private List<FileSnapshot> scan(boolean matchingOnly) throws IOException {
        List<FileSnapshot> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path path : entries) {
                if ((matchingOnly && !names.matches(path.getFileName())) || compressed(path)) {
                    continue;
                }
                stat(path).ifPresent(files::add);
            }
        }
        return files;
    }

    private static boolean compressed(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && COMPRESSED.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static FileSnapshot snapshot(Path path, BasicFileAttributes a) {
        Object key = a.fileKey();
        // file systems without inodes have no key: the path stands for it (renames are then new files)
        String fileKey = key != null ? key.toString() : "path:" + path.toAbsolutePath();
        return new FileSnapshot(fileKey, path, a.size(), a.lastModifiedTime().to(TimeUnit.MILLISECONDS));
    }
}
