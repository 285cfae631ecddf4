package io.sluice.analytics.function;

/**
 * ANY (SOME) and EVERY over BOOLEAN: ANY is TRUE when some non-null argument is TRUE, EVERY when all non-null ones
 * are; NULL over no non-null rows. Counts make retraction exact.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class BooleanAccumulator implements Accumulator {

    private final boolean every;
    private long nonNull;
    private long trues;

    BooleanAccumulator(boolean every) {
        this.every = every;
    }

    @Override
    public void add(Object[] args) {
        if (args[0] != null) {
            nonNull++;
            if ((Boolean) args[0]) {
                trues++;
            }
        }
    }

    @Override
    public void retract(Object[] args) {
        if (args[0] != null) {
            nonNull--;
            if ((Boolean) args[0]) {
                trues--;
            }
        }
    }

    @Override
    public Object result() {
        if (nonNull == 0) {
            return null;
        }
        return every ? trues == nonNull : trues > 0;
    }
}
