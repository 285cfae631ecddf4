package io.sluice.analytics.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * What schema discovery has seen of one column's sample values, and the SQL type it infers from them:
 * <ul>
 *   <li>integers only: INTEGER when every value fits 32 bits, else BIGINT (DOUBLE past 64 bits);</li>
 *   <li>numbers with fractions: REAL when every value has at most 7 significant digits and fits REAL's range,
 *   else DOUBLE;</li>
 *   <li>booleans only: BOOLEAN (booleans among numbers keep the numeric type, as they coerce to 1/0);</li>
 *   <li>strings that are all a date with a time of day ({@code 1992-02-14 18:35:44.0}): TIMESTAMP;</li>
 *   <li>anything else (strings, arrays, objects, mixed kinds, or no value at all): VARCHAR(n), n the longest
 *   text seen rounded up to a power of two, at least 4 (what KDA's documented discoveries show: "AK" →
 *   VARCHAR(4), a 9-character value → VARCHAR(16), a 35-character one → VARCHAR(64)).</li>
 * </ul>
 * In CSV every field is text: a field is a number or a boolean when it reads as one. Empty fields and nulls tell
 * nothing. Confined to the discovering thread.
 */
final class ColumnStats {

    static final int MIN_VARCHAR = 4;
    static final int MAX_VARCHAR = 65_535;
    private static final int REAL_DIGITS = 7;
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?(?:\\d+\\.\\d*|\\.\\d+|\\d+)(?:[eE][+-]?\\d+)?");

    private boolean sawNumber;
    private boolean sawBoolean;
    private boolean sawString;
    private boolean sawStructure;
    private boolean integral = true;
    private boolean fitsInt = true;
    private boolean fitsLong = true;
    private boolean fitsReal = true;
    private boolean dateTimes = true;
    private int longestText;

    void observe(JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        if (value.isBoolean()) {
            sawBoolean = true;
            text(value.asText());
        } else if (value.isNumber()) {
            String text = value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
            number(text, value.isIntegralNumber());
        } else if (value.isTextual()) {
            string(value.textValue());
        } else {
            sawStructure = true;
            text(value.toString());
        }
    }

    /** A CSV field. */
    void observe(String field) {
        String trimmed = field.trim();
        if (trimmed.isEmpty()) {
            return;
        }
        if (INTEGER_TEXT.matcher(trimmed).matches()) {
            number(trimmed, true);
        } else if (DECIMAL_TEXT.matcher(trimmed).matches()) {
            number(trimmed, false);
        } else if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            sawBoolean = true;
            text(field);
        } else {
            string(field);
        }
    }

    /** Whether a CSV field reads as a number or a boolean (a header row has none). */
    static boolean looksTyped(String field) {
        String trimmed = field.trim();
        return DECIMAL_TEXT.matcher(trimmed).matches() || trimmed.equalsIgnoreCase("true")
                || trimmed.equalsIgnoreCase("false");
    }

    SqlType type() {
        if (sawString || sawStructure || !sawNumber && !sawBoolean) {
            if (sawString && !sawStructure && !sawNumber && !sawBoolean && dateTimes) {
                return SqlType.TIMESTAMP;
            }
            return SqlType.varchar(varcharLength(longestText));
        }
        if (!sawNumber) {
            return SqlType.BOOLEAN;
        }
        if (integral) {
            return fitsInt ? SqlType.INTEGER : fitsLong ? SqlType.BIGINT : SqlType.DOUBLE;
        }
        return fitsReal ? SqlType.of(SqlTypeName.REAL) : SqlType.DOUBLE;
    }

    private void number(String text, boolean isIntegral) {
        sawNumber = true;
        text(text);
        BigDecimal value = new BigDecimal(text);
        if (isIntegral) {
            fitsInt &= value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                    && value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
            fitsLong &= value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                    && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
        } else {
            integral = false;
        }
        fitsReal &= value.stripTrailingZeros().precision() <= REAL_DIGITS
                && value.abs().compareTo(BigDecimal.valueOf(Float.MAX_VALUE)) <= 0;
    }

    private void string(String text) {
        sawString = true;
        dateTimes &= DateTimeText.isDateAndTime(text);
        text(text);
    }

    private void text(String text) {
        longestText = Math.max(longestText, text.length());
    }

    static int varcharLength(int longest) {
        int length = MIN_VARCHAR;
        while (length < longest && length < MAX_VARCHAR) {
            length <<= 1;
        }
        return Math.min(length, MAX_VARCHAR);
    }
}
