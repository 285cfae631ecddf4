package io.sluice.protocol.sigv4;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalRequestTest {

    @Test
    void trimAllRemovesOuterWhitespaceAndCollapsesInnerRuns() {
        assertThat(CanonicalRequest.trimAll("  a   b\t\tc \n d  ")).isEqualTo("a b c d");
        assertThat(CanonicalRequest.trimAll("   ")).isEmpty();
        assertThat(CanonicalRequest.trimAll("\"a   b\"")).isEqualTo("\"a b\"");
    }

    @Test
    void thePathIsEncodedOnceMoreWithSlashesKept() {
        assertThat(CanonicalRequest.canonicalUri("")).isEqualTo("/");
        assertThat(CanonicalRequest.canonicalUri("/")).isEqualTo("/");
        assertThat(CanonicalRequest.canonicalUri("/a%20b/c~d")).isEqualTo("/a%2520b/c~d");
        assertThat(CanonicalRequest.canonicalUri("/é")).isEqualTo("/%C3%A9");
    }

    @Test
    void dotSegmentsAreRemovedFromThePath() {
        assertThat(CanonicalRequest.canonicalUri("/a/./b/../c")).isEqualTo("/a/c");
        assertThat(CanonicalRequest.canonicalUri("/a/..")).isEqualTo("/");
        assertThat(CanonicalRequest.canonicalUri("/../../x")).isEqualTo("/x");
        assertThat(CanonicalRequest.canonicalUri("/a/.")).isEqualTo("/a/");
        assertThat(CanonicalRequest.canonicalUri("/a//b/")).isEqualTo("/a//b/");
    }

    @Test
    void onlySignedHeadersAppearInTheirListedOrderAndAMissingOneIsEmpty() {
        String canonical = CanonicalRequest.build("POST", "/", "",
                Map.of("host", "h", "x-amz-date", "d", "user-agent", "ua"), List.of("host", "x-absent", "x-amz-date"),
                "hash");

        assertThat(canonical).isEqualTo("POST\n/\n\nhost:h\nx-absent:\nx-amz-date:d\n\nhost;x-absent;x-amz-date\nhash");
    }
}
