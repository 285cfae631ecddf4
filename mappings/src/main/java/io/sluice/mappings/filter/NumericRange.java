package io.sluice.mappings.filter;

import java.math.BigDecimal;

/**
 * The interval of a {@code numeric} operator: {@code ["=", n]}, one bound ({@code [">", n]}, {@code ["<=", n]}...)
 * or a lower bound then an upper one ({@code [">", 0, "<=", 5]}). A null bound is open-ended. Values compare
 * exactly as decimals, so {@code 0.1} is {@code 0.1}. Immutable.
 */
record NumericRange(BigDecimal low, boolean lowInclusive, BigDecimal high, boolean highInclusive) {

    static NumericRange equalTo(BigDecimal value) {
        return new NumericRange(value, true, value, true);
    }

    boolean contains(BigDecimal value) {
        if (low != null) {
            int c = value.compareTo(low);
            if (c < 0 || c == 0 && !lowInclusive) {
                return false;
            }
        }
        if (high != null) {
            int c = value.compareTo(high);
            return c < 0 || c == 0 && highInclusive;
        }
        return true;
    }
}
