package io.sluice.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What {@link WireObject}'s getters need of a number as {@link WireObjectReader} keeps it (Integer, Long or
 * BigInteger for integers; Float, Double or BigDecimal for the rest): the answers of databind's number nodes, which
 * the getters used before, so that conversions, their limits and their rounding stay as they were. Stateless.
 */
final class WireNumbers {

    private WireNumbers() {
    }

    static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    /** A binary floating-point number (whose value may be NaN or infinite). */
    static boolean isBinaryFloat(Object value) {
        return value instanceof Double || value instanceof Float;
    }

    /** Whether an integral number is within int's range. */
    static boolean fitsInt(Number integral) {
        if (integral instanceof Long value) {
            return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
        }
        return !(integral instanceof BigInteger value) || value.bitLength() <= 31;
    }

    /** Whether an integral number is within long's range. */
    static boolean fitsLong(Number integral) {
        return !(integral instanceof BigInteger value) || value.bitLength() <= 63;
    }

    /** The number as a decimal; a binary float by its shortest decimal representation (a Float widened first). */
    static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal value) {
            return value;
        }
        if (number instanceof BigInteger value) {
            return new BigDecimal(value);
        }
        if (isBinaryFloat(number)) {
            return BigDecimal.valueOf(number.doubleValue());
        }
        return BigDecimal.valueOf(number.longValue());
    }
}
