package io.sluice.server.analytics;

import io.sluice.analytics.format.SourceSchema;

import java.util.List;

/**
 * What schema discovery found: the schema, and each sample record's column values as text (the
 * {@code ParsedInputRecords} of the answer).
 */
public record InferredSchema(SourceSchema schema, List<List<String>> parsedRecords) {

    public InferredSchema {
        parsedRecords = parsedRecords.stream().map(List::copyOf).toList();
    }
}
