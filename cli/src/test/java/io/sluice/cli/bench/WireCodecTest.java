package io.sluice.cli.bench;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WireCodecTest {

    @Test
    void anAwsErrorBodyGivesItsShortTypeAndMessage() {
        WireCodec codec = new WireCodec(BodyFormat.CBOR);

        ApiError error = codec.error(400, codec.encode(Map.of("__type",
                "com.amazonaws.kinesis#ResourceNotFoundException", "message", "Stream x not found")));

        assertThat(error).isEqualTo(new ApiError(400, "ResourceNotFoundException", "Stream x not found"));
        assertThat(error.throttled()).isFalse();
    }

    @Test
    void anAnswerFromSomethingElseThanTheApiIsNamedByItsStatus() {
        ApiError error = new WireCodec(BodyFormat.JSON).error(502,
                Unpooled.copiedBuffer("<html>Bad Gateway</html>", StandardCharsets.UTF_8));

        assertThat(error.type()).isEqualTo("HTTP502");
        assertThat(error.toString()).startsWith("HTTP 502 HTTP502");
    }

    @Test
    void errorTypesLoseTheirNamespaceAndUrlSuffix() {
        assertThat(ApiError.shortType("ProvisionedThroughputExceededException")).isEqualTo(ApiError.THROTTLED);
        assertThat(ApiError.shortType("aws.kinesis#LimitExceededException")).isEqualTo("LimitExceededException");
        assertThat(ApiError.shortType("UnknownOperationException:http://internal.amazon.com/coral/"))
                .isEqualTo("UnknownOperationException");
    }
}
