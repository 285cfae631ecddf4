package io.sluice.analytics.sql;

import io.sluice.analytics.program.CodeValidationException;
import io.sluice.analytics.sql.impl.KdaSqlParserImpl;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses KDA SQL application code into Calcite syntax trees, using the parser generated from Calcite's grammar
 * ({@code analytics/src/main/codegen}). Only syntax is checked here: names, types and whether a construct is
 * supported are the planner's business.
 *
 * <p>What the trees look like, beyond Calcite's usual ones:
 * <ul>
 *   <li>{@code CREATE [OR REPLACE] STREAM} is a {@link SqlCreateStream}, {@code CREATE [OR REPLACE] PUMP} a
 *       {@link SqlCreatePump};</li>
 *   <li>{@code STEP(x BY w)}, {@code WINDOWED BY STAGGER (...)} and a joined table's {@code OVER (window)} are calls
 *       of the {@link KdaOperators} constants (see each for its operands);</li>
 *   <li>unquoted names are upper-cased, quoted ones kept as written; {@code ROWTIME} and {@code "S".ROWTIME} are
 *       plain identifiers; functions Calcite does not know ({@code TSDIFF}, {@code CHAR_TO_TIMESTAMP},
 *       {@code RANDOM_CUT_FOREST}...) are generic calls ({@code SqlUnresolvedFunction}) by name;</li>
 *   <li>a query ending in {@code ORDER BY} is a {@code SqlOrderBy} wrapping the {@code SqlSelect} (so a pump's
 *       {@code insert().getSource()} is either);</li>
 *   <li>Calcite reads {@code SUBSTRING(s FROM 'regex')} as {@code SUBSTRING(s, 'regex')}, the same call as
 *       {@code SUBSTRING(s FROM 2)} but for its argument: KDA's regular-expression form is the one whose second
 *       operand is a character string, not a number.</li>
 * </ul>
 * Trees print back ({@code toString()}) in Calcite's dialect, fine for messages but not always re-parseable: a
 * stagger window prints as {@code GROUP BY STAGGER(PARTITION BY ... RANGE ...)} and {@code EXPEDITED} is dropped.
 *
 * <p>Threading: immutable and stateless between calls (each call builds its own Calcite parser), so one instance
 * may be shared by any number of threads.
 */
public final class KdaSqlParser {

    /** Calcite lists every token it would have accepted; past this many the list says nothing useful. */
    private static final int MAX_EXPECTED = 8;
    private static final Pattern POSITION_PHRASE = Pattern.compile(" at line \\d+, column \\d+");

    // Calcite's defaults already match KDA's casing and quoting; LENIENT accepts every syntax variant Calcite knows
    // (such as != for <>), leaving what is unsupported to the planner, which can name it.
    private final SqlParser.Config config = SqlParser.config()
            .withParserFactory(KdaSqlParserImpl.FACTORY)
            .withConformance(SqlConformanceEnum.LENIENT);

    /**
     * Parses a whole application: statements separated by {@code ;} (a trailing one is allowed).
     *
     * @return the statements in order; empty for code with no statement
     * @throws CodeValidationException when the code is not syntactically valid, with the 1-based line and column
     *     of the offending token and a message naming what was found and what was expected
     */
    public List<SqlNode> parseProgram(String code) throws CodeValidationException {
        if (hasNoStatement(code)) {
            return List.of(); // Calcite's statement list fails on no statement at all
        }
        try {
            List<SqlNode> statements = new ArrayList<>();
            SqlParser.create(code, config).parseStmtList().forEach(statements::add);
            return List.copyOf(statements);
        } catch (SqlParseException e) {
            throw invalid(e);
        }
    }

    /** Parses one scalar expression, such as {@code STEP(ROWTIME BY INTERVAL '1' MINUTE)}. */
    public SqlNode parseExpression(String text) throws CodeValidationException {
        try {
            return SqlParser.create(text, config).parseExpression();
        } catch (SqlParseException e) {
            throw invalid(e);
        }
    }

    /** Whether the code is only whitespace and comments (an unterminated comment is left to the parser). */
    private static boolean hasNoStatement(String code) {
        int i = 0;
        while (i < code.length()) {
            if (Character.isWhitespace(code.charAt(i))) {
                i++;
            } else if (code.startsWith("--", i)) {
                int end = code.indexOf('\n', i);
                i = end < 0 ? code.length() : end + 1;
            } else if (code.startsWith("/*", i) && code.indexOf("*/", i + 2) >= 0) {
                i = code.indexOf("*/", i + 2) + 2;
            } else {
                return false;
            }
        }
        return true;
    }

    private static CodeValidationException invalid(SqlParseException e) {
        SqlParserPos pos = e.getPos();
        int line = pos == null ? 0 : pos.getLineNum();
        int column = pos == null ? 0 : pos.getColumnNum();
        return new CodeValidationException(reason(e), line, column);
    }

    /** The first line of Calcite's message without its position (the exception carries it), plus a short list. */
    private static String reason(SqlParseException e) {
        String message = e.getMessage() == null ? "syntax error" : e.getMessage().strip();
        int newline = message.indexOf('\n');
        String found = POSITION_PHRASE.matcher(newline < 0 ? message : message.substring(0, newline)).replaceAll("")
                .replace("\\'", "'"); // JavaCC escapes a quote in the token it shows
        if (found.endsWith(".")) {
            found = found.substring(0, found.length() - 1);
        }
        List<String> expected = new ArrayList<>(e.getExpectedTokenNames());
        if (expected.isEmpty()) {
            return found;
        }
        if (expected.size() <= MAX_EXPECTED) {
            return found + "; expected " + String.join(", ", expected);
        }
        return found + "; expected one of " + String.join(", ", expected.subList(0, MAX_EXPECTED)) + " or "
                + (expected.size() - MAX_EXPECTED) + " other tokens";
    }
}
