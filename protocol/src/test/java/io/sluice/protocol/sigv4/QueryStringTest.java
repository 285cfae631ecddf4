package io.sluice.protocol.sigv4;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryStringTest {

    @Test
    void parametersAreSortedByNameThenValueAndReEncoded() {
        QueryString query = QueryString.parse("b=2&a=z&a=y&c&%7Ed=%41");

        assertThat(query.canonical(null)).isEqualTo("a=y&a=z&b=2&c=&~d=A");
    }

    @Test
    void aPlusStaysAPlusAndReservedCharactersAreEncoded() {
        assertThat(QueryString.parse("k=a+b%20c/d").canonical(null)).isEqualTo("k=a%2Bb%20c%2Fd");
        assertThat(QueryString.parse("k=%zz%4").canonical(null)).isEqualTo("k=%25zz%254");
    }

    @Test
    void theExcludedParameterIsLeftOutAndLookupsDecode() {
        QueryString query = QueryString.parse("X-Amz-Signature=abc&X-Amz-Credential=k%2F20260301&&");

        assertThat(query.canonical("X-Amz-Signature")).isEqualTo("X-Amz-Credential=k%2F20260301");
        assertThat(query.get("X-Amz-Credential")).isEqualTo("k/20260301");
        assertThat(query.get("absent")).isNull();
    }
}
