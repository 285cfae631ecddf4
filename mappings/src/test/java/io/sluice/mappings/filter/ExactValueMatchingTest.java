package io.sluice.mappings.filter;

import org.junit.jupiter.api.Test;

import static io.sluice.mappings.filter.FilterTesting.matches;
import static org.assertj.core.api.Assertions.assertThat;

class ExactValueMatchingTest {

    @Test
    void stringsMatchExactlyAndCaseSensitively() {
        assertThat(matches("{\"Name\": [\"Alice\"]}", "{\"Name\": \"Alice\"}")).isTrue();
        assertThat(matches("{\"Name\": [\"Alice\"]}", "{\"Name\": \"alice\"}")).isFalse();
        assertThat(matches("{\"Name\": [\"Alice\"]}", "{\"Name\": \"Alice \"}")).isFalse();
    }

    @Test
    void aListOfValuesIsAnOr() {
        String pattern = "{\"PaymentType\": [\"Credit\", \"Debit\"]}";
        assertThat(matches(pattern, "{\"PaymentType\": \"Debit\"}")).isTrue();
        assertThat(matches(pattern, "{\"PaymentType\": \"Cash\"}")).isFalse();
    }

    @Test
    void severalFieldsMustAllMatch() {
        String pattern = "{\"Location\": [\"New York\"], \"Day\": [\"Monday\"]}";
        assertThat(matches(pattern, "{\"Location\": \"New York\", \"Day\": \"Monday\", \"x\": 1}")).isTrue();
        assertThat(matches(pattern, "{\"Location\": \"New York\", \"Day\": \"Tuesday\"}")).isFalse();
        assertThat(matches(pattern, "{\"Location\": \"New York\"}")).isFalse();
    }

    @Test
    void numbersMatchByValueNotByText() {
        assertThat(matches("{\"a\": [1]}", "{\"a\": 1.0}")).isTrue();
        assertThat(matches("{\"a\": [1.0]}", "{\"a\": 1}")).isTrue();
        assertThat(matches("{\"a\": [300]}", "{\"a\": 3.0e2}")).isTrue();
        assertThat(matches("{\"a\": [0.1]}", "{\"a\": 0.10}")).isTrue();
        assertThat(matches("{\"a\": [1]}", "{\"a\": 1.0000001}")).isFalse();
    }

    @Test
    void aNumberNeverMatchesAStringOfTheSameDigits() {
        assertThat(matches("{\"a\": [1]}", "{\"a\": \"1\"}")).isFalse();
        assertThat(matches("{\"a\": [\"1\"]}", "{\"a\": 1}")).isFalse();
    }

    @Test
    void nullMatchesAJsonNullButNotAMissingField() {
        assertThat(matches("{\"UserID\": [null]}", "{\"UserID\": null}")).isTrue();
        assertThat(matches("{\"UserID\": [null]}", "{\"Other\": 1}")).isFalse();
        assertThat(matches("{\"UserID\": [null]}", "{\"UserID\": \"null\"}")).isFalse();
    }

    @Test
    void theEmptyStringIsAValue() {
        assertThat(matches("{\"LastName\": [\"\"]}", "{\"LastName\": \"\"}")).isTrue();
        assertThat(matches("{\"LastName\": [\"\"]}", "{\"LastName\": null}")).isFalse();
        assertThat(matches("{\"LastName\": [\"\"]}", "{}")).isFalse();
    }

    @Test
    void booleansMatchBooleansOnly() {
        assertThat(matches("{\"ok\": [true]}", "{\"ok\": true}")).isTrue();
        assertThat(matches("{\"ok\": [true]}", "{\"ok\": false}")).isFalse();
        assertThat(matches("{\"ok\": [true]}", "{\"ok\": \"true\"}")).isFalse();
        assertThat(matches("{\"ok\": [false]}", "{\"ok\": 0}")).isFalse();
    }

    @Test
    void nestedObjectsDescendIntoTheEvent() {
        String pattern = "{\"order\": {\"type\": [\"buy\"], \"detail\": {\"stock\": [\"ANYCO\"]}}}";
        assertThat(matches(pattern, "{\"order\": {\"type\": \"buy\", \"detail\": {\"stock\": \"ANYCO\"}}}")).isTrue();
        assertThat(matches(pattern, "{\"order\": {\"type\": \"buy\", \"detail\": {\"stock\": \"OTHER\"}}}")).isFalse();
        assertThat(matches(pattern, "{\"order\": {\"type\": \"buy\"}}")).isFalse();
        assertThat(matches(pattern, "{\"order\": \"buy\"}")).isFalse();
    }

    @Test
    void aFieldHoldingAnObjectDoesNotMatchAValueList() {
        assertThat(matches("{\"a\": [\"x\"]}", "{\"a\": {\"b\": \"x\"}}")).isFalse();
    }
}
