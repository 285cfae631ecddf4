package io.sluice.storage.kafka;

import java.io.IOException;

/** A record of the metadata topic this node cannot read (see {@link MetadataRecordFormat}). */
public final class MetadataFormatException extends IOException {

    private final long offset;

    MetadataFormatException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /** The offset of the unreadable record in the metadata topic. */
    public long offset() {
        return offset;
    }
}
