package io.sluice.mappings.filter;

import org.junit.jupiter.api.Test;

import static io.sluice.mappings.filter.FilterTesting.matches;
import static org.assertj.core.api.Assertions.assertThat;

class NumericAndExistsTest {

    @Test
    void numericEqualsComparesValues() {
        String pattern = "{\"Price\": [{\"numeric\": [\"=\", 100]}]}";
        assertThat(matches(pattern, "{\"Price\": 100}")).isTrue();
        assertThat(matches(pattern, "{\"Price\": 100.00}")).isTrue();
        assertThat(matches(pattern, "{\"Price\": 1e2}")).isTrue();
        assertThat(matches(pattern, "{\"Price\": 100.5}")).isFalse();
        assertThat(matches(pattern, "{\"Price\": \"100\"}")).isFalse();
    }

    @Test
    void aRangeHonoursOpenAndClosedBounds() {
        String pattern = "{\"Price\": [{\"numeric\": [\">\", 10, \"<=\", 20]}]}";
        assertThat(matches(pattern, "{\"Price\": 10}")).isFalse();
        assertThat(matches(pattern, "{\"Price\": 10.000001}")).isTrue();
        assertThat(matches(pattern, "{\"Price\": 20}")).isTrue();
        assertThat(matches(pattern, "{\"Price\": 20.0000001}")).isFalse();
        assertThat(matches("{\"p\": [{\"numeric\": [\">=\", 10, \"<\", 20]}]}", "{\"p\": 10}")).isTrue();
        assertThat(matches("{\"p\": [{\"numeric\": [\">=\", 10, \"<\", 20]}]}", "{\"p\": 20}")).isFalse();
    }

    @Test
    void singleBoundsAreOpenOnTheOtherSide() {
        assertThat(matches("{\"p\": [{\"numeric\": [\"<\", 0]}]}", "{\"p\": -1e9}")).isTrue();
        assertThat(matches("{\"p\": [{\"numeric\": [\"<\", 0]}]}", "{\"p\": 0}")).isFalse();
        assertThat(matches("{\"p\": [{\"numeric\": [\"<=\", 0]}]}", "{\"p\": 0}")).isTrue();
        assertThat(matches("{\"p\": [{\"numeric\": [\">\", 0.5]}]}", "{\"p\": 0.51}")).isTrue();
        assertThat(matches("{\"p\": [{\"numeric\": [\">=\", 0.5]}]}", "{\"p\": 0.5}")).isTrue();
    }

    @Test
    void decimalsCompareExactly() {
        assertThat(matches("{\"p\": [{\"numeric\": [\"=\", 0.3]}]}", "{\"p\": 0.30}")).isTrue();
        assertThat(matches("{\"p\": [{\"numeric\": [\">\", 0.1, \"<\", 0.3]}]}", "{\"p\": 0.3}")).isFalse();
    }

    @Test
    void numericIgnoresNonNumbersAndMissingFields() {
        String pattern = "{\"p\": [{\"numeric\": [\">\", 0]}]}";
        assertThat(matches(pattern, "{\"p\": \"5\"}")).isFalse();
        assertThat(matches(pattern, "{\"p\": null}")).isFalse();
        assertThat(matches(pattern, "{}")).isFalse();
    }

    @Test
    void existsTrueNeedsAValue() {
        String pattern = "{\"ProductName\": [{\"exists\": true}]}";
        assertThat(matches(pattern, "{\"ProductName\": \"x\"}")).isTrue();
        assertThat(matches(pattern, "{\"ProductName\": null}")).isTrue();
        assertThat(matches(pattern, "{\"Other\": \"x\"}")).isFalse();
    }

    @Test
    void existsFalseNeedsNoValue() {
        String pattern = "{\"ProductName\": [{\"exists\": false}]}";
        assertThat(matches(pattern, "{\"Other\": \"x\"}")).isTrue();
        assertThat(matches(pattern, "{\"ProductName\": \"\"}")).isFalse();
        assertThat(matches(pattern, "{\"ProductName\": null}")).isFalse();
    }

    @Test
    void existsLooksAtLeavesSoAnObjectDoesNotCount() {
        assertThat(matches("{\"c\": [{\"exists\": false}]}", "{\"c\": {\"c1\": 100}}")).isTrue();
        assertThat(matches("{\"c\": [{\"exists\": true}]}", "{\"c\": {\"c1\": 100}}")).isFalse();
    }

    @Test
    void existsFalseUnderAMissingParentMatches() {
        assertThat(matches("{\"a\": {\"b\": [{\"exists\": false}]}}", "{\"x\": 1}")).isTrue();
        assertThat(matches("{\"a\": {\"b\": [{\"exists\": false}]}}", "{\"a\": {\"b\": 1}}")).isFalse();
    }
}
