package io.sluice.common;

/**
 * A persisted file or metadata entry carries a format version this Sluice does not know: written by a newer Sluice
 * (or damaged). Refusing it is the only safe answer, since guessing a layout would serve wrong data. The message
 * names what was read, where, its version and the newest one this Sluice reads. Immutable.
 */
public final class UnsupportedFormatVersionException extends IllegalStateException {

    private final int version;

    /**
     * @param what   the kind of data, e.g. "stream metadata"
     * @param where  the file or metadata key it was read from
     * @param newest the newest version this Sluice reads
     */
    public UnsupportedFormatVersionException(String what, String where, int version, int newest) {
        super(what + " " + where + " has format version " + version + ", but this Sluice reads versions up to "
                + newest + ": it was written by a newer Sluice (run that one, or restore a backup taken before the"
                + " upgrade) or it is damaged");
        this.version = version;
    }

    public int version() {
        return version;
    }
}
