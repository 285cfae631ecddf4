package io.sluice.analytics.function;

import io.sluice.analytics.runtime.EvaluationException;

import java.math.BigDecimal;

/** Reading numbers of any numeric representation, and the errors rows fail with. Stateless and thread-safe. */
final class Values {

    static final String DATA_EXCEPTION = "Data Exception";

    private Values() {
    }

    static EvaluationException dataError(String message) {
        return new EvaluationException(DATA_EXCEPTION, message);
    }

    static long asLong(Object v) {
        return ((Number) v).longValue();
    }

    static double asDouble(Object v) {
        return ((Number) v).doubleValue();
    }

    static BigDecimal asDecimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Integer || v instanceof Long) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw dataError("cannot convert " + d + " to an exact number");
        }
        return new BigDecimal(Double.toString(d));
    }

    static int toIntExact(long v, String what) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw dataError(what + " overflows INTEGER: " + v);
        }
        return (int) v;
    }
}
