package io.sluice.glue;

import java.util.List;
import java.util.Map;

/**
 * Where and how a table's data is stored, and its columns: Glue's {@code StorageDescriptor}, kept as given. Every
 * member is optional (null when not given) except the booleans, which Glue answers as false when not given.
 */
public record StorageDescriptor(List<Column> columns, String location, List<String> additionalLocations,
                                String inputFormat, String outputFormat, boolean compressed, Integer numberOfBuckets,
                                SerDeInfo serdeInfo, List<String> bucketColumns, List<SortOrder> sortColumns,
                                Map<String, String> parameters, SkewedInfo skewedInfo,
                                boolean storedAsSubDirectories) {

    public StorageDescriptor {
        columns = columns == null ? null : List.copyOf(columns);
        additionalLocations = additionalLocations == null ? null : List.copyOf(additionalLocations);
        bucketColumns = bucketColumns == null ? null : List.copyOf(bucketColumns);
        sortColumns = sortColumns == null ? null : List.copyOf(sortColumns);
        parameters = parameters == null ? null : Map.copyOf(parameters);
    }
}
