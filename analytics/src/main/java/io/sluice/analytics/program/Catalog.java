package io.sluice.analytics.program;

import io.sluice.analytics.type.RowType;

import java.util.Map;

/**
 * What application code may read besides the streams it creates: the in-application input streams the
 * application's inputs create ({@code SOURCE_SQL_STREAM_001}..., exact case), with their columns (hidden source
 * columns included), and the reference tables its reference data sources load. Immutable.
 */
public record Catalog(Map<String, RowType> inputStreams, Map<String, RowType> referenceTables) {

    public static final Catalog EMPTY = new Catalog(Map.of(), Map.of());

    public Catalog {
        inputStreams = Map.copyOf(inputStreams);
        referenceTables = Map.copyOf(referenceTables);
    }
}
