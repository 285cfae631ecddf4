package io.sluice.mappings.filter;

import org.junit.jupiter.api.Test;

import static io.sluice.mappings.filter.FilterTesting.matches;
import static org.assertj.core.api.Assertions.assertThat;

class StringOperatorTest {

    @Test
    void prefixMatchesTheStartOfAString() {
        String pattern = "{\"Region\": [{\"prefix\": \"us-\"}]}";
        assertThat(matches(pattern, "{\"Region\": \"us-east-2\"}")).isTrue();
        assertThat(matches(pattern, "{\"Region\": \"eu-west-1\"}")).isFalse();
        assertThat(matches(pattern, "{\"Region\": \"US-east-2\"}")).isFalse();
        assertThat(matches(pattern, "{\"Region\": \"us\"}")).isFalse();
    }

    @Test
    void prefixWithEqualsIgnoreCaseIgnoresCase() {
        String pattern = "{\"service\": [{\"prefix\": {\"equals-ignore-case\": \"eventb\"}}]}";
        assertThat(matches(pattern, "{\"service\": \"EventBridge\"}")).isTrue();
        assertThat(matches(pattern, "{\"service\": \"Lambda\"}")).isFalse();
    }

    @Test
    void suffixMatchesTheEndOfAString() {
        String pattern = "{\"FileName\": [{\"suffix\": \".png\"}]}";
        assertThat(matches(pattern, "{\"FileName\": \"image.png\"}")).isTrue();
        assertThat(matches(pattern, "{\"FileName\": \"image.PNG\"}")).isFalse();
        assertThat(matches(pattern, "{\"FileName\": \"png\"}")).isFalse();
        assertThat(matches("{\"f\": [{\"suffix\": {\"equals-ignore-case\": \".png\"}}]}",
                "{\"f\": \"image.PNG\"}")).isTrue();
    }

    @Test
    void equalsIgnoreCaseComparesWithoutCase() {
        String pattern = "{\"Name\": [{\"equals-ignore-case\": \"alice\"}]}";
        assertThat(matches(pattern, "{\"Name\": \"ALICE\"}")).isTrue();
        assertThat(matches(pattern, "{\"Name\": \"Alicia\"}")).isFalse();
    }

    @Test
    void stringOperatorsIgnoreNonStrings() {
        assertThat(matches("{\"a\": [{\"prefix\": \"1\"}]}", "{\"a\": 12}")).isFalse();
        assertThat(matches("{\"a\": [{\"suffix\": \"e\"}]}", "{\"a\": true}")).isFalse();
        assertThat(matches("{\"a\": [{\"equals-ignore-case\": \"null\"}]}", "{\"a\": null}")).isFalse();
    }

    @Test
    void anEmptyPrefixMatchesEveryString() {
        assertThat(matches("{\"a\": [{\"prefix\": \"\"}]}", "{\"a\": \"anything\"}")).isTrue();
        assertThat(matches("{\"a\": [{\"prefix\": \"\"}]}", "{\"a\": 1}")).isFalse();
    }

    @Test
    void cidrMatchesIpv4AddressesInTheBlock() {
        String pattern = "{\"ip\": [{\"cidr\": \"10.0.0.0/24\"}]}";
        assertThat(matches(pattern, "{\"ip\": \"10.0.0.255\"}")).isTrue();
        assertThat(matches(pattern, "{\"ip\": \"10.0.1.0\"}")).isFalse();
        assertThat(matches(pattern, "{\"ip\": \"not-an-ip\"}")).isFalse();
        assertThat(matches(pattern, "{\"ip\": \"::ffff:10.0.0.1\"}")).isFalse();
    }

    @Test
    void cidrMatchesIpv6AddressesInTheBlock() {
        String pattern = "{\"ip\": [{\"cidr\": \"2001:db8::/32\"}]}";
        assertThat(matches(pattern, "{\"ip\": \"2001:db8:0:0:1:0:0:1\"}")).isTrue();
        assertThat(matches(pattern, "{\"ip\": \"2001:DB8::abcd\"}")).isTrue();
        assertThat(matches(pattern, "{\"ip\": \"2001:db9::1\"}")).isFalse();
        assertThat(matches(pattern, "{\"ip\": \"10.0.0.1\"}")).isFalse();
        assertThat(matches("{\"ip\": [{\"cidr\": \"::/0\"}]}", "{\"ip\": \"::1\"}")).isTrue();
        assertThat(matches("{\"ip\": [{\"cidr\": \"::ffff:10.0.0.0/120\"}]}", "{\"ip\": \"::ffff:10.0.0.7\"}"))
                .isTrue();
    }
}
