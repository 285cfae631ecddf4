package io.sluice.analytics.sql;

import io.sluice.analytics.program.CodeValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Code that does not parse is answered with where it went wrong and a readable reason. */
class KdaSqlParserErrorTest {

    private final KdaSqlParser parser = new KdaSqlParser();

    @Test
    void aSyntaxErrorReportsTheLineAndColumnOfTheOffendingToken() {
        CodeValidationException e = failure("""
                CREATE STREAM s (a INTEGER);
                SELECT STREAM a
                  FORM s;
                """);

        // FORM reads as the column's alias, so the parser stumbles on the name after it.
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.reason()).startsWith("Encountered \"s\"").contains("\"FROM\"");
        assertThat(e.getMessage()).startsWith("SQL error at line 3, column 8: ");
    }

    @Test
    void aMisspelledCreateKeywordNamesWhatWouldHaveBeenAccepted() {
        CodeValidationException e = failure("CREATE OR REPLACE STREEM \"OUT\" (a INTEGER);");

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(19);
        assertThat(e.reason()).isEqualTo("Encountered \"STREEM\"; expected \"PUMP\", \"STREAM\"");
    }

    @Test
    void aMisspelledStaggerIsReportedWhereItIs() {
        CodeValidationException e = failure("""
                SELECT STREAM a FROM s
                WINDOWED BY STAGER (PARTITION BY a RANGE INTERVAL '1' MINUTE)
                """);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(13);
        assertThat(e.reason()).isEqualTo("Encountered \"STAGER\"; expected \"STAGGER\"");
    }

    @Test
    void windowedIsReservedSoOnlyItsQuotedFormNamesAColumn() throws Exception {
        CodeValidationException e = failure("SELECT STREAM windowed FROM s");

        assertThat(e.column()).isEqualTo(15);
        assertThat(e.reason()).startsWith("Encountered \"windowed\"");
        assertThat(parser.parseProgram("SELECT STREAM \"WINDOWED\" FROM s")).hasSize(1);
    }

    @Test
    void stepWithoutByIsASyntaxError() {
        CodeValidationException e = failure("SELECT STREAM STEP(ROWTIME, 60) FROM s");

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(27);
    }

    @Test
    void aLongListOfExpectedTokensIsCutShort() {
        CodeValidationException e = failure("SELECT STREAM FROM s");

        assertThat(e.column()).isEqualTo(15);
        assertThat(e.reason()).contains("FROM").contains("; expected one of ").endsWith("other tokens");
        assertThat(e.reason().length()).isLessThan(200);
    }

    @Test
    void anUnterminatedStringIsReportedWhereItOpens() {
        CodeValidationException e = failure("CREATE STREAM s (a INTEGER);\nSELECT STREAM 'abc FROM s");

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(15);
        assertThat(e.reason()).startsWith("Encountered \"'\"");
    }

    @Test
    void aMalformedExpressionIsACodeValidationExceptionToo() {
        CodeValidationException e = catchThrowableOfType(CodeValidationException.class,
                () -> parser.parseExpression("STEP(ROWTIME BY)"));

        assertThat(e).isNotNull();
        assertThat(e.column()).isEqualTo(16);
    }

    private CodeValidationException failure(String code) {
        CodeValidationException e = catchThrowableOfType(CodeValidationException.class,
                () -> parser.parseProgram(code));
        assertThat(e).as("parsing should fail: %s", code).isNotNull();
        return e;
    }
}
