package io.sluice.firehose.delivery.search;

import io.sluice.firehose.config.IndexRotation;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IndexNamesTest {

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void everyRotationAppendsAwsDocumentedSuffixForItsExampleTime() {
        long t = at("2016-02-25T13:00:00Z");
        assertThat(IndexNames.of("myindex", IndexRotation.NO_ROTATION, t)).isEqualTo("myindex");
        assertThat(IndexNames.of("myindex", IndexRotation.ONE_HOUR, t)).isEqualTo("myindex-2016-02-25-13");
        assertThat(IndexNames.of("myindex", IndexRotation.ONE_DAY, t)).isEqualTo("myindex-2016-02-25");
        assertThat(IndexNames.of("myindex", IndexRotation.ONE_WEEK, t)).isEqualTo("myindex-2016-w08");
        assertThat(IndexNames.of("myindex", IndexRotation.ONE_MONTH, t)).isEqualTo("myindex-2016-02");
    }

    @Test
    void weeksStartOnSundayAndTheDaysBeforeTheFirstSundayAreWeekZero() {
        // 2016-01-01 is a Friday, 2016-01-03 the first Sunday
        assertThat(IndexNames.of("i", IndexRotation.ONE_WEEK, at("2016-01-02T23:59:59Z"))).isEqualTo("i-2016-w00");
        assertThat(IndexNames.of("i", IndexRotation.ONE_WEEK, at("2016-01-03T00:00:00Z"))).isEqualTo("i-2016-w01");
        assertThat(IndexNames.of("i", IndexRotation.ONE_WEEK, at("2016-02-20T23:59:59Z"))).isEqualTo("i-2016-w07");
        assertThat(IndexNames.of("i", IndexRotation.ONE_WEEK, at("2016-02-21T00:00:00Z"))).isEqualTo("i-2016-w08");
        // 2017-01-01 is a Sunday: week 01 starts on New Year's day
        assertThat(IndexNames.of("i", IndexRotation.ONE_WEEK, at("2017-01-01T00:00:00Z"))).isEqualTo("i-2017-w01");
    }

    @Test
    void rotationUsesUtcArrivalTime() {
        assertThat(IndexNames.of("i", IndexRotation.ONE_HOUR, at("2020-12-31T23:30:00Z")))
                .isEqualTo("i-2020-12-31-23");
    }
}
