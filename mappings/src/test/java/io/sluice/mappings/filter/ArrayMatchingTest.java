package io.sluice.mappings.filter;

import org.junit.jupiter.api.Test;

import static io.sluice.mappings.filter.FilterTesting.matches;
import static org.assertj.core.api.Assertions.assertThat;

class ArrayMatchingTest {

    @Test
    void aValueMatchesIfAnyElementOfAnEventArrayMatches() {
        assertThat(matches("{\"tags\": [\"red\"]}", "{\"tags\": [\"blue\", \"red\"]}")).isTrue();
        assertThat(matches("{\"tags\": [\"red\"]}", "{\"tags\": [\"blue\", \"green\"]}")).isFalse();
        assertThat(matches("{\"tags\": [{\"prefix\": \"gr\"}]}", "{\"tags\": [\"blue\", \"green\"]}")).isTrue();
    }

    @Test
    void nestedEventArraysAreFlattened() {
        assertThat(matches("{\"n\": [3]}", "{\"n\": [[1, 2], [3]]}")).isTrue();
    }

    @Test
    void aNestedPatternLooksIntoEachObjectOfAnEventArray() {
        String event = "{\"employees\": [{\"first\": \"John\", \"last\": \"Doe\"},"
                + " {\"first\": \"Anna\", \"last\": \"Smith\"}, {\"first\": \"Peter\", \"last\": \"Jones\"}]}";
        assertThat(matches("{\"employees\": {\"first\": [\"Anna\"]}}", event)).isTrue();
        assertThat(matches("{\"employees\": {\"first\": [\"Anna\"], \"last\": [\"Smith\"]}}", event)).isTrue();
    }

    @Test
    void fieldsMatchedTogetherMustBeInTheSameArrayElement() {
        String event = "{\"employees\": [{\"first\": \"Anna\", \"last\": \"Smith\"},"
                + " {\"first\": \"Peter\", \"last\": \"Jones\"}]}";
        assertThat(matches("{\"employees\": {\"first\": [\"Anna\"], \"last\": [\"Jones\"]}}", event)).isFalse();
    }

    @Test
    void anEmptyEventArrayHasNoValues() {
        assertThat(matches("{\"tags\": [\"red\"]}", "{\"tags\": []}")).isFalse();
        assertThat(matches("{\"tags\": [{\"exists\": true}]}", "{\"tags\": []}")).isFalse();
        assertThat(matches("{\"tags\": [{\"exists\": false}]}", "{\"tags\": []}")).isTrue();
    }

    @Test
    void anythingButMatchesAnArrayWithOneOtherElement() {
        assertThat(matches("{\"s\": [{\"anything-but\": \"x\"}]}", "{\"s\": [\"x\", \"y\"]}")).isTrue();
        assertThat(matches("{\"s\": [{\"anything-but\": \"x\"}]}", "{\"s\": [\"x\"]}")).isFalse();
    }
}
