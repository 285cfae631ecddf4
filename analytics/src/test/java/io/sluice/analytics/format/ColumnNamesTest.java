package io.sluice.analytics.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KDA's discovery naming rule (sch-dis). */
class ColumnNamesTest {

    @ParameterizedTest
    @CsvSource({
            "USER, 0, COL_USER",
            "USER@DOMAIN, 0, COL_USERDOMAIN",
            "@@, 0, COL_0",
            "@@, 7, COL_7",
            "year, 0, COL_year",
            "Values, 3, COL_Values",
            "TIMESTAMP, 0, COL_TIMESTAMP",
            "ROWTIME, 0, COL_ROWTIME",
            "1st_place, 0, COL_1st_place",
            "first place!, 0, COL_firstplace",
            "TICKER_SYMBOL, 0, TICKER_SYMBOL",
            "state, 2, state",
            "_private, 0, _private",
            "café, 0, COL_caf"})
    void namesAreKeptOrPrefixedAsTheGuideDescribes(String source, int position, String expected) {
        assertThat(ColumnNames.suggest(source, position)).isEqualTo(expected);
    }

    @Test
    void namesLongerThanAHundredCharactersArePrefixedAndCut() {
        String longName = "a".repeat(101);

        String name = ColumnNames.suggest(longName, 0);

        assertThat(name).startsWith("COL_aaa").hasSize(ColumnNames.MAX_LENGTH);
        assertThat(ColumnNames.suggest("a".repeat(100), 0)).isEqualTo("a".repeat(100));
    }

    @Test
    void reservedWordsAreMatchedInAnyCase() {
        assertThat(ColumnNames.isReserved("select")).isTrue();
        assertThat(ColumnNames.isReserved("Approximate_Arrival_Time")).isTrue();
        assertThat(ColumnNames.isReserved("TICKER")).isFalse();
    }
}
