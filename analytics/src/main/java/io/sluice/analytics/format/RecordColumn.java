package io.sluice.analytics.format;

import io.sluice.analytics.type.SqlType;

/**
 * One column of a source schema: its in-application name (exact case, as given), its SQL type, and for JSON the
 * JSONPath it reads ({@code $.ticker}); CSV columns are positional and have no mapping (null).
 */
public record RecordColumn(String name, SqlType type, String mapping) {
}
