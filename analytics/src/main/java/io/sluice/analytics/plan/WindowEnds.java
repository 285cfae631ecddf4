package io.sluice.analytics.plan;

import io.sluice.analytics.sql.KdaOperators;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.function.LongUnaryOperator;

/**
 * The end ROWTIME of the window a value of a monotonic ROWTIME expression stands for, so that a rowtime bound
 * can close it: {@code STEP(ROWTIME BY w)} → v + w, {@code FLOOR(ROWTIME TO unit)} → the next unit, {@code ROWTIME}
 * and {@code CEIL(ROWTIME TO unit)} → v + 1 ms (rows at v itself may still come until then). Null when the
 * expression is of another shape: then only a row that changes the value closes the window.
 *
 * <p>Stateless.
 */
final class WindowEnds {

    private WindowEnds() {
    }

    static LongUnaryOperator of(SqlNode monotonic) {
        if (monotonic instanceof SqlIdentifier) {
            return v -> v + 1;
        }
        if (!(monotonic instanceof SqlCall call) || !(call.operand(0) instanceof SqlIdentifier)) {
            return null;
        }
        if (call.getOperator() == KdaOperators.STEP && call.operand(1) instanceof SqlLiteral width) {
            Object millis = ExprCompiler.literal(width).value();
            if (millis instanceof Long w && w > 0) {
                return v -> v + w;
            }
            return null;
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if (call.operandCount() != 2 || !(call.operand(1) instanceof SqlIntervalQualifier unit)) {
            return null;
        }
        if (name.equals("CEIL") || name.equals("CEILING")) {
            return v -> v + 1;
        }
        if (!name.equals("FLOOR")) {
            return null;
        }
        TimeUnitRange range = unit.timeUnitRange;
        return switch (range) {
            case MILLISECOND -> v -> v + 1;
            case SECOND -> v -> v + 1_000;
            case MINUTE -> v -> v + 60_000;
            case HOUR -> v -> v + 3_600_000;
            case DAY -> v -> v + 86_400_000;
            case WEEK -> v -> v + 7 * 86_400_000L;
            case MONTH -> v -> plusMonths(v, 1);
            case QUARTER -> v -> plusMonths(v, 3);
            case YEAR -> v -> plusMonths(v, 12);
            default -> null;
        };
    }

    private static long plusMonths(long millis, int months) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).plusMonths(months).toInstant()
                .toEpochMilli();
    }
}
