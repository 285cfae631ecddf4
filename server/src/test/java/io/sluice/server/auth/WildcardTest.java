package io.sluice.server.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WildcardTest {

    @Test
    void starMatchesAnyRunIncludingColonsAndSlashes() {
        assertThat(Wildcard.matches("*", "", false)).isTrue();
        assertThat(Wildcard.matches("arn:aws:kinesis:*:111122223333:stream/*",
                "arn:aws:kinesis:eu-west-1:111122223333:stream/orders", false)).isTrue();
        assertThat(Wildcard.matches("arn:aws:kinesis:*", "arn:aws:kinesis:us-east-1:1:stream/a/consumer/c:1", false))
                .isTrue();
        assertThat(Wildcard.matches("a*b*c", "aXbYbZc", false)).isTrue();
        assertThat(Wildcard.matches("a*b*c", "aXbYbZ", false)).isFalse();
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        assertThat(Wildcard.matches("stream/order?", "stream/orders", false)).isTrue();
        assertThat(Wildcard.matches("stream/order?", "stream/order", false)).isFalse();
    }

    @Test
    void caseIsIgnoredOnlyWhenAsked() {
        assertThat(Wildcard.matches("kinesis:get*", "kinesis:GetRecords", true)).isTrue();
        assertThat(Wildcard.matches("kinesis:get*", "kinesis:GetRecords", false)).isFalse();
    }

    @Test
    void aStarInTheTextIsNotAWildcard() {
        assertThat(Wildcard.matches("a", "*", false)).isFalse();
        assertThat(Wildcard.matches("*", "*", false)).isTrue();
    }

    @Test
    void aHostilePatternTakesPolynomialTime() {
        String pattern = "*a".repeat(2_000) + "b";
        String text = "a".repeat(2_000);

        assertThat(Wildcard.matches(pattern, text, false)).isFalse();
    }
}
