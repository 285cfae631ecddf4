package io.sluice.analytics.runtime.window;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;

/** Clock times of one day as ROWTIME millis, as the documentation's tables write them. */
final class Times {

    private static final long DAY = Instant.parse("2018-08-01T00:00:00Z").toEpochMilli();

    private Times() {
    }

    /** {@code "11:00:20"} or {@code "11:00:20.500"} on the test day. */
    static long t(String clock) {
        return DAY + LocalTime.parse(clock).toNanoOfDay() / 1_000_000;
    }

    static String format(long millis) {
        return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).toLocalTime().toString();
    }
}
