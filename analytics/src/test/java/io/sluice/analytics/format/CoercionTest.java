package io.sluice.analytics.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules of sch-mapping's "Mapping JSON Data Types to SQL Data Types", one JSON value into one column, read
 * through a whole record.
 */
class CoercionTest {

    /** The value of {@code $.v} read into a column of {@code type}; a coercion error is returned as its message. */
    private static Object read(String type, String jsonValue) {
        RecordParser parser = new RecordParser(Schemas.json("$", "V " + type + " $.v"));
        Collected out = Collected.parse(parser, "{\"v\":" + jsonValue + "}");
        if (!out.errors.isEmpty()) {
            return new Failure(out.errors.get(0));
        }
        return out.single()[0];
    }

    private record Failure(String message) {
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"INTEGER", "DECIMAL(5,2)", "BOOLEAN", "VARCHAR(4)", "TIMESTAMP", "DATE", "VARBINARY(4)", "DOUBLE"})
    void jsonNullIsSqlNullWhateverTheType(String type) {
        assertThat(read(type, "null")).isNull();
    }

    @Test
    void booleansAreOneAndZeroInNumericTypes() {
        assertThat(read("INTEGER", "true")).isEqualTo(1);
        assertThat(read("TINYINT", "false")).isEqualTo(0);
        assertThat(read("BIGINT", "true")).isEqualTo(1L);
        assertThat(read("DECIMAL(5,2)", "true")).isEqualTo(new BigDecimal("1.00"));
        assertThat(read("REAL", "false")).isEqualTo(0f);
        assertThat(read("DOUBLE", "true")).isEqualTo(1d);
    }

    @Test
    void booleansIntoBooleanCharacterBinaryAndDatetimeColumns() {
        assertThat(read("BOOLEAN", "true")).isEqualTo(true);
        assertThat(read("VARCHAR(8)", "false")).isEqualTo("false");
        assertThat(read("VARCHAR(2)", "true")).isEqualTo("tr");
        assertThat((byte[]) read("VARBINARY(8)", "true")).containsExactly(1);
        assertThat((byte[]) read("BINARY(2)", "false")).containsExactly(0, 0);
        assertThat((byte[]) read("BINARY(2)", "true")).containsExactly(0, 1);
        assertThat(read("TIMESTAMP", "true")).isInstanceOf(Failure.class);
        assertThat(read("DATE", "false")).isInstanceOf(Failure.class);
    }

    @Test
    void numbersConvertDirectlyWhenTheyFit() {
        assertThat(read("INTEGER", "67321")).isEqualTo(67321);
        assertThat(read("BIGINT", "9007199254740993")).isEqualTo(9007199254740993L);
        assertThat(read("SMALLINT", "-32768")).isEqualTo(-32768);
        assertThat(read("INTEGER", "123.0")).isEqualTo(123);
        assertThat(read("DOUBLE", "84.51")).isEqualTo(84.51d);
        assertThat(read("REAL", "84.51")).isEqualTo(84.51f);
        assertThat(read("DECIMAL(5,2)", "84.51")).isEqualTo(new BigDecimal("84.51"));
        assertThat(read("DECIMAL(5,2)", "84.5")).isEqualTo(new BigDecimal("84.50"));
        assertThat(read("DECIMAL(38,0)", "123456789012345678901234567890"))
                .isEqualTo(new BigDecimal("123456789012345678901234567890"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INTEGER|123.4", "TINYINT|128", "SMALLINT|40000", "INTEGER|2147483648", "BIGINT|9223372036854775808",
            "DECIMAL(5,2)|1234.5", "DECIMAL(5,2)|84.515", "REAL|1e39", "DOUBLE|1e400"})
    void numbersThatExceedTheTypesSizeOrPrecisionAreCoercionErrors(String type, String number) {
        assertThat(read(type, number)).isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.message()).contains(number).contains("column V"));
    }

    @Test
    void numbersIntoBooleanCharacterBinaryAndDatetimeColumns() {
        assertThat(read("BOOLEAN", "0")).isEqualTo(false);
        assertThat(read("BOOLEAN", "0.0")).isEqualTo(false);
        assertThat(read("BOOLEAN", "-3")).isEqualTo(true);
        assertThat(read("VARCHAR(8)", "67321")).isEqualTo("67321");
        assertThat(read("VARCHAR(8)", "-0.05")).isEqualTo("-0.05");
        assertThat(read("VARCHAR(3)", "67321")).isEqualTo("673");
        assertThat(read("VARBINARY(4)", "1")).isInstanceOf(Failure.class);
        assertThat(read("TIMESTAMP", "1500000000000")).isInstanceOf(Failure.class);
        assertThat(read("TIME", "12")).isInstanceOf(Failure.class);
    }

    @Test
    void stringsAreParsedIntoNumericTypesOrFail() {
        assertThat(read("INTEGER", "\"42\"")).isEqualTo(42);
        assertThat(read("DECIMAL(5,2)", "\" 84.51 \"")).isEqualTo(new BigDecimal("84.51"));
        assertThat(read("DOUBLE", "\"-1.5e3\"")).isEqualTo(-1500d);
        assertThat(read("INTEGER", "\"John Doe\"")).isInstanceOf(Failure.class);
        assertThat(read("DOUBLE", "\"NaN\"")).isInstanceOf(Failure.class);
        assertThat(read("REAL", "\"1.5f\"")).isInstanceOf(Failure.class);
        assertThat(read("INTEGER", "\"\"")).isInstanceOf(Failure.class);
    }

    @Test
    void aStringIsTrueOnlyWhenItReadsTrueInAnyCase() {
        assertThat(read("BOOLEAN", "\"true\"")).isEqualTo(true);
        assertThat(read("BOOLEAN", "\"TRUE\"")).isEqualTo(true);
        assertThat(read("BOOLEAN", "\"yes\"")).isEqualTo(false);
        assertThat(read("BOOLEAN", "\"1\"")).isEqualTo(false);
    }

    @Test
    void longStringsAreSilentlyTruncatedAndCharIsPadded() {
        assertThat(read("VARCHAR(4)", "\"HEALTHCARE\"")).isEqualTo("HEAL");
        assertThat(read("VARCHAR(16)", "\"QXZ\"")).isEqualTo("QXZ");
        assertThat(read("CHAR(5)", "\"QXZ\"")).isEqualTo("QXZ  ");
        assertThat(read("VARCHAR(1)", "\"\\ud83d\\ude00x\"")).isEqualTo("");
    }

    @Test
    void stringsAreBinaryOnlyAsAnEvenLengthHexLiteral() {
        assertThat((byte[]) read("VARBINARY(4)", "\"X'3F67A23A'\"")).containsExactly(0x3F, 0x67, 0xA2, 0x3A);
        assertThat((byte[]) read("BINARY(3)", "\"x'01'\"")).containsExactly(1, 0, 0);
        assertThat(read("VARBINARY(4)", "\"X'3F6'\"")).isInstanceOf(Failure.class);
        assertThat(read("VARBINARY(4)", "\"3F67\"")).isInstanceOf(Failure.class);
        assertThat(read("VARBINARY(1)", "\"X'3F67'\"")).isInstanceOf(Failure.class);
    }

    @Test
    void theGuidesDatetimeFormatsConvertAndOthersFail() {
        assertThat(read("DATE", "\"1992-02-14\"")).isEqualTo(8079);
        assertThat(read("TIMESTAMP", "\"1992-02-14\"")).isEqualTo(698_025_600_000L);
        assertThat(read("TIMESTAMP", "\"1992-02-14 18:35:44.0\"")).isEqualTo(698_092_544_000L);
        assertThat(read("TIMESTAMP", "\"1992-02-14 18:35:44.123456\"")).isEqualTo(698_092_544_123L);
        assertThat(read("TIME", "\"18:35:44\"")).isEqualTo(66_944_000);
        assertThat(read("TIMESTAMP", "\"14/02/1992\"")).isInstanceOf(Failure.class);
        assertThat(read("DATE", "\"1992-02-30\"")).isInstanceOf(Failure.class);
        assertThat(read("TIME", "\"25:00:00\"")).isInstanceOf(Failure.class);
    }

    @Test
    void arraysAndObjectsBecomeTheirJsonTextInCharacterTypesOnly() {
        assertThat(read("VARCHAR(32)", "{\"a\": [1, 2]}")).isEqualTo("{\"a\":[1,2]}");
        assertThat(read("VARCHAR(32)", "[true,null]")).isEqualTo("[true,null]");
        assertThat(read("VARCHAR(3)", "[1,2,3]")).isEqualTo("[1,");
        assertThat(read("INTEGER", "[1]")).isInstanceOf(Failure.class);
        assertThat(read("BOOLEAN", "{}")).isInstanceOf(Failure.class);
        assertThat(read("TIMESTAMP", "{}")).isInstanceOf(Failure.class);
    }
}
