package io.sluice.mappings.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvalidPatternTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "''                                                   | The pattern is empty",
            "not json                                             | not valid JSON",
            "{\"a\": [1]} trailing                               | not valid JSON",
            "[\"a\"]                                              | must be a JSON object",
            "{}                                                   | The pattern is an empty object",
            "{\"a\": {}}                                          | \"a\" is an empty object",
            "{\"a\": \"x\"}                                       | \"a\" must be an object or an array of values",
            "{\"a\": 1}                                           | \"a\" must be an object or an array of values",
            "{\"a\": []}                                          | \"a\" has an empty list of values",
            "{\"a\": [[1]]}                                       | cannot hold a list",
            "{\"a\": [1], \"a\": [2]}                             | Duplicate field 'a'",
            "{\"a\": [{\"prefix\": 1}]}                           | \"prefix\" takes a string",
            "{\"a\": [{\"prefix\": \"x\", \"suffix\": \"y\"}]}    | exactly one operator",
            "{\"a\": [{\"contains\": \"x\"}]}                     | unknown operator \"contains\"",
            "{\"a\": [{\"wildcard\": \"a*b\"}]}                   | \"wildcard\" is not supported",
            "{\"a\": [{\"exists\": \"yes\"}]}                     | \"exists\" takes true or false",
            "{\"a\": [{\"equals-ignore-case\": 5}]}               | \"equals-ignore-case\" takes a string",
            "{\"a\": [{\"anything-but\": []}]}                    | empty list",
            "{\"a\": [{\"anything-but\": [\"x\", 1]}]}            | strings only or numbers only",
            "{\"a\": [{\"anything-but\": null}]}                  | strings only or numbers only",
            "{\"a\": [{\"anything-but\": {\"prefix\": \"\"}}]}    | cannot be empty",
            "{\"a\": [{\"anything-but\": {\"numeric\": [\"=\", 1]}}]} | cannot apply \"numeric\"",
            "{\"a\": [{\"numeric\": [\">\"]}]}                    | \"numeric\" takes",
            "{\"a\": [{\"numeric\": [\"!=\", 1]}]}                | unknown numeric operator",
            "{\"a\": [{\"numeric\": [\">\", \"1\"]}]}             | numeric bounds are JSON numbers",
            "{\"a\": [{\"numeric\": [\"<\", 5, \">\", 1]}]}       | lower bound (> or >=) then an upper bound",
            "{\"a\": [{\"numeric\": [\">\", 5, \"<\", 5]}]}       | lower bound must be below",
            "{\"a\": [{\"cidr\": \"10.0.0.0\"}]}                  | needs a prefix length",
            "{\"a\": [{\"cidr\": \"10.0.0.0/33\"}]}               | not an IP address block",
            "{\"a\": [{\"cidr\": \"host.example/8\"}]}            | not an IP address block",
            "{\"$or\": [{\"a\": [1]}]}                            | needs at least 2 alternatives",
            "{\"data\": [\"plain text\"]}                         | \"data\" must hold a pattern object",
    })
    void isRejectedWithLambdasMessageAndTheReason(String pattern, String reason) {
        assertThatThrownBy(() -> FilterPatterns.compile(List.of(pattern)))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessageStartingWith("Invalid filter pattern definition. ")
                .hasMessageContaining(reason);
    }

    @Test
    void aPatternLongerThan4096CharactersIsRejected() {
        String values = "\"x\", ".repeat(1100);
        String pattern = "{\"a\": [" + values + "\"y\"]}";
        assertThat(pattern.length()).isGreaterThan(4096);
        assertThatThrownBy(() -> FilterPatterns.compile(List.of(pattern)))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("at most 4096 characters");
    }

    @Test
    void aPatternOfExactly4096CharactersIsAccepted() throws InvalidFilterException {
        String prefix = "{\"a\": [\"";
        String suffix = "\"]}";
        String pattern = prefix + "x".repeat(4096 - prefix.length() - suffix.length()) + suffix;
        assertThat(pattern).hasSize(4096);
        assertThat(FilterPatterns.compile(List.of(pattern))).isNotNull();
    }

    @Test
    void theMessageNamesWhichFilterIsWrong() {
        assertThatThrownBy(() -> FilterPatterns.compile(List.of("{\"a\": [1]}", "{\"b\": []}")))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessage("Invalid filter pattern definition. Filter 2: \"b\" has an empty list of values.")
                .extracting(e -> ((InvalidFilterException) e).detail())
                .isEqualTo("Filter 2: \"b\" has an empty list of values.");
    }

    @Test
    void nestedFieldsAreNamedByTheirPath() {
        String pattern = "{\"data\": {\"order\": {\"qty\": [{\"numeric\": 5}]}}}";
        assertThatThrownBy(() -> FilterPatterns.compile(List.of(pattern)))
                .hasMessageContaining("\"data.order.qty\": \"numeric\" takes");
    }
}
