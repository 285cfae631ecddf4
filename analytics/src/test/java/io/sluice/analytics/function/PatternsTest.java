package io.sluice.analytics.function;

import io.sluice.analytics.runtime.EvaluationException;
import org.junit.jupiter.api.Test;

import static io.sluice.analytics.function.Calls.eval;
import static io.sluice.analytics.function.Calls.evalDynamic;
import static io.sluice.analytics.function.Calls.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatternsTest {

    private static Object like(String value, String pattern) {
        return eval("LIKE", types("VARCHAR(50)", "VARCHAR(50)"), value, pattern);
    }

    private static Object similar(String value, String pattern) {
        return eval("SIMILAR TO", types("VARCHAR(50)", "VARCHAR(50)"), value, pattern);
    }

    @Test
    void likeMatchesTheWholeValueWithPercentAndUnderscore() {
        assertThat(like("TECHNOLOGY", "TECH%")).isEqualTo(true);
        assertThat(like("TECHNOLOGY", "%LOG_")).isEqualTo(true);
        assertThat(like("TECHNOLOGY", "TECH")).isEqualTo(false);
        assertThat(like("a.c", "a.c")).isEqualTo(true);
        assertThat(like("abc", "a.c")).isEqualTo(false);
        assertThat(like("a\nb", "a_b")).isEqualTo(true);
        assertThat(like("(x)", "(%)")).isEqualTo(true);
        assertThat(like("", "%")).isEqualTo(true);
        assertThat(eval("NOT LIKE", types("VARCHAR(5)", "VARCHAR(5)"), "abc", "a%")).isEqualTo(false);
        assertThat(like(null, "a%")).isNull();
    }

    @Test
    void likeEscapeMakesWildcardsLiteralAndRefusesOtherEscapes() {
        assertThat(eval("LIKE", types("VARCHAR(9)", "VARCHAR(9)", "VARCHAR(1)"), "100%", "100!%", "!"))
                .isEqualTo(true);
        assertThat(eval("LIKE", types("VARCHAR(9)", "VARCHAR(9)", "VARCHAR(1)"), "1000", "100!%", "!"))
                .isEqualTo(false);
        assertThat(eval("LIKE", types("VARCHAR(9)", "VARCHAR(9)", "VARCHAR(1)"), "a!b", "a!!b", "!"))
                .isEqualTo(true);
        assertThatThrownBy(() -> ScalarFunctions.resolve("LIKE", types("VARCHAR(9)", "VARCHAR(9)", "VARCHAR(1)"),
                java.util.Arrays.asList(null, "a!b", "!")))
                .isInstanceOf(FunctionResolutionException.class).hasMessageContaining("escape");
        assertThatThrownBy(() -> evalDynamic("LIKE", types("VARCHAR(9)", "VARCHAR(9)", "VARCHAR(2)"), "a", "a",
                "!!")).isInstanceOf(EvaluationException.class);
    }

    @Test
    void patternsFromColumnsCompilePerDistinctValue() {
        assertThat(evalDynamic("LIKE", types("VARCHAR(9)", "VARCHAR(9)"), "abc", "a%")).isEqualTo(true);
        assertThat(evalDynamic("SIMILAR TO", types("VARCHAR(9)", "VARCHAR(9)"), "abc", "(a|b)%")).isEqualTo(true);
    }

    @Test
    void similarToHasSqlRegularExpressionsWithLiteralDot() {
        assertThat(similar("abc", "abc|xyz")).isEqualTo(true);
        assertThat(similar("xyz", "(abc|xyz)")).isEqualTo(true);
        assertThat(similar("abd", "ab[c-e]")).isEqualTo(true);
        assertThat(similar("abf", "ab[c-e]")).isEqualTo(false);
        assertThat(similar("aaa", "a+")).isEqualTo(true);
        assertThat(similar("ab", "a{2}")).isEqualTo(false);
        assertThat(similar("a.c", "a.c")).isEqualTo(true);
        assertThat(similar("abc", "a.c")).isEqualTo(false);
        assertThat(similar("a$c", "a$c")).isEqualTo(true);
        assertThat(similar("x7", "x[[:DIGIT:]]")).isEqualTo(true);
        assertThat(similar("abc", "%b_")).isEqualTo(true);
        assertThat(eval("SIMILAR TO", types("VARCHAR(9)", "VARCHAR(9)", "VARCHAR(1)"), "a|b", "a#|b", "#"))
                .isEqualTo(true);
        assertThat(eval("NOT SIMILAR TO", types("VARCHAR(9)", "VARCHAR(9)"), "abc", "a%")).isEqualTo(false);
        assertThatThrownBy(() -> ScalarFunctions.resolve("SIMILAR TO", types("VARCHAR(9)", "VARCHAR(9)"),
                java.util.Arrays.asList(null, "(ab")))
                .isInstanceOf(FunctionResolutionException.class).hasMessageContaining("SIMILAR TO");
    }
}
