package io.sluice.analytics.function;

/**
 * EXP_AVG(x, halfLife): an average in which a row's weight halves every {@code halfLife} of age, age measured back
 * from the newest ROWTIME seen: weight = 2^(−(newest − rowtime) / halfLife). Arguments: the value, the half-life (a
 * day-time interval in milliseconds), and the row's ROWTIME, which the planner appends. The sums are kept relative
 * to the newest ROWTIME and rescaled when it moves, so weights never overflow. DOUBLE; NULL over no non-null rows.
 * Not retractable.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class ExpAvgAccumulator implements Accumulator {

    private double weightedSum;
    private double weights;
    private long newest = Long.MIN_VALUE;

    @Override
    public void add(Object[] args) {
        if (args[0] == null || args[1] == null || args[2] == null) {
            return;
        }
        double x = Values.asDouble(args[0]);
        long halfLife = (Long) args[1];
        if (halfLife <= 0) {
            throw Values.dataError("EXP_AVG needs a positive interval, not " + halfLife + " ms");
        }
        long rowtime = (Long) args[2];
        if (weights == 0) {
            newest = rowtime;
        } else if (rowtime > newest) {
            double decay = Math.pow(2, -(double) (rowtime - newest) / halfLife);
            weightedSum *= decay;
            weights *= decay;
            newest = rowtime;
        }
        double w = Math.pow(2, -(double) (newest - rowtime) / halfLife);
        weightedSum += w * x;
        weights += w;
    }

    @Override
    public void retract(Object[] args) {
        throw new UnsupportedOperationException("EXP_AVG cannot take a row back");
    }

    @Override
    public Object result() {
        return weights == 0 ? null : weightedSum / weights;
    }
}
