package io.sluice.analytics.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One application's source positions as Sluice kept them on disk before they moved into the metadata store: the
 * file {@code positions} in {@code <positions dir>/<URL-encoded application ARN>/}, in {@link PositionsCodec}'s
 * format. {@link MetaPositions} reads such a file once, stores its positions, and deletes it.
 *
 * <p><b>Recovery rule</b> (of the writer this replaces): a write went to {@code positions.tmp}, was forced, and was
 * renamed over {@code positions}, so a crash left either the previous file or the new one whole; a left-over
 * {@code positions.tmp} is a torn write, which {@link #read} deletes: the previous state stands. A damaged
 * {@code positions} file is refused with an {@link java.io.IOException} naming the file.
 *
 * <p><b>Threading</b>: not thread-safe; one application's runner reads its own file.
 */
final class PositionsFile {

    private final Path file;
    private final Path temp;

    PositionsFile(Path directory) {
        this.file = directory.resolve("positions");
        this.temp = directory.resolve("positions.tmp");
    }

    /** The stored positions, or null when there is no file. */
    StoredPositions read() throws IOException {
        Files.deleteIfExists(temp);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        return PositionsCodec.decode(bytes, "file " + file, "move it away to start the application from its "
                + "starting position instead");
    }

    /** Removes the file, and its directory once empty. */
    void delete() throws IOException {
        Files.deleteIfExists(temp);
        Files.deleteIfExists(file);
        if (Files.isDirectory(file.getParent())) {
            try (var rest = Files.list(file.getParent())) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(file.getParent());
                }
            }
        }
    }
}
