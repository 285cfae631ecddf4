package io.sluice.mappings.filter;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.mappings.filter.FilterTesting.json;
import static io.sluice.mappings.filter.FilterTesting.matches;
import static org.assertj.core.api.Assertions.assertThat;

class OrTest {

    @Test
    void dollarOrNeedsOneAlternativeAndTheOtherFields() {
        String pattern = "{\"source\": [\"cw\"], \"$or\": [{\"metric\": [\"CPU\"]}, {\"namespace\": [\"EC2\"]}]}";
        assertThat(matches(pattern, "{\"source\": \"cw\", \"namespace\": \"EC2\"}")).isTrue();
        assertThat(matches(pattern, "{\"source\": \"cw\", \"metric\": \"CPU\"}")).isTrue();
        assertThat(matches(pattern, "{\"source\": \"cw\", \"metric\": \"Disk\"}")).isFalse();
        assertThat(matches(pattern, "{\"source\": \"other\", \"metric\": \"CPU\"}")).isFalse();
    }

    @Test
    void dollarOrNestsAndCombinesAtEachLevel() {
        String pattern = "{\"detail\": {\"$or\": [{\"a\": [1]}, {\"b\": [2], \"$or\": [{\"c\": [3]}, {\"d\": [4]}]}]}}";
        assertThat(matches(pattern, "{\"detail\": {\"a\": 1}}")).isTrue();
        assertThat(matches(pattern, "{\"detail\": {\"b\": 2, \"d\": 4}}")).isTrue();
        assertThat(matches(pattern, "{\"detail\": {\"b\": 2}}")).isFalse();
    }

    @Test
    void dollarOrFollowedByAnObjectIsAnOrdinaryFieldName() {
        assertThat(matches("{\"$or\": {\"x\": [1]}}", "{\"$or\": {\"x\": 1}}")).isTrue();
        assertThat(matches("{\"$or\": {\"x\": [1]}}", "{\"x\": 1}")).isFalse();
    }

    @Test
    void anyOfSeveralPatternsPassesARecord() throws InvalidFilterException {
        EventFilter filter = FilterPatterns.compile(List.of("{\"a\": [1]}", "{\"b\": [2]}"));
        assertThat(filter.matches(json("{\"b\": 2}"))).isTrue();
        assertThat(filter.matches(json("{\"a\": 1}"))).isTrue();
        assertThat(filter.matches(json("{\"a\": 2, \"b\": 1}"))).isFalse();
    }

    @Test
    void noPatternsPassEveryRecord() throws InvalidFilterException {
        assertThat(FilterPatterns.compile(List.of())).isSameAs(EventFilter.ALL);
    }
}
