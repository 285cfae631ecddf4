package io.sluice.firehose.delivery.iceberg;

import io.sluice.firehose.conversion.ConversionException;
import io.sluice.firehose.conversion.HiveTypes;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.orc.TypeDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.SequencedMap;

/**
 * An Iceberg schema from a Glue table's columns (Hive type names), as Glue makes one when a table is created with an
 * Iceberg {@code OpenTableFormatInput}: every field optional, ids counted from 1 depth-first, tinyint and smallint
 * widened to int, char and varchar to string, Hive's timestamp to Iceberg's timestamp without zone. Stateless.
 */
public final class HiveSchemas {

    private HiveSchemas() {
    }

    /**
     * @param columns column name to Hive type name, in the table's order
     * @throws ConversionException a type that is not Hive's, or a union
     */
    public static Schema schema(SequencedMap<String, String> columns) throws ConversionException {
        int[] ids = {columns.size()};
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 0;
        for (var column : columns.entrySet()) {
            fields.add(Types.NestedField.optional(++id, column.getKey(), type(HiveTypes.parse(column.getValue()),
                    ids)));
        }
        return new Schema(fields);
    }

    private static Type type(TypeDescription hive, int[] ids) throws ConversionException {
        return switch (hive.getCategory()) {
            case BOOLEAN -> Types.BooleanType.get();
            case BYTE, SHORT, INT -> Types.IntegerType.get();
            case LONG -> Types.LongType.get();
            case FLOAT -> Types.FloatType.get();
            case DOUBLE -> Types.DoubleType.get();
            case STRING, VARCHAR, CHAR -> Types.StringType.get();
            case DATE -> Types.DateType.get();
            case TIMESTAMP -> Types.TimestampType.withoutZone();
            case TIMESTAMP_INSTANT -> Types.TimestampType.withZone();
            case DECIMAL -> Types.DecimalType.of(hive.getPrecision(), hive.getScale());
            case BINARY -> Types.BinaryType.get();
            case LIST -> {
                int element = ++ids[0];
                yield Types.ListType.ofOptional(element, type(hive.getChildren().get(0), ids));
            }
            case MAP -> {
                int key = ++ids[0];
                int value = ++ids[0];
                yield Types.MapType.ofOptional(key, value, type(hive.getChildren().get(0), ids),
                        type(hive.getChildren().get(1), ids));
            }
            case STRUCT -> {
                List<String> names = hive.getFieldNames();
                int first = ids[0] + 1;
                ids[0] += names.size();
                List<Types.NestedField> fields = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    fields.add(Types.NestedField.optional(first + i, names.get(i),
                            type(hive.getChildren().get(i), ids)));
                }
                yield Types.StructType.of(fields);
            }
            default -> throw new ConversionException(ConversionException.INVALID_SCHEMA,
                    "The column type " + hive + " has no Iceberg counterpart.");
        };
    }
}
