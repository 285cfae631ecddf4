package io.sluice.glue;

import java.util.List;
import java.util.Map;

/**
 * What a caller gives for a table (Glue's {@code TableInput}, without resource links, views' definitions and
 * open table formats, which Sluice refuses); optional members are null when not given. Times are epoch
 * milliseconds.
 */
public record TableInput(String name, String description, String owner, Long lastAccessTime, Long lastAnalyzedTime,
                         Integer retention, StorageDescriptor storageDescriptor, List<Column> partitionKeys,
                         String viewOriginalText, String viewExpandedText, String tableType,
                         Map<String, String> parameters) {

    public TableInput {
        partitionKeys = partitionKeys == null ? null : List.copyOf(partitionKeys);
        parameters = parameters == null ? null : Map.copyOf(parameters);
    }

    /** This input with these parameters in place of its own. */
    public TableInput withParameters(Map<String, String> newParameters) {
        return new TableInput(name, description, owner, lastAccessTime, lastAnalyzedTime, retention,
                storageDescriptor, partitionKeys, viewOriginalText, viewExpandedText, tableType, newParameters);
    }

    /** This input with another table type. */
    public TableInput withTableType(String newTableType) {
        return new TableInput(name, description, owner, lastAccessTime, lastAnalyzedTime, retention,
                storageDescriptor, partitionKeys, viewOriginalText, viewExpandedText, newTableType, parameters);
    }

    /** This input with another name (Glue stores names lower-cased). */
    public TableInput withName(String newName) {
        return new TableInput(newName, description, owner, lastAccessTime, lastAnalyzedTime, retention,
                storageDescriptor, partitionKeys, viewOriginalText, viewExpandedText, tableType, parameters);
    }
}
