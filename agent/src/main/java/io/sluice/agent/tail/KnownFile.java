package io.sluice.agent.tail;

/**
 * What the tracker knows of one file of a flow: where its last listing saw it and how far it has been read.
 * Used by the flow's reader thread only.
 */
final class KnownFile {

    private FileSnapshot seen;
    private long consumed;
    private FileFingerprint fingerprint;
    private boolean copy;

    KnownFile(FileSnapshot seen, long consumed, FileFingerprint fingerprint) {
        this.seen = seen;
        this.consumed = consumed;
        this.fingerprint = fingerprint;
    }

    FileSnapshot seen() {
        return seen;
    }

    void seen(FileSnapshot now) {
        seen = now;
    }

    String fileKey() {
        return seen.fileKey();
    }

    /** Where reading the file resumes: every record before was returned by a poll. */
    long consumed() {
        return consumed;
    }

    void consumed(long offset) {
        consumed = offset;
    }

    /** The file's first bytes when it was last checked; null when it could not be read. */
    FileFingerprint fingerprint() {
        return fingerprint;
    }

    void fingerprint(FileFingerprint now) {
        fingerprint = now;
    }

    /** A copy of another file (copytruncate): read only from where that file was when it is truncated. */
    boolean copy() {
        return copy;
    }

    void copy(boolean isCopy) {
        copy = isCopy;
    }

    /** Whether the listing saw bytes not yet read. */
    boolean pending() {
        return !copy && seen.size() > consumed;
    }

    long behind() {
        return pending() ? seen.size() - consumed : 0;
    }
}
