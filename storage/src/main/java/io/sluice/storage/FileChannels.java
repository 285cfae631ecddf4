package io.sluice.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the stores open the files they write and force (segment logs, the metadata journal). The seam exists so
 * that tests can wrap the channel: count forces before an acknowledgement, fail a force, or make the disk slow.
 * Production uses {@link #SYSTEM}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FileChannels {

    /** {@link FileChannel#open(Path, OpenOption...)}. */
    FileChannels SYSTEM = FileChannel::open;

    FileChannel open(Path file, OpenOption... options) throws IOException;
}
