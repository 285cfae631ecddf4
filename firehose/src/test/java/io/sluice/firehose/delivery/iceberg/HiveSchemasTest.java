package io.sluice.firehose.delivery.iceberg;

import io.sluice.firehose.conversion.ConversionException;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.SequencedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveSchemasTest {

    @Test
    void everyHiveTypeBecomesItsIcebergTypeWithFieldIdsCountedDepthFirst() throws Exception {
        SequencedMap<String, String> columns = new LinkedHashMap<>();
        columns.put("flag", "boolean");
        columns.put("small", "smallint");
        columns.put("n", "bigint");
        columns.put("price", "decimal(12,2)");
        columns.put("code", "varchar(8)");
        columns.put("at", "timestamp");
        columns.put("day", "date");
        columns.put("raw", "binary");
        columns.put("ratio", "double");
        columns.put("tags", "array<string>");
        columns.put("counts", "map<string,int>");
        columns.put("address", "struct<city:string,zip:int>");

        Schema schema = HiveSchemas.schema(columns);

        Schema expected = new Schema(
                Types.NestedField.optional(1, "flag", Types.BooleanType.get()),
                Types.NestedField.optional(2, "small", Types.IntegerType.get()),
                Types.NestedField.optional(3, "n", Types.LongType.get()),
                Types.NestedField.optional(4, "price", Types.DecimalType.of(12, 2)),
                Types.NestedField.optional(5, "code", Types.StringType.get()),
                Types.NestedField.optional(6, "at", Types.TimestampType.withoutZone()),
                Types.NestedField.optional(7, "day", Types.DateType.get()),
                Types.NestedField.optional(8, "raw", Types.BinaryType.get()),
                Types.NestedField.optional(9, "ratio", Types.DoubleType.get()),
                Types.NestedField.optional(10, "tags", Types.ListType.ofOptional(13, Types.StringType.get())),
                Types.NestedField.optional(11, "counts", Types.MapType.ofOptional(14, 15, Types.StringType.get(),
                        Types.IntegerType.get())),
                Types.NestedField.optional(12, "address", Types.StructType.of(
                        Types.NestedField.optional(16, "city", Types.StringType.get()),
                        Types.NestedField.optional(17, "zip", Types.IntegerType.get()))));
        assertThat(schema.sameSchema(expected)).as(schema.toString()).isTrue();
        assertThat(schema.findField("address.zip").fieldId()).isEqualTo(17);
    }

    @Test
    void aTypeHiveDoesNotKnowIsAnInvalidSchema() {
        SequencedMap<String, String> columns = new LinkedHashMap<>();
        columns.put("x", "strnig");
        assertThatThrownBy(() -> HiveSchemas.schema(columns)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("strnig");
    }
}
