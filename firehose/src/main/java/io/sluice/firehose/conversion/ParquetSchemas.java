package io.sluice.firehose.conversion;

import org.apache.orc.TypeDescription;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

import java.util.List;

/**
 * The Parquet schema of a table, as Hive writes its types: every column optional; tinyint and smallint as
 * annotated INT32; strings, chars and varchars as UTF-8 BINARY; decimals as INT32, INT64 or FIXED_LEN_BYTE_ARRAY
 * by precision; dates as DATE; timestamps as INT64 TIMESTAMP(MICROS) not adjusted to UTC (Hive timestamps have no
 * zone); arrays and maps in the standard three-level LIST and MAP layouts. Stateless.
 */
final class ParquetSchemas {

    static final String LIST_GROUP = "list";
    static final String ELEMENT = "element";
    static final String MAP_GROUP = "key_value";

    private ParquetSchemas() {
    }

    static MessageType of(TypeDescription table) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        List<String> names = table.getFieldNames();
        for (int i = 0; i < names.size(); i++) {
            message.addField(field(names.get(i), table.getChildren().get(i), Repetition.OPTIONAL));
        }
        return message.named("hive_schema");
    }

    /** The bytes a FIXED_LEN_BYTE_ARRAY decimal of {@code precision} digits takes (two's complement). */
    static int decimalBytes(int precision) {
        return (int) Math.ceil((precision * Math.log(10) / Math.log(2) + 1) / 8);
    }

    private static Type field(String name, TypeDescription type, Repetition repetition) {
        return switch (type.getCategory()) {
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case BYTE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case SHORT -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case STRING, CHAR, VARCHAR -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType()).named(name);
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case DECIMAL -> decimal(name, type, repetition);
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType()).named(name);
            case TIMESTAMP, TIMESTAMP_INSTANT -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(name);
            case LIST -> Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup()
                            .addField(field(ELEMENT, type.getChildren().getFirst(), Repetition.OPTIONAL))
                            .named(LIST_GROUP))
                    .named(name);
            case MAP -> Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup()
                            .addField(field("key", type.getChildren().get(0), Repetition.REQUIRED))
                            .addField(field("value", type.getChildren().get(1), Repetition.OPTIONAL))
                            .named(MAP_GROUP))
                    .named(name);
            case STRUCT -> {
                Types.GroupBuilder<org.apache.parquet.schema.GroupType> group = Types.buildGroup(repetition);
                for (int i = 0; i < type.getFieldNames().size(); i++) {
                    group.addField(field(type.getFieldNames().get(i), type.getChildren().get(i),
                            Repetition.OPTIONAL));
                }
                yield group.named(name);
            }
            default -> throw new IllegalArgumentException("not a Hive type: " + type);
        };
    }

    private static Type decimal(String name, TypeDescription type, Repetition repetition) {
        LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(type.getScale(), type.getPrecision());
        if (type.getPrecision() <= 9) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).as(annotation).named(name);
        }
        if (type.getPrecision() <= 18) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).as(annotation).named(name);
        }
        return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                .length(decimalBytes(type.getPrecision())).as(annotation).named(name);
    }
}
