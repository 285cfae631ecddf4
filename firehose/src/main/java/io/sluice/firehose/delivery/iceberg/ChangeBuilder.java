package io.sluice.firehose.delivery.iceberg;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableUtil;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the records a batch routes to one table into that table's {@link TableCommitter.Changes}, and the records
 * that do not fit into failures. Without unique keys (or with AppendOnly) every record is a row to append. With
 * them, the table's rows of each key in the batch are deleted and the key's last record in the batch becomes its
 * row (a {@code delete} record leaves none); the keys must be top-level primitive columns of a format version 2+
 * table, else every record fails with {@code Iceberg.InvalidUniqueKeys}. Stateless.
 */
final class ChangeBuilder {

    /** One record routed to the table: its index in the batch, its JSON and its operation. */
    record Routed(int index, JsonNode json, RecordRoute.Operation operation) {
    }

    /** A record that does not fit. */
    record Failure(int index, String code, String message) {
    }

    record Result(TableCommitter.Changes changes, List<Failure> failures) {
    }

    private ChangeBuilder() {
    }

    static Result build(Table table, List<String> uniqueKeys, boolean appendOnly, List<Routed> records) {
        List<Failure> failures = new ArrayList<>();
        Schema schema = table.schema();
        boolean upsert = !uniqueKeys.isEmpty() && !appendOnly;
        Schema keySchema = null;
        if (upsert) {
            String problem = keyProblem(table, uniqueKeys);
            if (problem != null) {
                records.forEach(r -> failures.add(new Failure(r.index(), RecordMismatchException.INVALID_UNIQUE_KEYS,
                        problem)));
                return new Result(new TableCommitter.Changes(List.of(), List.of(), null), failures);
            }
            keySchema = schema.select(uniqueKeys);
        }
        Schema deleteSchema = upsert ? keysRequired(schema, uniqueKeys) : null;
        List<Record> appends = new ArrayList<>();
        Map<List<Object>, Record> lastByKey = new LinkedHashMap<>();
        Map<List<Object>, Record> deletes = new LinkedHashMap<>();
        for (Routed record : records) {
            boolean delete = record.operation() == RecordRoute.Operation.DELETE;
            try {
                if (delete && !upsert) {
                    throw new RecordMismatchException(RecordMismatchException.INVALID_UNIQUE_KEYS,
                            "A delete needs the table's UniqueKeys and AppendOnly false.");
                }
                if (!upsert) {
                    appends.add(JsonRows.row(record.json(), schema));
                    continue;
                }
                Record row = JsonRows.row(record.json(), delete ? deleteSchema : schema);
                List<Object> key = new ArrayList<>(uniqueKeys.size());
                for (String column : uniqueKeys) {
                    Object value = row.getField(column);
                    if (value == null) {
                        throw new RecordMismatchException(RecordMismatchException.MISSING_COLUMN,
                                "The record has no value for the unique key column " + column + ".");
                    }
                    key.add(value);
                }
                deletes.putIfAbsent(key, row);
                lastByKey.remove(key);
                if (!delete) {
                    lastByKey.put(key, row);
                }
            } catch (RecordMismatchException e) {
                failures.add(new Failure(record.index(), e.code(), e.getMessage()));
            }
        }
        if (!upsert) {
            return new Result(new TableCommitter.Changes(appends, List.of(), null), failures);
        }
        return new Result(new TableCommitter.Changes(new ArrayList<>(lastByKey.values()),
                new ArrayList<>(deletes.values()), keySchema), failures);
    }

    private static String keyProblem(Table table, List<String> uniqueKeys) {
        if (TableUtil.formatVersion(table) < 2) {
            return "The table is Iceberg format version " + TableUtil.formatVersion(table)
                    + "; unique keys need equality deletes, which start with version 2.";
        }
        for (String key : uniqueKeys) {
            Types.NestedField field = table.schema().asStruct().field(key);
            if (field == null || !field.type().isPrimitiveType()) {
                return "The configured unique keys for the table do not match with the fields present in the "
                        + "schema: " + key + " is not a top-level primitive column.";
            }
        }
        return null;
    }

    /** The schema with only the key columns required: a delete record needs its key, nothing else. */
    private static Schema keysRequired(Schema schema, List<String> uniqueKeys) {
        List<Types.NestedField> fields = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            fields.add(uniqueKeys.contains(field.name()) ? field : field.asOptional());
        }
        return new Schema(fields);
    }
}
