package io.sluice.glue;

import java.util.List;
import java.util.Map;

/** The skewed columns of a table, kept as given; every member is optional (null when not given). */
public record SkewedInfo(List<String> columnNames, List<String> columnValues, Map<String, String> valueLocationMaps) {

    public SkewedInfo {
        columnNames = columnNames == null ? null : List.copyOf(columnNames);
        columnValues = columnValues == null ? null : List.copyOf(columnValues);
        valueLocationMaps = valueLocationMaps == null ? null : Map.copyOf(valueLocationMaps);
    }
}
