package io.sluice.analytics.ml;

import java.math.BigDecimal;
import java.util.List;

/**
 * The constant arguments of one table function call after its CURSOR, read by position with the function's
 * defaults and ranges. Every failure names the function, the parameter, its position in the call (the CURSOR is
 * argument 1) and the accepted range. Immutable.
 */
final class Arguments {

    private final String function;
    private final List<String> parameters;
    private final List<Object> values;

    private Arguments(String function, List<String> parameters, List<Object> values) {
        this.function = function;
        this.parameters = parameters;
        this.values = values;
    }

    /**
     * Checks the count: at least {@code required} and at most {@code parameters.size()} arguments follow the
     * cursor (KDA lets the trailing parameters of RANDOM_CUT_FOREST default).
     */
    static Arguments of(String function, List<String> parameters, int required, List<Object> values)
            throws TableFunctionException {
        if (values.size() < required || values.size() > parameters.size()) {
            String expected = required == parameters.size()
                    ? "exactly " + required
                    : required == 0 ? "at most " + parameters.size() : required + " to " + parameters.size();
            throw new TableFunctionException(function + " takes a CURSOR followed by " + expected
                    + " argument(s) " + parameters + ", but got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == TableFunctions.NOT_CONSTANT) {
                throw new TableFunctionException(function + " parameter " + describe(parameters, i)
                        + " must be a constant (a literal), not an expression over the stream");
            }
        }
        return new Arguments(function, parameters, values);
    }

    /** An integer parameter in [min, max], or {@code defaultValue} when the call leaves it out. */
    long integer(int index, long defaultValue, long min, long max) throws TableFunctionException {
        if (index >= values.size()) {
            return defaultValue;
        }
        String range = "an integer between " + min + " and " + max + " (inclusive)";
        BigDecimal value = number(index, range);
        BigDecimal whole;
        try {
            whole = new BigDecimal(value.toBigIntegerExact());
        } catch (ArithmeticException notWhole) {
            throw invalid(index, range, value);
        }
        if (whole.compareTo(BigDecimal.valueOf(min)) < 0 || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(index, range, value);
        }
        return whole.longValueExact();
    }

    /** A double parameter that must be greater than zero (and finite). */
    double positive(int index) throws TableFunctionException {
        String range = "a number greater than 0";
        BigDecimal value = number(index, range);
        double d = value.doubleValue();
        if (!(d > 0) || Double.isInfinite(d)) {
            throw invalid(index, range, value);
        }
        return d;
    }

    /** A BOOLEAN parameter, or {@code defaultValue} when the call leaves it out. */
    boolean bool(int index, boolean defaultValue) throws TableFunctionException {
        if (index >= values.size()) {
            return defaultValue;
        }
        if (values.get(index) instanceof Boolean b) {
            return b;
        }
        throw invalid(index, "TRUE or FALSE", values.get(index));
    }

    /** A character string parameter (a column name in single quotes). */
    String string(int index) throws TableFunctionException {
        if (values.get(index) instanceof String s) {
            return s;
        }
        throw invalid(index, "a column name in single quotes", values.get(index));
    }

    TableFunctionException failure(int index, String problem) {
        return new TableFunctionException(function + " parameter " + describe(parameters, index) + " " + problem);
    }

    private BigDecimal number(int index, String range) throws TableFunctionException {
        Object value = values.get(index);
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        throw invalid(index, range, value);
    }

    private TableFunctionException invalid(int index, String range, Object value) {
        String shown = value == null ? "NULL" : value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        return failure(index, "must be " + range + ", but is " + shown);
    }

    private static String describe(List<String> parameters, int index) {
        return parameters.get(index) + " (argument " + (index + 2) + ")";
    }
}
