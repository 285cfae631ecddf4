package io.sluice.server.kinesis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestContextTest {

    @Test
    void regionComesFromTheSigningScope() {
        String header = "AWS4-HMAC-SHA256 Credential=AKID/20261122/eu-central-1/kinesis/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc";
        assertThat(RequestContext.fromAuthorization(header).region()).isEqualTo("eu-central-1");
    }

    @Test
    void regionDefaultsToUsEast1WithoutASignature() {
        assertThat(RequestContext.fromAuthorization(null).region()).isEqualTo("us-east-1");
        assertThat(RequestContext.fromAuthorization("Bearer xyz").region()).isEqualTo("us-east-1");
        assertThat(RequestContext.fromAuthorization(null).account()).isEqualTo("000000000000");
    }
}
