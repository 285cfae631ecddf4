package io.sluice.analytics.function;

import java.math.BigDecimal;

/**
 * The running sum (and optionally sum of squares) and count of non-null numbers that SUM, AVG and the variances
 * share. Exact types are summed exactly, so taking a row back leaves exactly the state of never having added it:
 * integers in a {@code long} (a sum overflowing it fails the row; squares spill into a {@link BigDecimal} when
 * they overflow), DECIMAL in a {@link BigDecimal}. REAL, FLOAT and DOUBLE are summed in {@code double} with
 * Neumaier's compensation, which keeps a retracted sum within rounding of the recomputed one (exactness is not
 * possible in floating point at this speed).
 *
 * <p><b>Threading</b>: single-threaded, like the accumulators holding it.
 */
final class RunningSums {

    enum Kind { INTEGRAL, DECIMAL, APPROXIMATE }

    private final Kind kind;
    private final boolean squares;
    private long count;

    private long longSum;
    private long longSquares;
    private BigDecimal spilledSquares = BigDecimal.ZERO;

    private BigDecimal decimalSum = BigDecimal.ZERO;
    private BigDecimal decimalSquares = BigDecimal.ZERO;

    private final Compensated doubleSum = new Compensated();
    private final Compensated doubleSquares = new Compensated();

    RunningSums(Kind kind, boolean squares) {
        this.kind = kind;
        this.squares = squares;
    }

    void add(Object v) {
        if (v != null) {
            count++;
            update(v, false);
        }
    }

    void retract(Object v) {
        if (v != null) {
            count--;
            update(v, true);
        }
    }

    private void update(Object v, boolean negate) {
        switch (kind) {
            case INTEGRAL -> {
                long x = ((Number) v).longValue();
                try {
                    longSum = negate ? Math.subtractExact(longSum, x) : Math.addExact(longSum, x);
                } catch (ArithmeticException e) {
                    throw Values.dataError("numeric overflow: the sum does not fit in BIGINT");
                }
                if (squares) {
                    addSquare(x, negate);
                }
            }
            case DECIMAL -> {
                BigDecimal x = (BigDecimal) v;
                decimalSum = negate ? decimalSum.subtract(x) : decimalSum.add(x);
                if (squares) {
                    BigDecimal sq = x.multiply(x);
                    decimalSquares = negate ? decimalSquares.subtract(sq) : decimalSquares.add(sq);
                }
            }
            default -> {
                double x = ((Number) v).doubleValue();
                doubleSum.add(negate ? -x : x);
                if (squares) {
                    doubleSquares.add(negate ? -x * x : x * x);
                }
            }
        }
    }

    private void addSquare(long x, boolean negate) {
        try {
            long sq = Math.multiplyExact(x, x);
            longSquares = negate ? Math.subtractExact(longSquares, sq) : Math.addExact(longSquares, sq);
        } catch (ArithmeticException e) {
            BigDecimal sq = BigDecimal.valueOf(x).pow(2);
            spilledSquares = negate ? spilledSquares.subtract(sq) : spilledSquares.add(sq);
        }
    }

    long count() {
        return count;
    }

    long longSum() {
        return longSum;
    }

    BigDecimal decimalSum() {
        return kind == Kind.INTEGRAL ? BigDecimal.valueOf(longSum) : decimalSum;
    }

    double doubleSum() {
        return kind == Kind.APPROXIMATE ? doubleSum.value() : decimalSum().doubleValue();
    }

    BigDecimal decimalSquares() {
        return kind == Kind.INTEGRAL ? spilledSquares.add(BigDecimal.valueOf(longSquares)) : decimalSquares;
    }

    double doubleSquares() {
        return doubleSquares.value();
    }

    /** Neumaier's compensated sum. */
    private static final class Compensated {
        private double sum;
        private double compensation;

        void add(double x) {
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) {
                compensation += (sum - t) + x;
            } else {
                compensation += (x - t) + sum;
            }
            sum = t;
        }

        double value() {
            return sum + compensation;
        }
    }
}
