package io.sluice.analytics.function;

import io.sluice.analytics.runtime.EvaluationException;
import io.sluice.analytics.type.SqlType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static io.sluice.analytics.function.Calls.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogParsersTest {

    private static ResolvedScalar resolve(String name, List<SqlType> types, Object... constants) {
        return Calls.resolve(name, types, constants);
    }

    private static Object[] parse(ResolvedScalar f, Object... args) {
        return (Object[]) f.impl().apply(args);
    }

    private static long millis(String iso) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void w3cCommonFormatGivesTheReferenceColumns() {
        ResolvedScalar f = resolve("W3C_LOG_PARSE", types("VARCHAR(200)", "VARCHAR(10)"), null, "COMMON");
        assertThat(f.rowType().columns()).extracting(c -> c.name())
                .containsExactly("COLUMN1", "COLUMN2", "COLUMN3", "COLUMN4", "COLUMN5", "COLUMN6", "COLUMN7");
        assertThat(parse(f, "192.168.254.30 - John [24/May/2004:22:01:02 -0700] "
                + "\"GET /icons/apache_pb.gif HTTP/1.1\" 304 0", "COMMON"))
                .containsExactly("192.168.254.30", "-", "John", "[24/May/2004:22:01:02 -0700]",
                        "GET /icons/apache_pb.gif HTTP/1.1", "304", "0");
        assertThat(parse(f, "not a log line", "COMMON")).isNull();
    }

    @Test
    void w3cExtendedAndCustomFormatsReadQuotedHeaders() {
        ResolvedScalar f = resolve("W3C_LOG_PARSE", types("VARCHAR(300)", "VARCHAR(20)"), null, "NCSA EXTENDED");
        Object[] row = parse(f, "10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] \"GET / HTTP/1.0\" 200 512 "
                + "\"http://example.com/\" \"Mozilla/5.0 (X11; Linux)\"", "NCSA EXTENDED");
        assertThat(row).hasSize(9);
        assertThat(row[7]).isEqualTo("http://example.com/");
        assertThat(row[8]).isEqualTo("Mozilla/5.0 (X11; Linux)");
        ResolvedScalar custom = resolve("W3C_LOG_PARSE", types("VARCHAR(300)", "VARCHAR(20)"), null, "%h %>s %b");
        assertThat(parse(custom, "host 404 -", "%h %>s %b")).containsExactly("host", "404", "-");
        assertThatThrownBy(() -> ScalarFunctions.resolve("W3C_LOG_PARSE", types("VARCHAR(9)", "VARCHAR(9)"),
                Arrays.asList(null, "no specifiers"))).hasMessageContaining("W3C_LOG_PARSE");
    }

    @Test
    void regexLogParseReturnsOneColumnPerGroupOrNull() {
        ResolvedScalar f = resolve("REGEX_LOG_PARSE", types("VARCHAR(30)", "VARCHAR(30)"), null, ".*([E].).*([R].*)");
        assertThat(f.rowType().columns()).allMatch(c -> c.type().equals(SqlType.varchar(1024)));
        assertThat(parse(f, "ENERGY", null)).containsExactly("EN", "RGY");
        assertThat(parse(f, "FINANCIAL", null)).isNull();
        ResolvedScalar typed = resolve("REGEX_LOG_PARSE", types("VARCHAR(30)", "VARCHAR(30)", "VARCHAR(40)"), null,
                "(\\w+)=(\\d+\\.\\d+)", "NAME, PRICE DECIMAL(6,2)");
        assertThat(typed.rowType().columns()).extracting(c -> c.name()).containsExactly("NAME", "PRICE");
        assertThat(parse(typed, "abc=12.5", null, null)).containsExactly("abc", new BigDecimal("12.50"));
    }

    @Test
    void fastRegexLogParserIsLazyAndNeverBacktracksIntoAnEarlierPiece() {
        List<SqlType> t = types("VARCHAR(40)", "VARCHAR(40)");
        ResolvedScalar a = resolve("FAST_REGEX_LOG_PARSER", t, null, "(.*)_+(._.*)");
        assertThat(parse(a, "Mary_had_a_little_lamb", null)).isNull();
        ResolvedScalar b = resolve("FAST_REGEX_LOG_PARSER", t, null, "(.*)_+(.*)");
        assertThat(parse(b, "Mary____had_a_little_lamb", null)).containsExactly("Mary", "had_a_little_lamb");
        ResolvedScalar c = resolve("FAST_REGEX_LOG_PARSE", t, null, "(.*)_+(<Alpha>.*)");
        assertThat(parse(c, "Mary____had_a_little_lamb", null)).containsExactly("Mary", "had_a_little_lamb");
        ResolvedScalar first = resolve("FAST_REGEX_LOG_PARSER", t, null, "(.*)_(._.*)_.*");
        assertThat(parse(first, "Mary_had_a_little_lamb", null)[0]).isEqualTo("Mary_had");
        ResolvedScalar digits = resolve("FAST_REGEX_LOG_PARSER", t, null, "(<Digit>+)\"-\"(<Digit>+)");
        assertThat(parse(digits, "2024-05", null)).containsExactly("2024", "05");
        assertThatThrownBy(() -> ScalarFunctions.resolve("FAST_REGEX_LOG_PARSER", t, Arrays.asList(null, "(a&b)")))
                .hasMessageContaining("not supported");
    }

    @Test
    void variableColumnLogParseSplitsWithEscapeAndQuotes() {
        ResolvedScalar f = resolve("VARIABLE_COLUMN_LOG_PARSE", types("VARCHAR(40)", "INTEGER", "VARCHAR(1)",
                "VARCHAR(1)", "VARCHAR(1)"), null, 3, ",", "\\", "\"");
        assertThat(f.rowType().columns()).extracting(c -> c.name()).containsExactly("COLUMN1", "COLUMN2", "COLUMN3");
        assertThat(parse(f, "a,b", 3, ",", "\\", "\"")).containsExactly("a", "b", null);
        assertThat(parse(f, "a\\,b,c", 3, ",", "\\", "\"")).containsExactly("a,b", "c", null);
        assertThat(parse(f, "\"x,y\",z,w,extra", 3, ",", "\\", "\"")).containsExactly("x,y", "z", "w");
        ResolvedScalar typed = resolve("VARIABLE_COLUMN_LOG_PARSE", types("VARCHAR(60)", "VARCHAR(90)",
                "VARCHAR(1)"), null, "\"host\" TYPE VARCHAR(20), bytes TYPE INTEGER, "
                + "at TYPE TIMESTAMP 'dd/MMM/yyyy:HH:mm:ss'", "|");
        assertThat(typed.rowType().columns()).extracting(c -> c.name()).containsExactly("host", "BYTES", "AT");
        assertThat(parse(typed, "web1|512|24/May/2004:22:01:02", null, "|"))
                .containsExactly("web1", 512, millis("2004-05-24T22:01:02"));
        assertThatThrownBy(() -> parse(typed, "web1|lots|x", null, "|")).isInstanceOf(EvaluationException.class);
    }

    @Test
    void fixedColumnLogParseCutsAtZeroBasedPositions() {
        ResolvedScalar f = resolve("FIXED_COLUMN_LOG_PARSE", types("VARCHAR(40)", "VARCHAR(200)"), null,
                "code TYPE INTEGER START 0 FOR 3, name TYPE VARCHAR(5) START 3 FOR 5, "
                        + "day TYPE DATE 'yyyyMMdd' START 8 FOR 8, rest TYPE VARCHAR(10) START 16");
        assertThat(parse(f, "042alice20240517tail", null))
                .containsExactly(42, "alice", (int) java.time.LocalDate.parse("2024-05-17").toEpochDay(), "tail");
        assertThat(parse(f, "042bob", null)).containsExactly(42, "bob", null, null);
        assertThatThrownBy(() -> ScalarFunctions.resolve("FIXED_COLUMN_LOG_PARSE", types("VARCHAR(9)", "VARCHAR(9)"),
                Arrays.asList(null, "code TYPE INTEGER"))).hasMessageContaining("START");
    }

    @Test
    void sysLogParseReadsTheTimestampWithTheRunsYear() {
        ResolvedScalar f = resolve("SYS_LOG_PARSE", types("VARCHAR(80)", SqlType.TIMESTAMP), null,
                millis("2024-01-01T00:00"));
        assertThat(f.rowType().column(0).type()).isEqualTo(SqlType.TIMESTAMP);
        assertThat(parse(f, "Feb  3 04:05:06 myhost sshd[42]: accepted", millis("2024-01-01T00:00")))
                .containsExactly(millis("2024-02-03T04:05:06"), "myhost sshd[42]: accepted");
        assertThat(parse(f, "garbage line without time", millis("2024-01-01T00:00"))).isNull();
    }
}
