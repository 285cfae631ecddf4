package io.sluice.agent.tail;

import java.nio.file.Path;

/**
 * A file as one directory listing saw it. Immutable.
 *
 * @param fileKey        device and inode ({@code BasicFileAttributes.fileKey()})
 * @param path           where the listing found it
 * @param size           its size then
 * @param modifiedMillis its last-modified time then
 */
record FileSnapshot(String fileKey, Path path, long size, long modifiedMillis) {
}
