package io.sluice.analytics.function;

import java.math.BigDecimal;

/**
 * The exact running sum and count of non-null numbers that SUM, AVG and the variances share, so that taking a row
 * back leaves exactly the state of never having added it: integers add in a {@code long} (overflowing it fails the
 * row), everything else (DECIMAL, and REAL/FLOAT/DOUBLE by their exact binary value) in a {@link BigDecimal}.
 * Optionally the sum of squares too, exact in the same way.
 *
 * <p><b>Threading</b>: single-threaded, like the accumulators holding it.
 */
final class ExactSum {

    private final boolean integral;
    private final boolean squares;
    private long count;
    private long longSum;
    private BigDecimal sum = BigDecimal.ZERO;
    private BigDecimal sumOfSquares = BigDecimal.ZERO;

    ExactSum(boolean integral, boolean squares) {
        this.integral = integral;
        this.squares = squares;
    }

    void add(Object v) {
        if (v == null) {
            return;
        }
        count++;
        update(v, false);
    }

    void retract(Object v) {
        if (v == null) {
            return;
        }
        count--;
        update(v, true);
    }

    private void update(Object v, boolean negate) {
        if (integral) {
            long x = ((Number) v).longValue();
            try {
                longSum = negate ? Math.subtractExact(longSum, x) : Math.addExact(longSum, x);
            } catch (ArithmeticException e) {
                throw Values.dataError("numeric overflow: the sum does not fit in BIGINT");
            }
            if (squares) {
                BigDecimal sq = BigDecimal.valueOf(x).pow(2);
                sumOfSquares = negate ? sumOfSquares.subtract(sq) : sumOfSquares.add(sq);
            }
            return;
        }
        BigDecimal x = exact(v);
        sum = negate ? sum.subtract(x) : sum.add(x);
        if (squares) {
            BigDecimal sq = x.multiply(x);
            sumOfSquares = negate ? sumOfSquares.subtract(sq) : sumOfSquares.add(sq);
        }
    }

    private static BigDecimal exact(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw Values.dataError("cannot aggregate " + d);
            }
            return new BigDecimal(d);
        }
        return BigDecimal.valueOf(((Number) v).longValue());
    }

    long count() {
        return count;
    }

    long longSum() {
        return longSum;
    }

    BigDecimal sum() {
        return integral ? BigDecimal.valueOf(longSum) : sum;
    }

    BigDecimal sumOfSquares() {
        return sumOfSquares;
    }
}
