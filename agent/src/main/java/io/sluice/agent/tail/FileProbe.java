package io.sluice.agent.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;

/** Reads a listed file's first bytes: its fingerprint, whether it is a copy of another. Stateless; thread-safe. */
final class FileProbe {

    private FileProbe() {
    }

    /** The file's fingerprint now; null when its path names another file or none any more. */
    static FileFingerprint fingerprint(FileSnapshot f) throws IOException {
        Optional<FileChannel> opened = FileLister.open(f);
        if (opened.isEmpty()) {
            return null;
        }
        try (FileChannel channel = opened.get()) {
            return FileFingerprint.of(channel);
        }
    }

    /** Whether the file starts with the bytes of {@code of}, enough of them to tell a copy. */
    static boolean isCopyOf(FileSnapshot f, FileFingerprint of) throws IOException {
        if (of == null || !of.identifying() || f.size() < of.length()) {
            return false;
        }
        Optional<FileChannel> opened = FileLister.open(f);
        if (opened.isEmpty()) {
            return false;
        }
        try (FileChannel channel = opened.get()) {
            return of.matches(channel);
        }
    }
}
