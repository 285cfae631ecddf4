package io.sluice.analytics.function;

/**
 * COUNT: with no argument ({@code COUNT(*)}) every row, else the rows whose argument is not NULL. BIGINT, 0 over no
 * rows.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class CountAccumulator implements Accumulator {

    private long count;

    @Override
    public void add(Object[] args) {
        if (args.length == 0 || args[0] != null) {
            count++;
        }
    }

    @Override
    public void retract(Object[] args) {
        if (args.length == 0 || args[0] != null) {
            count--;
        }
    }

    @Override
    public Object result() {
        return count;
    }
}
