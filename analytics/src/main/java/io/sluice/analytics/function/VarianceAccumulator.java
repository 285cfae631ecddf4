package io.sluice.analytics.function;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP from running sums (n, Σx, Σx²) kept by {@link RunningSums} (exact for exact types, so retraction is):
 * var = (Σx² − (Σx)²/n) / (n or n−1). DOUBLE; NULL over no rows, and for the sample forms over one row.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class VarianceAccumulator implements Accumulator {

    private final RunningSums sums;
    private final boolean sample;
    private final boolean root;
    private final boolean approximate;

    VarianceAccumulator(RunningSums.Kind kind, boolean sample, boolean root) {
        this.sums = new RunningSums(kind, true);
        this.sample = sample;
        this.approximate = kind == RunningSums.Kind.APPROXIMATE;
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
        double variance;
        if (approximate) {
            double sum = sums.doubleSum();
            variance = (sums.doubleSquares() - sum * sum / n) / (sample ? n - 1 : n);
        } else {
            BigDecimal sum = sums.decimalSum();
            BigDecimal spread = sums.decimalSquares()
                    .subtract(sum.multiply(sum).divide(BigDecimal.valueOf(n), MathContext.DECIMAL128));
            variance = spread.divide(BigDecimal.valueOf(sample ? n - 1 : n), MathContext.DECIMAL128).doubleValue();
        }
        variance = Math.max(0, variance);
        return root ? Math.sqrt(variance) : variance;
    }
}
