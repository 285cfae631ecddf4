package io.sluice.analytics.function;

import io.sluice.analytics.runtime.EvaluationException;
import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static io.sluice.analytics.function.Calls.eval;
import static io.sluice.analytics.function.Calls.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorsTest {

    private static final SqlType DAY_TIME = SqlType.of(SqlTypeName.INTERVAL_DAY_TIME);
    private static final SqlType YEAR_MONTH = SqlType.of(SqlTypeName.INTERVAL_YEAR_MONTH);

    private static long millis(String iso) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void integerDivisionTruncatesAndModKeepsTheDividendsSign() {
        assertThat(eval("/", types("INTEGER", "INTEGER"), 7, 2)).isEqualTo(3);
        assertThat(eval("/", types("INTEGER", "INTEGER"), -7, 2)).isEqualTo(-3);
        assertThat(eval("MOD", types("INTEGER", "INTEGER"), -7, 3)).isEqualTo(-1);
        assertThat(eval("+", types("INTEGER", "BIGINT"), 1, 2L)).isEqualTo(3L);
        assertThat(eval("*", types("INTEGER", "DOUBLE"), 3, 0.5)).isEqualTo(1.5);
    }

    @Test
    void exactOverflowAndDivisionByZeroFailTheRow() {
        assertThatThrownBy(() -> eval("+", types("INTEGER", "INTEGER"), Integer.MAX_VALUE, 1))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("overflow");
        assertThatThrownBy(() -> eval("*", types("BIGINT", "BIGINT"), Long.MAX_VALUE, 2L))
                .isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> eval("-", types("INTEGER"), Integer.MIN_VALUE))
                .isInstanceOf(EvaluationException.class);
        for (String t : new String[] {"INTEGER", "BIGINT", "DECIMAL(5,2)", "DOUBLE"}) {
            Object zero = switch (t) {
                case "INTEGER" -> 0;
                case "BIGINT" -> 0L;
                case "DOUBLE" -> 0.0;
                default -> new BigDecimal("0.00");
            };
            Object one = switch (t) {
                case "INTEGER" -> 1;
                case "BIGINT" -> 1L;
                case "DOUBLE" -> 1.0;
                default -> new BigDecimal("1.00");
            };
            assertThatThrownBy(() -> eval("/", types(t, t), one, zero))
                    .isInstanceOf(EvaluationException.class).hasMessage("Division by zero");
        }
        assertThatThrownBy(() -> eval("*", types("DECIMAL(38,0)", "DECIMAL(38,0)"),
                new BigDecimal("1e37").setScale(0), new BigDecimal("1e37").setScale(0)))
                .isInstanceOf(EvaluationException.class);
    }

    @Test
    void decimalArithmeticHasTheResultScale() {
        assertThat(eval("/", types("DECIMAL(10,2)", "DECIMAL(5,1)"), new BigDecimal("10.00"), new BigDecimal("3.0")))
                .isEqualTo(new BigDecimal("3.33333333"));
        assertThat(eval("+", types("DECIMAL(10,2)", "INTEGER"), new BigDecimal("1.25"), 2))
                .isEqualTo(new BigDecimal("3.25"));
    }

    @Test
    void nullOperandsGiveNull() {
        assertThat(eval("+", types("INTEGER", null), 1, null)).isNull();
        assertThat(eval("=", types("INTEGER", "INTEGER"), null, 1)).isNull();
        assertThat(eval("||", types("VARCHAR(3)", "VARCHAR(3)"), "a", null)).isNull();
    }

    @Test
    void datetimePlusIntervalAndTimestampDifference() {
        long ts = millis("2024-01-31T10:00:00");
        assertThat(eval("+", types(SqlType.TIMESTAMP, DAY_TIME), ts, 90_000L)).isEqualTo(millis("2024-01-31T10:01:30"));
        assertThat(eval("+", types(YEAR_MONTH, SqlType.TIMESTAMP), 1, ts)).isEqualTo(millis("2024-02-29T10:00:00"));
        assertThat(eval("-", types(SqlType.TIMESTAMP, DAY_TIME), ts, 36_000_000L))
                .isEqualTo(millis("2024-01-31T00:00:00"));
        assertThat(eval("-", types(SqlType.TIMESTAMP, SqlType.TIMESTAMP), ts, millis("2024-01-30T09:00:00")))
                .isEqualTo(90_000_000L);
        assertThat(eval("*", types("INTEGER", DAY_TIME), 2, 1_000L)).isEqualTo(2_000L);
        assertThat(eval("/", types(DAY_TIME, "INTEGER"), (3 * 24 + 4) * 3_600_000L, 2))
                .isEqualTo((24 + 14) * 3_600_000L);
        assertThat(eval("+", types(SqlType.DATE, DAY_TIME), 10, 86_400_000L)).isEqualTo(11);
        assertThat(eval("+", types(SqlType.TIME, DAY_TIME), 86_000_000, 1_000_000L)).isEqualTo(600_000);
    }

    @Test
    void andOrNotFollowThreeValuedLogic() {
        Boolean[] values = {true, false, null};
        Boolean[][] and = {{true, false, null}, {false, false, false}, {null, false, null}};
        Boolean[][] or = {{true, true, true}, {true, false, null}, {true, null, null}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(eval("AND", types("BOOLEAN", "BOOLEAN"), values[i], values[j])).isEqualTo(and[i][j]);
                assertThat(eval("OR", types("BOOLEAN", "BOOLEAN"), values[i], values[j])).isEqualTo(or[i][j]);
            }
        }
        assertThat(eval("NOT", types("BOOLEAN"), (Object) null)).isNull();
        assertThat(eval("NOT", types("BOOLEAN"), false)).isEqualTo(true);
        assertThat(eval("IS NOT TRUE", types("BOOLEAN"), (Object) null)).isEqualTo(true);
        assertThat(eval("IS FALSE", types("BOOLEAN"), (Object) null)).isEqualTo(false);
        assertThat(eval("IS NULL", types("INTEGER"), (Object) null)).isEqualTo(true);
        assertThat(eval("IS UNKNOWN", types("BOOLEAN"), true)).isEqualTo(false);
    }

    @Test
    void comparisonsConvertMixedOperandsToTheirCommonType() {
        assertThat(eval("<", types("INTEGER", "DOUBLE"), 1, 1.5)).isEqualTo(true);
        assertThat(eval("=", types("DECIMAL(5,2)", "INTEGER"), new BigDecimal("2.00"), 2)).isEqualTo(true);
        assertThat(eval(">", types(SqlType.TIMESTAMP, "VARCHAR(30)"), millis("2024-01-01T00:00:01"),
                "2024-01-01 00:00:00")).isEqualTo(true);
        assertThat(eval("=", types("CHAR(5)", "VARCHAR(5)"), "ab   ", "ab")).isEqualTo(true);
        assertThat(eval("<>", types("VARCHAR(5)", "VARCHAR(5)"), "ab ", "ab")).isEqualTo(true);
        assertThatThrownBy(() -> ScalarFunctions.resolve("=", types("BOOLEAN", "INTEGER"), null))
                .isInstanceOf(FunctionResolutionException.class).hasMessageContaining("BOOLEAN");
        assertThatThrownBy(() -> eval("=", types(SqlType.TIMESTAMP, "VARCHAR(30)"), 0L, "yesterday"))
                .isInstanceOf(EvaluationException.class);
    }

    @Test
    void betweenAndInHandleNullLikeSql() {
        assertThat(eval("BETWEEN", types("INTEGER", "INTEGER", "INTEGER"), 5, 1, 10)).isEqualTo(true);
        assertThat(eval("NOT BETWEEN", types("INTEGER", "INTEGER", "INTEGER"), 5, 1, 10)).isEqualTo(false);
        assertThat(eval("BETWEEN", types("INTEGER", "INTEGER", "INTEGER"), 5, null, 4)).isEqualTo(false);
        assertThat(eval("BETWEEN", types("INTEGER", "INTEGER", "INTEGER"), 5, null, 10)).isNull();
        assertThat(eval("IN", types("INTEGER", "INTEGER", "BIGINT"), 2, 1, 2L)).isEqualTo(true);
        assertThat(eval("IN", types("INTEGER", "INTEGER", "INTEGER"), 3, 1, null)).isNull();
        assertThat(eval("NOT IN", types("INTEGER", "INTEGER", "INTEGER"), 3, 1, 2)).isEqualTo(true);
        assertThat(eval("NOT IN", types("INTEGER", "INTEGER", "INTEGER"), 3, 1, null)).isNull();
        assertThat(eval("IN", types("VARCHAR(3)", "VARCHAR(3)"), "a", "a")).isEqualTo(true);
        assertThat(eval("IS DISTINCT FROM", types("INTEGER", "INTEGER"), null, null)).isEqualTo(false);
        assertThat(eval("IS DISTINCT FROM", types("INTEGER", "INTEGER"), 1, null)).isEqualTo(true);
    }

    @Test
    void coalesceTakesTheFirstNonNullInTheCommonTypeAndNullifBlanksEqualValues() {
        assertThat(eval("COALESCE", types("INTEGER", "BIGINT"), null, 5L)).isEqualTo(5L);
        assertThat(eval("COALESCE", types("INTEGER", "BIGINT"), 3, 5L)).isEqualTo(3L);
        assertThat(eval("COALESCE", types("INTEGER", "INTEGER"), null, null)).isNull();
        assertThat(eval("NULLIF", types("INTEGER", "INTEGER"), 3, 3)).isNull();
        assertThat(eval("NULLIF", types("INTEGER", "INTEGER"), 3, 4)).isEqualTo(3);
        assertThat(eval("MONOTONIC", types(SqlType.TIMESTAMP), 42L)).isEqualTo(42L);
        assertThatThrownBy(() -> ScalarFunctions.resolve("COALESCE", types("INTEGER", "VARCHAR(3)"), null))
                .hasMessageContaining("COALESCE");
    }
}
