package io.sluice.cli.data;

import io.sluice.storage.MetadataStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a metadata store without touching it: opening a {@link MetadataStore} cuts a torn journal tail and may
 * rewrite files, so the store is opened on a temporary copy, by the server's own recovery code. Stateless.
 */
final class MetadataCopy {

    /** The entries of a store, and how many bytes its recovery would cut from the journal's tail. */
    record Contents(Map<String, byte[]> entries, long bytesCut) {
    }

    private MetadataCopy() {
    }

    /** Null if {@code dir} does not exist; IOException or a runtime exception if the store does not open. */
    static Contents read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Path copy = Files.createTempDirectory("sluice-check-meta");
        try {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            try (MetadataStore store = new MetadataStore(copy)) {
                return new Contents(store.entries(), store.recoveredBytesCut());
            }
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
