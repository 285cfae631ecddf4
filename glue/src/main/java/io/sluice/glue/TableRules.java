package io.sluice.glue;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Glue does to a table input before it stores it: table, column and partition key names lower-cased (Glue
 * folds them for Hive), column types checked against the Hive grammar ({@link HiveTypes}), and no name used twice
 * among the columns and partition keys. Breaking a rule is an InvalidInputException. Stateless.
 */
final class TableRules {

    private TableRules() {
    }

    static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static TableInput normalize(TableInput in) {
        Set<String> names = new HashSet<>();
        StorageDescriptor sd = in.storageDescriptor();
        if (sd != null && sd.columns() != null) {
            sd = new StorageDescriptor(columns(sd.columns(), names, "column"), sd.location(),
                    sd.additionalLocations(), sd.inputFormat(), sd.outputFormat(), sd.compressed(),
                    sd.numberOfBuckets(), sd.serdeInfo(), sd.bucketColumns(), sd.sortColumns(), sd.parameters(),
                    sd.skewedInfo(), sd.storedAsSubDirectories());
        }
        List<Column> keys = in.partitionKeys() == null ? null : columns(in.partitionKeys(), names, "partition key");
        return new TableInput(fold(in.name()), in.description(), in.owner(), in.lastAccessTime(),
                in.lastAnalyzedTime(), in.retention(), sd, keys, in.viewOriginalText(), in.viewExpandedText(),
                in.tableType(), in.parameters());
    }

    private static List<Column> columns(List<Column> columns, Set<String> names, String what) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column column : columns) {
            String name = fold(column.name());
            if (!names.add(name)) {
                throw invalid("The " + what + " name " + name + " is used more than once.");
            }
            if (column.type() != null) {
                try {
                    HiveTypes.canonical(column.type());
                } catch (IllegalArgumentException e) {
                    throw invalid("Column " + name + ": " + e.getMessage());
                }
            }
            out.add(new Column(name, column.type(), column.comment(), column.parameters()));
        }
        return out;
    }

    static ServiceException invalid(String message) {
        return new ServiceException(ErrorType.INVALID_INPUT, message);
    }
}
