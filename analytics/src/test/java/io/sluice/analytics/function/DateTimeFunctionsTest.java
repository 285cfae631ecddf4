package io.sluice.analytics.function;

import io.sluice.analytics.runtime.EvaluationException;
import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.sluice.analytics.function.Calls.eval;
import static io.sluice.analytics.function.Calls.evalDynamic;
import static io.sluice.analytics.function.Calls.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DateTimeFunctionsTest {

    private static final SqlType DAY_TIME = SqlType.of(SqlTypeName.INTERVAL_DAY_TIME);
    private static final List<SqlType> FORMAT_TEXT = types("VARCHAR(40)", "VARCHAR(40)");

    private static long millis(String iso) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void charToTimestampReadsTheTemplateAndDefaultsTheRest() {
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy-MM-dd hh:mm:ss", "2009-09-16 03:15:24"))
                .isEqualTo(millis("2009-09-16T03:15:24"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy-MM-dd HH:mm:ss", "2009-09-16 15:15:24"))
                .isEqualTo(millis("2009-09-16T15:15:24"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy-MM", "2009-09")).isEqualTo(millis("2009-09-01T00:00"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "dd/MMM/yyyy:HH:mm:ss Z", "24/May/2004:22:01:02 -0700"))
                .isEqualTo(millis("2004-05-25T05:01:02"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyyMMddHHmmss", "20090916031524"))
                .isEqualTo(millis("2009-09-16T03:15:24"));
        assertThat(eval("CHAR_TO_DATE", FORMAT_TEXT, "dd.MM.yyyy", "14.02.1992"))
                .isEqualTo((int) LocalDate.parse("1992-02-14").toEpochDay());
        assertThat(eval("CHAR_TO_TIME", FORMAT_TEXT, "HH:mm", "18:35")).isEqualTo((18 * 60 + 35) * 60_000);
        assertThatThrownBy(() -> eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy-MM-dd", "16/09/2009"))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("yyyy-MM-dd");
    }

    @Test
    void charToTimestampReproducesTheReferencesTemplateExamples() {
        String input = "2009-09-16 03:15:24";
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy-MM-dd", input)).isEqualTo(millis("2009-09-16T00:00"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy-hh-mm", input)).isEqualTo(millis("2009-01-01T09:16"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy", input)).isEqualTo(millis("2009-01-01T00:00"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy-hh", input)).isEqualTo(millis("2009-01-01T09:00"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy hh", "2009 09 16 03:15:24"))
                .isEqualTo(millis("2009-01-01T09:00"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy/hh", "2009/09/16 03:15:24"))
                .isEqualTo(millis("2009-01-01T09:00"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy-mm", input)).isEqualTo(millis("2009-01-01T00:09"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "MM/dd/yy hh:mm:ss", "09/16/11 03:15:24"))
                .isEqualTo(millis("2011-09-16T03:15:24"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy", "09-16 03:15")).isEqualTo(millis("0009-01-01T00:00"));
        assertThat(eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy", "16 03:15")).isEqualTo(millis("0016-01-01T00:00"));
        assertThatThrownBy(() -> eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "MM/dd/yy hh:mm:ss", input))
                .isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> eval("CHAR_TO_TIMESTAMP", FORMAT_TEXT, "yyyy hh", input))
                .isInstanceOf(EvaluationException.class);
    }

    @Test
    void timestampToCharFormatsAndWritesNullForANullTimestamp() {
        long ts = millis("2024-03-05T19:08:09.012");
        assertThat(eval("TIMESTAMP_TO_CHAR", types("VARCHAR(40)", SqlType.TIMESTAMP), "yyyy-MM-dd hh:mm:ss", ts))
                .isEqualTo("2024-03-05 07:08:09");
        assertThat(eval("TIMESTAMP_TO_CHAR", types("VARCHAR(40)", SqlType.TIMESTAMP), "EEE, d MMM yyyy HH:mm:ss.SSS a",
                ts)).isEqualTo("Tue, 5 Mar 2024 19:08:09.012 PM");
        assertThat(eval("TIMESTAMP_TO_CHAR", types("VARCHAR(40)", SqlType.TIMESTAMP), "yyyy-MM-dd", null))
                .isEqualTo("null");
        assertThat(evalDynamic("TIMESTAMP_TO_CHAR", types("VARCHAR(40)", SqlType.TIMESTAMP), "D 'day' w", ts))
                .isEqualTo("65 day 10");
        assertThatThrownBy(() -> ScalarFunctions.resolve("TIMESTAMP_TO_CHAR", types("VARCHAR(40)", SqlType.TIMESTAMP),
                java.util.Arrays.asList("yyyy-qq", null))).isInstanceOf(FunctionResolutionException.class)
                .hasMessageContaining("TIMESTAMP_TO_CHAR");
    }

    @Test
    void tsdiffToTimestampAndUnixTimestamp() {
        assertThat(eval("TSDIFF", types("BIGINT", "BIGINT"), 1_000L, 3_500L)).isEqualTo(2_500L);
        assertThat(eval("TSDIFF", types(SqlType.TIMESTAMP, SqlType.TIMESTAMP), millis("2024-01-01T00:00"),
                millis("2024-01-01T00:01"))).isEqualTo(60_000L);
        assertThat(eval("TSDIFF", types("BIGINT", "BIGINT"), null, 3_500L)).isNull();
        assertThat(eval("TO_TIMESTAMP", types("BIGINT"), 1_500_000_000_000L)).isEqualTo(1_500_000_000_000L);
        assertThat(Casts.cast(eval("TO_TIMESTAMP", types("BIGINT"), 1_500_000_000_000L), SqlType.TIMESTAMP,
                SqlType.varchar(30))).isEqualTo("2017-07-14 02:40:00.000");
        assertThat(eval("UNIX_TIMESTAMP", types(SqlType.TIMESTAMP), millis("2017-07-14T02:40"))).isEqualTo(1_500_000_000_000L);
    }

    @Test
    void floorCeilAndStepRoundTimestampsEpochAligned() {
        long ts = millis("2024-05-17T10:47:31.250");
        assertThat(eval("FLOOR", types(SqlType.TIMESTAMP, "VARCHAR(6)"), ts, "MINUTE")).isEqualTo(millis("2024-05-17T10:47"));
        assertThat(eval("FLOOR", types(SqlType.TIMESTAMP, "VARCHAR(6)"), ts, "HOUR")).isEqualTo(millis("2024-05-17T10:00"));
        assertThat(eval("FLOOR", types(SqlType.TIMESTAMP, "VARCHAR(6)"), ts, "MONTH")).isEqualTo(millis("2024-05-01T00:00"));
        assertThat(eval("CEIL", types(SqlType.TIMESTAMP, "VARCHAR(6)"), ts, "MINUTE")).isEqualTo(millis("2024-05-17T10:48"));
        assertThat(eval("CEIL", types(SqlType.TIMESTAMP, "VARCHAR(6)"), millis("2024-05-17T10:48"), "MINUTE"))
                .isEqualTo(millis("2024-05-17T10:48"));
        assertThat(eval("CEIL", types(SqlType.TIMESTAMP, "VARCHAR(6)"), ts, "YEAR")).isEqualTo(millis("2025-01-01T00:00"));
        assertThat(eval("STEP", types(SqlType.TIMESTAMP, DAY_TIME), ts, 60_000L)).isEqualTo(millis("2024-05-17T10:47"));
        assertThat(eval("STEP", types(SqlType.TIMESTAMP, DAY_TIME), ts, 10_000L))
                .isEqualTo(millis("2024-05-17T10:47:30"));
        assertThat(eval("STEP", types(SqlType.TIMESTAMP, DAY_TIME), null, 10_000L)).isNull();
        assertThat(eval("FLOOR", types(DAY_TIME, "VARCHAR(6)"), 150_000L, "MINUTE")).isEqualTo(120_000L);
        assertThat(eval("CEIL", types(DAY_TIME, "VARCHAR(6)"), 150_000L, "MINUTE")).isEqualTo(180_000L);
        assertThat(eval("STEP", types(SqlType.TIMESTAMP, SqlType.of(SqlTypeName.INTERVAL_YEAR_MONTH)), ts, 3))
                .isEqualTo(millis("2024-04-01T00:00"));
        assertThatThrownBy(() -> eval("STEP", types(SqlType.TIMESTAMP, DAY_TIME), ts, 0L))
                .isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> ScalarFunctions.resolve("FLOOR", types(SqlType.TIMESTAMP, "VARCHAR(9)"),
                java.util.Arrays.asList(null, "FORTNIGHT"))).hasMessageContaining("FORTNIGHT");
    }

    @Test
    void extractTakesFieldsOfDatetimesAndIntervals() {
        long ts = millis("2024-05-17T10:47:31.250");
        List<SqlType> t = types("VARCHAR(6)", SqlType.TIMESTAMP);
        assertThat(eval("EXTRACT", t, "YEAR", ts)).isEqualTo(2024L);
        assertThat(eval("EXTRACT", t, "MONTH", ts)).isEqualTo(5L);
        assertThat(eval("EXTRACT", t, "DAY", ts)).isEqualTo(17L);
        assertThat(eval("EXTRACT", t, "HOUR", ts)).isEqualTo(10L);
        assertThat(eval("EXTRACT", t, "MINUTE", ts)).isEqualTo(47L);
        assertThat(eval("EXTRACT", t, "SECOND", ts)).isEqualTo(31L);
        assertThat(eval("EXTRACT", t, "QUARTER", ts)).isEqualTo(2L);
        assertThat(eval("EXTRACT", t, "DOW", ts)).isEqualTo(6L);
        assertThat(eval("EXTRACT", types("VARCHAR(6)", SqlType.DATE), "DOY", 31)).isEqualTo(32L);
        assertThat(eval("EXTRACT", types("VARCHAR(6)", DAY_TIME), "HOUR", (26 * 3_600_000L))).isEqualTo(2L);
        assertThatThrownBy(() -> ScalarFunctions.resolve("EXTRACT", types("VARCHAR(6)", SqlType.TIME),
                java.util.Arrays.asList("YEAR", null))).hasMessageContaining("YEAR");
    }

    @Test
    void clockFunctionsReturnTheValueThePlannerAppends() {
        long start = millis("2024-05-17T10:47:31.250");
        assertThat(eval("CURRENT_TIMESTAMP", types(SqlType.TIMESTAMP), start)).isEqualTo(start);
        assertThat(eval("LOCALTIMESTAMP", types(SqlType.TIMESTAMP), start)).isEqualTo(start);
        assertThat(eval("CURRENT_DATE", types(SqlType.TIMESTAMP), start))
                .isEqualTo((int) LocalDate.parse("2024-05-17").toEpochDay());
        assertThat(eval("CURRENT_TIME", types(SqlType.TIMESTAMP), start)).isEqualTo((int) (start % 86_400_000L));
        assertThat(evalDynamic("CURRENT_ROW_TIMESTAMP", types(SqlType.TIMESTAMP), start + 5)).isEqualTo(start + 5);
        assertThatThrownBy(() -> ScalarFunctions.resolve("CURRENT_TIMESTAMP", List.of(), null))
                .hasMessageContaining("appends");
    }
}
