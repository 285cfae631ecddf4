package io.sluice.firehose.delivery.search;

import io.sluice.firehose.config.IndexRotation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The index a document goes to: the IndexName plus a part of the record's UTC arrival time, as AWS rotates
 * indices. For an arrival at 2016-02-25T13:00:00Z: NoRotation {@code myindex}, OneHour
 * {@code myindex-2016-02-25-13}, OneDay {@code myindex-2016-02-25}, OneWeek {@code myindex-2016-w08}, OneMonth
 * {@code myindex-2016-02}.
 *
 * <p>Weeks start on Sunday, as AWS documents; the week number is that of C's {@code strftime %U}: the days of a
 * year before its first Sunday are week 00, and week 01 starts on the first Sunday. That is the numbering that
 * gives AWS's own example (2016-02-25 is in week 08), which the "first week contains a Saturday" wording of the
 * same page does not (it gives 09). Stateless.
 */
final class IndexNames {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private IndexNames() {
    }

    static String of(String indexName, IndexRotation rotation, long arrivalMillis) {
        ZonedDateTime time = Instant.ofEpochMilli(arrivalMillis).atZone(ZoneOffset.UTC);
        return switch (rotation) {
            case NO_ROTATION -> indexName;
            case ONE_HOUR -> indexName + "-" + HOUR.format(time);
            case ONE_DAY -> indexName + "-" + DAY.format(time);
            case ONE_WEEK -> indexName + "-" + time.getYear() + "-w" + twoDigits(sundayWeek(time));
            case ONE_MONTH -> indexName + "-" + MONTH.format(time);
        };
    }

    /** {@code %U}: (day of the year from 0 + 7 - weekday from Sunday = 0) / 7. */
    private static int sundayWeek(ZonedDateTime time) {
        int dayOfYear = time.getDayOfYear() - 1;
        int weekday = time.getDayOfWeek().getValue() % 7;
        return (dayOfYear + 7 - weekday) / 7;
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
