package io.sluice.mappings.filter;

import org.junit.jupiter.api.Test;

import static io.sluice.mappings.filter.FilterTesting.matches;
import static org.assertj.core.api.Assertions.assertThat;

class AnythingButTest {

    @Test
    void aSingleStringExcludesThatString() {
        String pattern = "{\"Weather\": [{\"anything-but\": \"Raining\"}]}";
        assertThat(matches(pattern, "{\"Weather\": \"Sunny\"}")).isTrue();
        assertThat(matches(pattern, "{\"Weather\": \"Raining\"}")).isFalse();
        assertThat(matches(pattern, "{\"Weather\": \"raining\"}")).isTrue();
    }

    @Test
    void aMissingFieldIsNotAnythingBut() {
        assertThat(matches("{\"Weather\": [{\"anything-but\": \"Raining\"}]}", "{\"Other\": 1}")).isFalse();
    }

    @Test
    void aListOfStringsExcludesEach() {
        String pattern = "{\"state\": [{\"anything-but\": [\"stopped\", \"overloaded\"]}]}";
        assertThat(matches(pattern, "{\"state\": \"running\"}")).isTrue();
        assertThat(matches(pattern, "{\"state\": \"overloaded\"}")).isFalse();
    }

    @Test
    void numbersAreExcludedByValue() {
        String pattern = "{\"x\": [{\"anything-but\": [100, 200]}]}";
        assertThat(matches(pattern, "{\"x\": 150}")).isTrue();
        assertThat(matches(pattern, "{\"x\": 100.0}")).isFalse();
        assertThat(matches("{\"x\": [{\"anything-but\": 5}]}", "{\"x\": 5}")).isFalse();
    }

    @Test
    void prefixAndSuffixExcludeByAffix() {
        assertThat(matches("{\"s\": [{\"anything-but\": {\"prefix\": \"init\"}}]}", "{\"s\": \"running\"}")).isTrue();
        assertThat(matches("{\"s\": [{\"anything-but\": {\"prefix\": \"init\"}}]}", "{\"s\": \"initializing\"}"))
                .isFalse();
        assertThat(matches("{\"f\": [{\"anything-but\": {\"suffix\": \".png\"}}]}", "{\"f\": \"a.jpg\"}")).isTrue();
        assertThat(matches("{\"f\": [{\"anything-but\": {\"suffix\": \".png\"}}]}", "{\"f\": \"a.png\"}")).isFalse();
    }

    @Test
    void equalsIgnoreCaseExcludesEveryCasing() {
        String pattern = "{\"s\": [{\"anything-but\": {\"equals-ignore-case\": [\"Stopped\", \"idle\"]}}]}";
        assertThat(matches(pattern, "{\"s\": \"STOPPED\"}")).isFalse();
        assertThat(matches(pattern, "{\"s\": \"Idle\"}")).isFalse();
        assertThat(matches(pattern, "{\"s\": \"running\"}")).isTrue();
    }

    @Test
    void aValueOfAnotherTypeIsNotExcluded() {
        assertThat(matches("{\"s\": [{\"anything-but\": \"5\"}]}", "{\"s\": 5}")).isTrue();
        assertThat(matches("{\"s\": [{\"anything-but\": \"x\"}]}", "{\"s\": null}")).isTrue();
    }
}
