package io.sluice.agent.tail;

import java.nio.file.Path;

/**
 * A place in a tracked file: what a checkpoint holds.
 *
 * @param fileKey the file's identity that survives renames (device and inode, from
 *                {@code BasicFileAttributes.fileKey()})
 * @param path    the path the file had when the position was taken
 * @param offset  the byte offset just after the last record before this position
 */
public record TailPosition(String fileKey, Path path, long offset) {
}
