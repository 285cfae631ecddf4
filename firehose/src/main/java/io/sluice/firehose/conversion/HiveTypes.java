package io.sluice.firehose.conversion;

import org.apache.orc.TypeDescription;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the Hive type names Glue columns carry ({@code int}, {@code decimal(10,2)},
 * {@code array<struct<a:string,b:map<string,bigint>>>}, ...) into ORC's type tree, which both file writers walk.
 * Hive's names are case-insensitive and a bare {@code decimal} is {@code decimal(10,0)}; ORC's parser does the
 * rest. Stateless.
 */
public final class HiveTypes {

    private static final Pattern BARE_DECIMAL = Pattern.compile("decimal(?!\\s*\\()");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private HiveTypes() {
    }

    /** The type a column's Hive type name denotes. */
    public static TypeDescription parse(String hiveType) throws ConversionException {
        String normalised = BARE_DECIMAL.matcher(SPACES.matcher(hiveType.trim().toLowerCase(Locale.ROOT))
                .replaceAll("")).replaceAll("decimal(10,0)");
        if (normalised.equals("integer")) {
            normalised = "int";
        }
        try {
            TypeDescription type = TypeDescription.fromString(normalised);
            refuseUnions(type, hiveType);
            return type;
        } catch (IllegalArgumentException e) {
            throw new ConversionException(ConversionException.INVALID_SCHEMA,
                    "The column type " + hiveType + " is not a Hive type: " + e.getMessage());
        }
    }

    /** uniontype is a Hive type neither Firehose nor Parquet's Hive layout writes. */
    private static void refuseUnions(TypeDescription type, String hiveType) throws ConversionException {
        if (type.getCategory() == TypeDescription.Category.UNION) {
            throw new ConversionException(ConversionException.INVALID_SCHEMA,
                    "The uniontype column type is not supported: " + hiveType);
        }
        if (type.getChildren() != null) {
            for (TypeDescription child : type.getChildren()) {
                refuseUnions(child, hiveType);
            }
        }
    }

    /** The table's columns as one struct, in column order, with lower-case names as Hive keeps them. */
    public static TypeDescription table(TableSchema schema) throws ConversionException {
        if (schema.columns().isEmpty()) {
            throw new ConversionException(ConversionException.INVALID_SCHEMA,
                    "The schema is invalid. The specified table has no columns.");
        }
        TypeDescription struct = TypeDescription.createStruct();
        for (TableSchema.Column column : schema.columns()) {
            struct.addField(column.name().toLowerCase(Locale.ROOT), parse(column.type()));
        }
        return struct;
    }
}
