package io.sluice.agent.tail;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one flow resumes: every record of the flow up to {@code offset} of the file {@code fileKey} (and of the files
 * before it) was acknowledged. Immutable.
 *
 * @param flowId        the flow's id ({@code FlowConfig.id})
 * @param fileKey       the file's device and inode ({@code BasicFileAttributes.fileKey()}), which survive renames
 * @param path          the path the file had when its records were read
 * @param offset        the byte just after the last acknowledged record
 * @param size          the file's size when its records were read
 * @param modifiedMillis the file's last-modified time then: files modified later were written after it
 * @param fingerprint   the file's first bytes then: tells the file from a later one truncated or reusing the inode
 * @param updatedMillis when the checkpoint was taken (entries older than checkpointTimeToLiveDays are dropped)
 */
public record Checkpoint(String flowId, String fileKey, Path path, long offset, long size, long modifiedMillis,
                         FileFingerprint fingerprint, long updatedMillis) {

    public Checkpoint {
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(fileKey, "fileKey");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " < 0");
        }
    }
}
