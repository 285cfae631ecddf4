package io.sluice.analytics.format;

import java.util.List;

/**
 * Schema discovery found nothing to infer a schema from: no records, or none readable as UTF-8 text with content.
 * The API answers it as {@code UnableToDetectSchemaException}, with the sampled records.
 */
public final class UnableToDetectSchema extends Exception {

    private final transient List<String> rawRecords;

    public UnableToDetectSchema(String message, List<String> rawRecords) {
        super(message, null, false, false);
        this.rawRecords = List.copyOf(rawRecords);
    }

    /** The records that were sampled, as text. */
    public List<String> rawRecords() {
        return rawRecords;
    }
}
