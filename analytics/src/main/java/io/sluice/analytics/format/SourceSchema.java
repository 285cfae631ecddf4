package io.sluice.analytics.format;

import java.util.List;

/** KDA's {@code SourceSchema}: the format of a source's records and the columns they map to. Immutable. */
public record SourceSchema(RecordFormat format, String encoding, List<RecordColumn> columns) {

    public SourceSchema {
        columns = List.copyOf(columns);
    }
}
