package io.sluice.analytics.function;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.analytics.function.Calls.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScalarFunctionsTest {

    @Test
    void theCatalogueOfTheReferenceIsSupported() {
        assertThat(ScalarFunctions.supported()).contains("CHAR_LENGTH", "CHARACTER_LENGTH", "INITCAP", "LOWER",
                "UPPER", "OVERLAY", "POSITION", "REGEX_REPLACE", "SUBSTRING", "TRIM", "ABS", "CEIL", "CEILING",
                "FLOOR", "EXP", "LN", "LOG10", "POWER", "SQRT", "MOD", "STEP", "CURRENT_DATE", "CURRENT_TIME",
                "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_ROW_TIMESTAMP", "EXTRACT", "TSDIFF",
                "CHAR_TO_DATE", "CHAR_TO_TIME", "CHAR_TO_TIMESTAMP", "TIMESTAMP_TO_CHAR", "TO_TIMESTAMP",
                "UNIX_TIMESTAMP", "FAST_REGEX_LOG_PARSER", "REGEX_LOG_PARSE", "W3C_LOG_PARSE", "SYS_LOG_PARSE",
                "VARIABLE_COLUMN_LOG_PARSE", "FIXED_COLUMN_LOG_PARSE", "||", "LIKE", "SIMILAR TO", "IN", "BETWEEN");
        assertThat(AggregateFunctions.supported()).contains("COUNT", "SUM", "AVG", "MIN", "MAX", "EXP_AVG",
                "FIRST_VALUE", "LAST_VALUE", "VAR_POP", "VAR_SAMP", "STDDEV_POP", "STDDEV_SAMP", "ANY", "SOME",
                "EVERY");
    }

    @Test
    void namesResolveInAnyCaseAndUnknownOnesAreRefusedByName() throws Exception {
        assertThat(ScalarFunctions.resolve("upper", types("VARCHAR(3)"), null).returnType())
                .isEqualTo(io.sluice.analytics.type.SqlType.varchar(3));
        assertThat(ScalarFunctions.isScalar("not   like")).isTrue();
        assertThatThrownBy(() -> ScalarFunctions.resolve("SOUNDEX", types("VARCHAR(3)"), null))
                .isInstanceOf(FunctionResolutionException.class).hasMessageContaining("SOUNDEX");
        assertThatThrownBy(() -> ScalarFunctions.resolve("SUM", types("INTEGER"), null))
                .hasMessageContaining("aggregate");
        assertThatThrownBy(() -> ScalarFunctions.resolve("ABS", List.of(), null))
                .hasMessageContaining("ABS takes 1 argument, not 0");
    }

    @Test
    void functionsReturningRowsDeclareTheirRowType() throws Exception {
        ResolvedScalar r = ScalarFunctions.resolve("REGEX_LOG_PARSE", types("VARCHAR(9)", "VARCHAR(9)"),
                java.util.Arrays.asList(null, "(a)(b)"));
        assertThat(r.returnType()).isNull();
        assertThat(r.rowType().size()).isEqualTo(2);
        assertThat(ScalarFunctions.resolve("ABS", types("INTEGER"), null).rowType()).isNull();
        assertThatThrownBy(() -> ScalarFunctions.resolve("REGEX_LOG_PARSE", types("VARCHAR(9)", "VARCHAR(9)"), null))
                .hasMessageContaining("literal");
    }
}
