package io.sluice.analytics.function;

import io.sluice.analytics.runtime.EvaluationException;
import io.sluice.analytics.type.SqlType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CastsTest {

    private static Object cast(Object v, String from, String to) {
        return Casts.cast(v, SqlType.parse(from), SqlType.parse(to));
    }

    private static long millis(String iso) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void characterToShorterVarcharIsCutAndCharIsPadded() {
        assertThat(cast("abcdef", "VARCHAR(10)", "VARCHAR(4)")).isEqualTo("abcd");
        assertThat(cast("ab", "VARCHAR(10)", "CHAR(4)")).isEqualTo("ab  ");
    }

    @Test
    void aDateThatDoesNotFitItsTargetLengthFailsTheRowAsKdaRefusesIt() {
        int date = (int) java.time.LocalDate.parse("2008-08-23").toEpochDay();
        assertThat(cast(date, "DATE", "VARCHAR(10)")).isEqualTo("2008-08-23");
        assertThatThrownBy(() -> cast(date, "DATE", "VARCHAR(9)")).isInstanceOf(EvaluationException.class);
        assertThat(cast(date, "DATE", "CHAR(12)")).isEqualTo("2008-08-23  ");
    }

    @Test
    void decimalsRoundHalfUpToTheirScaleAndOverflowFails() {
        assertThat(cast(new BigDecimal("1.235"), "DECIMAL(10,3)", "DECIMAL(5,2)")).isEqualTo(new BigDecimal("1.24"));
        assertThat(cast(-1.235, "DOUBLE", "DECIMAL(5,1)")).isEqualTo(new BigDecimal("-1.2"));
        assertThat(cast("12.345", "VARCHAR(8)", "DECIMAL(4,2)")).isEqualTo(new BigDecimal("12.35"));
        EvaluationException e = org.junit.jupiter.api.Assertions.assertThrows(EvaluationException.class,
                () -> cast(new BigDecimal("1234.5"), "DECIMAL(10,1)", "DECIMAL(4,1)"));
        assertThat(e.errorName()).isEqualTo("Data Exception");
    }

    @Test
    void integersAreRangeCheckedAndFractionsCutTowardZero() {
        assertThat(cast(3_000_000_000L, "BIGINT", "DOUBLE")).isEqualTo(3.0e9);
        assertThatThrownBy(() -> cast(3_000_000_000L, "BIGINT", "INTEGER")).isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> cast(200, "INTEGER", "TINYINT")).isInstanceOf(EvaluationException.class);
        assertThat(cast(-7.9, "DOUBLE", "INTEGER")).isEqualTo(-7);
        assertThat(cast(new BigDecimal("9.99"), "DECIMAL(3,2)", "SMALLINT")).isEqualTo(9);
        assertThat(cast(" 42 ", "VARCHAR(5)", "BIGINT")).isEqualTo(42L);
        assertThatThrownBy(() -> cast(Double.NaN, "DOUBLE", "BIGINT")).isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> cast(1e300, "DOUBLE", "REAL")).isInstanceOf(EvaluationException.class);
    }

    @Test
    void stringsParseToNumbersBooleansAndDatetimesOrFailTheRow() {
        assertThat(cast("TrUe", "VARCHAR(5)", "BOOLEAN")).isEqualTo(true);
        assertThat(cast("1992-02-14 18:35:44.0", "VARCHAR(30)", "TIMESTAMP"))
                .isEqualTo(millis("1992-02-14T18:35:44"));
        assertThat(cast("1992-02-14T18:35:44.123456", "VARCHAR(30)", "TIMESTAMP"))
                .isEqualTo(millis("1992-02-14T18:35:44.123"));
        assertThat(cast("1992-02-14", "VARCHAR(30)", "DATE")).isEqualTo(8079);
        assertThat(cast("18:35:44", "VARCHAR(30)", "TIME")).isEqualTo(((18 * 60 + 35) * 60 + 44) * 1000);
        assertThatThrownBy(() -> cast("abc", "VARCHAR(3)", "INTEGER"))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("abc");
        assertThatThrownBy(() -> cast("1992-13-01", "VARCHAR(10)", "DATE")).isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> cast("maybe", "VARCHAR(10)", "BOOLEAN")).isInstanceOf(EvaluationException.class);
    }

    @Test
    void timestampTextReadsShortFieldsFractionsAndRefusesImpossibleDates() {
        assertThat(cast(" 2024-1-5 3:04 ", "VARCHAR(30)", "TIMESTAMP")).isEqualTo(millis("2024-01-05T03:04"));
        assertThat(cast("2024-01-05T03:04:05.5", "VARCHAR(30)", "TIMESTAMP"))
                .isEqualTo(millis("2024-01-05T03:04:05.500"));
        assertThat(cast("2024-01-05 03:04:05.123456789", "VARCHAR(30)", "TIMESTAMP"))
                .isEqualTo(millis("2024-01-05T03:04:05.123"));
        assertThat(cast("1969-12-31 23:59:59.999", "VARCHAR(30)", "TIMESTAMP")).isEqualTo(-1L);
        assertThat(cast("2024-02-29", "VARCHAR(30)", "TIMESTAMP")).isEqualTo(millis("2024-02-29T00:00"));
        assertThatThrownBy(() -> cast("2023-02-29", "VARCHAR(30)", "TIMESTAMP"))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("2023-02-29");
        assertThatThrownBy(() -> cast("2024-01-05 24:00", "VARCHAR(30)", "TIMESTAMP"))
                .isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> cast("2024-01-05 10", "VARCHAR(30)", "TIMESTAMP"))
                .isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> cast("2024-01-05 10:00x", "VARCHAR(30)", "TIMESTAMP"))
                .isInstanceOf(EvaluationException.class);
    }

    @Test
    void timestampsFormatWithFourDigitYearsAndBeyond() {
        assertThat(cast(millis("0001-01-01T00:00"), "TIMESTAMP", "VARCHAR(30)")).isEqualTo("0001-01-01 00:00:00.000");
        assertThat(cast(millis("9999-12-31T23:59:59.999"), "TIMESTAMP", "VARCHAR(30)"))
                .isEqualTo("9999-12-31 23:59:59.999");
        assertThat(cast(millis("2000-02-29T12:00"), "TIMESTAMP", "VARCHAR(30)")).isEqualTo("2000-02-29 12:00:00.000");
    }

    @Test
    void datetimesConvertToEachOtherAndToKdasText() {
        long ts = millis("2024-03-05T07:08:09.012");
        assertThat(cast(ts, "TIMESTAMP", "VARCHAR(30)")).isEqualTo("2024-03-05 07:08:09.012");
        assertThat(cast(ts, "TIMESTAMP", "DATE")).isEqualTo((int) java.time.LocalDate.parse("2024-03-05").toEpochDay());
        assertThat(cast(ts, "TIMESTAMP", "TIME")).isEqualTo(((7 * 60 + 8) * 60 + 9) * 1000 + 12);
        assertThat(cast(-1L, "TIMESTAMP", "VARCHAR(30)")).isEqualTo("1969-12-31 23:59:59.999");
        assertThat(cast(true, "BOOLEAN", "VARCHAR(5)")).isEqualTo("TRUE");
        assertThat(cast(new BigDecimal("1.50"), "DECIMAL(3,2)", "VARCHAR(5)")).isEqualTo("1.50");
    }

    @Test
    void nullCastsToNullAndUnsupportedPairsAreRefusedAtResolution() throws Exception {
        assertThat(Casts.conversion(SqlType.DATE, SqlType.TIMESTAMP).apply(null))
                .isNull();
        assertThatThrownBy(() -> Casts.conversion(SqlType.BOOLEAN, SqlType.INTEGER))
                .isInstanceOf(FunctionResolutionException.class).hasMessageContaining("BOOLEAN");
        assertThatThrownBy(() -> Casts.conversion(SqlType.DATE, SqlType.TIME))
                .isInstanceOf(FunctionResolutionException.class);
    }

    @Test
    void implicitConversionIntoAColumnAllowsAssignmentsOnly() throws Exception {
        assertThat(Casts.implicit(SqlType.INTEGER, SqlType.parse("DECIMAL(5,1)")).apply(7))
                .isEqualTo(new BigDecimal("7.0"));
        assertThat(Casts.implicit(SqlType.varchar(20), SqlType.varchar(3)).apply("abcdef")).isEqualTo("abc");
        assertThat(Casts.implicit(SqlType.varchar(20), SqlType.TIMESTAMP).apply("1992-02-14 18:35:44.0"))
                .isEqualTo(millis("1992-02-14T18:35:44"));
        assertThatThrownBy(() -> Casts.implicit(SqlType.TIMESTAMP, SqlType.INTEGER))
                .isInstanceOf(FunctionResolutionException.class).hasMessageContaining("column");
        assertThatThrownBy(() -> Casts.implicit(SqlType.BIGINT, SqlType.INTEGER).apply(1L << 40))
                .isInstanceOf(EvaluationException.class);
    }
}
