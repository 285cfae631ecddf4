package io.sluice.firehose.delivery.iceberg;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How JSON values are read into Iceberg's types, and which do not fit. */
class JsonRowsTest {

    private final ObjectMapper json = new ObjectMapper();

    private Object read(Type type, String value) throws Exception {
        Schema schema = new Schema(Types.NestedField.optional(1, "v", type));
        Record row = JsonRows.row(json.readTree("{\"v\":" + value + "}"), schema);
        return row.getField("v");
    }

    private void refused(Type type, String value) {
        assertThatThrownBy(() -> read(type, value)).isInstanceOfSatisfying(RecordMismatchException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("Iceberg.InvalidRecordValue");
                    assertThat(e.getMessage()).contains("v");
                });
    }

    @Test
    void numbersMayBeQuotedButMustBeIntegralAndInRange() throws Exception {
        assertThat(read(Types.IntegerType.get(), "\"42\"")).isEqualTo(42);
        assertThat(read(Types.LongType.get(), "3.0")).isEqualTo(3L);
        refused(Types.IntegerType.get(), "2147483648");
        refused(Types.LongType.get(), "1.5");
        refused(Types.IntegerType.get(), "true");
        assertThat(read(Types.DoubleType.get(), "\"2.5\"")).isEqualTo(2.5);
    }

    @Test
    void aDecimalKeepsItsScaleAndPrecision() throws Exception {
        assertThat(read(Types.DecimalType.of(5, 2), "1.5")).isEqualTo(new BigDecimal("1.50"));
        refused(Types.DecimalType.of(5, 2), "1.555");
        refused(Types.DecimalType.of(5, 2), "12345.6");
    }

    @Test
    void timestampsAreMicrosecondsOrIsoText() throws Exception {
        assertThat(read(Types.TimestampType.withoutZone(), "\"2024-01-02T03:04:05+01:00\""))
                .isEqualTo(LocalDateTime.of(2024, 1, 2, 2, 4, 5));
        assertThat(read(Types.TimestampType.withZone(), "\"2024-01-02T03:04:05\""))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        assertThat(read(Types.TimestampType.withZone(), "1000001"))
                .isEqualTo(OffsetDateTime.of(1970, 1, 1, 0, 0, 1, 1000, ZoneOffset.UTC));
        assertThat(read(Types.DateType.get(), "19723")).isEqualTo(LocalDate.of(2024, 1, 1));
        refused(Types.DateType.get(), "\"01/02/2024\"");
    }

    @Test
    void mapKeysAreReadAsTheKeyTypeAndNullValuesKept() throws Exception {
        Map<Integer, String> expected = new LinkedHashMap<>();
        expected.put(1, "a");
        expected.put(2, null);
        assertThat(read(Types.MapType.ofOptional(2, 3, Types.IntegerType.get(), Types.StringType.get()),
                "{\"1\":\"a\",\"2\":null}")).isEqualTo(expected);
        refused(Types.MapType.ofOptional(2, 3, Types.IntegerType.get(), Types.StringType.get()), "{\"x\":\"a\"}");
    }

    @Test
    void structsListsAndStringsMustHaveTheirShape() {
        refused(Types.StructType.of(Types.NestedField.optional(2, "x", Types.IntegerType.get())), "[1]");
        refused(Types.ListType.ofOptional(2, Types.IntegerType.get()), "{\"a\":1}");
        refused(Types.StringType.get(), "{\"a\":1}");
        refused(Types.ListType.ofRequired(2, Types.IntegerType.get()), "[1,null]");
    }
}
