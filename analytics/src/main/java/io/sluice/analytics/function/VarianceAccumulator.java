package io.sluice.analytics.function;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP from exact running sums (n, Σx, Σx²), so retraction is exact:
 * var = (Σx² − (Σx)²/n) / (n or n−1). DOUBLE; NULL over no rows, and for the sample forms over one row.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class VarianceAccumulator implements Accumulator {

    private final ExactSum sums;
    private final boolean sample;
    private final boolean root;

    VarianceAccumulator(boolean integral, boolean sample, boolean root) {
        this.sums = new ExactSum(integral, true);
        this.sample = sample;
        this.root = root;
    }

    @Override
    public void add(Object[] args) {
        sums.add(args[0]);
    }

    @Override
    public void retract(Object[] args) {
        sums.retract(args[0]);
    }

    @Override
    public Object result() {
        long n = sums.count();
        if (n == 0 || sample && n == 1) {
            return null;
        }
        BigDecimal count = BigDecimal.valueOf(n);
        BigDecimal sum = sums.sum();
        BigDecimal spread = sums.sumOfSquares().subtract(sum.multiply(sum).divide(count, MathContext.DECIMAL128));
        double variance = spread.divide(BigDecimal.valueOf(sample ? n - 1 : n), MathContext.DECIMAL128)
                .doubleValue();
        variance = Math.max(0, variance);
        return root ? Math.sqrt(variance) : variance;
    }
}
