package io.sluice.analytics.function;

import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * SUM and AVG over an {@link RunningSums}, so retraction is exact for exact types. The result is in the aggregate's return type:
 * INTEGER (a sum outside its range fails the row), BIGINT, DECIMAL (rounded HALF_UP to its scale) or DOUBLE. AVG of
 * an exact integer type is integer division truncating toward zero, as KDA's AVG over INTEGER {2, 9, 10} is 7.
 * NULL over no non-null rows.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class SumAccumulator implements Accumulator {

    private final RunningSums sum;
    private final boolean average;
    private final SqlType result;

    SumAccumulator(SqlType argument, SqlType result, boolean average) {
        this.sum = new RunningSums(kind(argument.name()), false);
        this.average = average;
        this.result = result;
    }

    static RunningSums.Kind kind(SqlTypeName n) {
        if (n == SqlTypeName.DECIMAL) {
            return RunningSums.Kind.DECIMAL;
        }
        return n.isExactNumeric() ? RunningSums.Kind.INTEGRAL : RunningSums.Kind.APPROXIMATE;
    }

    @Override
    public void add(Object[] args) {
        sum.add(args[0]);
    }

    @Override
    public void retract(Object[] args) {
        sum.retract(args[0]);
    }

    @Override
    public Object result() {
        long n = sum.count();
        if (n == 0) {
            return null;
        }
        return switch (result.name()) {
            case INTEGER, TINYINT, SMALLINT -> {
                long v = average ? sum.longSum() / n : sum.longSum();
                yield Values.toIntExact(v, average ? "AVG" : "SUM");
            }
            case BIGINT -> average ? sum.longSum() / n : sum.longSum();
            case DECIMAL -> {
                BigDecimal v = average
                        ? sum.decimalSum().divide(BigDecimal.valueOf(n), result.scale(), RoundingMode.HALF_UP)
                        : sum.decimalSum().setScale(result.scale(), RoundingMode.HALF_UP);
                if (v.precision() - v.scale() > result.precision() - result.scale()) {
                    throw Values.dataError("numeric overflow: the " + (average ? "AVG" : "SUM")
                            + " does not fit in " + result);
                }
                yield v;
            }
            default -> average ? sum.doubleSum() / n : sum.doubleSum();
        };
    }
}
