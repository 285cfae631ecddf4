package io.sluice.analytics.function;

import io.sluice.analytics.runtime.EvaluationException;
import org.junit.jupiter.api.Test;

import static io.sluice.analytics.function.Calls.eval;
import static io.sluice.analytics.function.Calls.evalDynamic;
import static io.sluice.analytics.function.Calls.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StringFunctionsTest {

    private static Object substring(String s, int from, int length) {
        return eval("SUBSTRING", types("VARCHAR(20)", "INTEGER", "INTEGER"), s, from, length);
    }

    @Test
    void substringReproducesTheReferenceExamples() {
        assertThat(substring("123456789", 3, 4)).isEqualTo("3456");
        assertThat(substring("123456789", 17, 4)).isEqualTo("");
        assertThat(substring("123456789", -1, 4)).isEqualTo("12");
        assertThat(substring("123456789", 6, 0)).isEqualTo("");
        assertThat(substring("123456789", 8, 4)).isEqualTo("89");
        assertThat(eval("SUBSTRING", types("VARCHAR(20)", "INTEGER"), "123456789", 5)).isEqualTo("56789");
        assertThatThrownBy(() -> substring("123", 1, -1)).isInstanceOf(EvaluationException.class);
    }

    @Test
    void substringWithACharacterSecondArgumentIsTheRegexForm() {
        assertThat(eval("SUBSTRING", types("VARCHAR(20)", "VARCHAR(20)"), "TECHNOLOGY", "L[A-Z]*"))
                .isEqualTo("LOGY");
        assertThat(eval("SUBSTRING", types("VARCHAR(20)", "VARCHAR(20)"), "order-1234-x", "-(\\d+)-"))
                .isEqualTo("1234");
        assertThat(eval("SUBSTRING", types("VARCHAR(20)", "VARCHAR(20)"), "abc", "\\d")).isNull();
        assertThat(eval("SUBSTRING", types("VARCHAR(20)", "VARCHAR(20)"), "TECHNOLOGY", "FOO")).isNull();
        assertThat(eval("SUBSTRING", types("VARCHAR(20)", "VARCHAR(20)"), "TECHNOLOGY", "O[A-Z]")).isEqualTo("OL");
        assertThat(evalDynamic("SUBSTRING", types("VARCHAR(20)", "VARCHAR(20)"), "abc", "b.")).isEqualTo("bc");
    }

    @Test
    void substringSimilarReturnsTheMarkedPart() {
        assertThat(eval("SUBSTRING", types("VARCHAR(20)", "VARCHAR(20)", "VARCHAR(1)"), "abcdefg", "a#\"%#\"f_",
                "#")).isEqualTo("bcde");
        assertThat(eval("SUBSTRING", types("VARCHAR(20)", "VARCHAR(20)", "VARCHAR(1)"), "123456789",
                "23#\"456#\"78", "#")).isEqualTo("456");
        assertThat(eval("SUBSTRING", types("VARCHAR(20)", "VARCHAR(20)", "VARCHAR(1)"), "TECHNOLOGY",
                "TECH%\"NOLO%\"GY", "%")).isEqualTo("NOLO");
    }

    @Test
    void regexReplaceReplacesAllOrTheNthMatchFromTheStartPosition() {
        String sql = "REGEX_REPLACE";
        var t = types("VARCHAR(30)", "VARCHAR(30)", "VARCHAR(30)", "INTEGER", "INTEGER");
        assertThat(eval(sql, t, "TECHNOLOGY", "TECHNOLOGY", "INFORMATION TECHNOLOGY", 1, 0))
                .isEqualTo("INFORMATION TECHNOLOGY");
        assertThat(eval(sql, t, "a1b2c3", "\\d", "#", 1, 0)).isEqualTo("a#b#c#");
        assertThat(eval(sql, t, "a1b2c3", "\\d", "#", 1, 2)).isEqualTo("a1b#c3");
        assertThat(eval(sql, t, "a1b2c3", "\\d", "#", 3, 0)).isEqualTo("a1b#c#");
        assertThat(eval(sql, t, "a1b2c3", "(\\w)(\\d)", "$2$1", 1, 1)).isEqualTo("1ab2c3");
        assertThat(eval(sql, t, "abc", "b", "x", 9, 0)).isEqualTo("abc");
        assertThatThrownBy(() -> eval(sql, t, "abc", "b", "x", 0, 0)).isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> eval(sql, t, "abc", "b", "x", 1, -1)).isInstanceOf(EvaluationException.class);
    }

    @Test
    void positionOverlayInitcapTrimAndLength() {
        assertThat(eval("POSITION", types("VARCHAR(5)", "VARCHAR(20)"), "cd", "abcdcd")).isEqualTo(3);
        assertThat(eval("POSITION", types("VARCHAR(5)", "VARCHAR(20)"), "x", "abc")).isEqualTo(0);
        assertThat(eval("POSITION", types("VARCHAR(5)", "VARCHAR(20)", "INTEGER"), "cd", "abcdcd", 4)).isEqualTo(5);
        assertThat(eval("OVERLAY", types("VARCHAR(20)", "VARCHAR(5)", "INTEGER", "INTEGER"), "abcdef", "XY", 2, 3))
                .isEqualTo("aXYef");
        assertThat(eval("OVERLAY", types("VARCHAR(20)", "VARCHAR(5)", "INTEGER"), "abcdef", "XY", 5))
                .isEqualTo("abcdXY");
        assertThat(eval("INITCAP", types("VARCHAR(30)"), "hello wORLD of-sql")).isEqualTo("Hello World Of-sql");
        assertThat(eval("UPPER", types("VARCHAR(5)"), "abc")).isEqualTo("ABC");
        assertThat(eval("LOWER", types("VARCHAR(5)"), "AbC")).isEqualTo("abc");
        assertThat(eval("CHAR_LENGTH", types("VARCHAR(9)"), "héllo")).isEqualTo(5);
        assertThat(eval("CHARACTER_LENGTH", types("VARCHAR(9)"), "")).isEqualTo(0);
        assertThat(eval("TRIM", types("VARCHAR(9)"), "  ab  ")).isEqualTo("ab");
        assertThat(eval("TRIM", types("VARCHAR(9)", "VARCHAR(1)", "VARCHAR(9)"), "LEADING", "x", "xxabxx"))
                .isEqualTo("abxx");
        assertThat(eval("TRIM", types("VARCHAR(9)", "VARCHAR(1)", "VARCHAR(9)"), "TRAILING", "x", "xxabxx"))
                .isEqualTo("xxab");
        assertThat(eval("TRIM", types("VARCHAR(9)", "VARCHAR(1)", "VARCHAR(9)"), "BOTH", "x", "xxabxx"))
                .isEqualTo("ab");
        assertThat(eval("||", types("VARCHAR(3)", "CHAR(2)"), "ab", "cd")).isEqualTo("abcd");
        assertThatThrownBy(() -> eval("TRIM", types("VARCHAR(9)", "VARCHAR(2)", "VARCHAR(9)"), "BOTH", "xy", "x"))
                .isInstanceOf(EvaluationException.class);
    }

    @Test
    void trimAndInitcapReproduceTheReferenceExamples() {
        var three = types("VARCHAR(9)", "VARCHAR(1)", "VARCHAR(30)");
        assertThat(eval("TRIM", types("VARCHAR(30)"), " Trim front and back ")).isEqualTo("Trim front and back");
        assertThat(eval("TRIM", three, "BOTH", " ", " Trim front and back ")).isEqualTo("Trim front and back");
        assertThat(eval("TRIM", three, "LEADING", "x", "xxxTrim frontxxx")).isEqualTo("Trim frontxxx");
        assertThat(eval("TRIM", three, "TRAILING", "x", "xxxTrimxBackxxx")).isEqualTo("xxxTrimxBack");
        assertThat(eval("TRIM", three, "BOTH", "y", "xxxNo y to trimxxx")).isEqualTo("xxxNo y to trimxxx");
        assertThatThrownBy(() -> eval("TRIM", three, "BOTH", "", "abc")).isInstanceOf(EvaluationException.class);
        assertThat(eval("TRIM", three, "BOTH", null, "abc")).isNull();
        assertThat(eval("INITCAP", types("VARCHAR(40)"), "Each FIRST lEtTeR is cAPITALIZED"))
                .isEqualTo("Each First Letter Is Capitalized");
    }

    @Test
    void wrongArgumentsAreRefusedNamingTheFunction() {
        assertThatThrownBy(() -> ScalarFunctions.resolve("UPPER", types("INTEGER"), null))
                .isInstanceOf(FunctionResolutionException.class).hasMessageContaining("UPPER")
                .hasMessageContaining("INTEGER");
        assertThatThrownBy(() -> ScalarFunctions.resolve("CHAR_LENGTH", types("VARCHAR(3)", "VARCHAR(3)"), null))
                .hasMessageContaining("CHAR_LENGTH takes 1 argument, not 2");
        assertThatThrownBy(() -> ScalarFunctions.resolve("REGEX_REPLACE",
                types("VARCHAR(3)", "VARCHAR(3)", "VARCHAR(3)", "INTEGER", "INTEGER"),
                java.util.Arrays.asList(null, "(", null, null, null)))
                .hasMessageContaining("REGEX_REPLACE");
    }
}
