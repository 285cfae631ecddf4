package io.sluice.protocol.sigv4;

import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What Sluice's own signer makes, its verifier accepts; and only that. */
class RequestSignerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final SigV4Verifier verifier = new SigV4Verifier(key -> Optional.of(new SigningCredentials(key,
            "the-secret", null, "111122223333", "arn:aws:iam::111122223333:user/me")),
            new ManualClock(NOW.toEpochMilli()));

    private SignedRequest signed(String secret, byte[] body, byte[] sentBody) {
        Map<String, String> headers = new HashMap<>(Map.of("host", "localhost:4567",
                "content-type", "application/x-amz-json-1.1", "x-amz-target", "Firehose_20150804.PutRecord"));
        new RequestSigner("AKID", secret, "eu-west-1", "firehose").sign("POST", "/", "", headers, body, NOW)
                .forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        return new SignedRequest("POST", "/", "", headers, sentBody);
    }

    @Test
    void aSignedRequestIsVerifiedWithItsScope() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        VerifiedCaller caller = verifier.verify(signed("the-secret", body, body));
        assertThat(caller.region()).isEqualTo("eu-west-1");
        assertThat(caller.service()).isEqualTo("firehose");
        assertThat(caller.credentials().accessKeyId()).isEqualTo("AKID");
    }

    @Test
    void aWrongSecretOrAChangedBodyIsRefused() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(signed("other-secret", body, body)))
                .isInstanceOf(ServiceException.class).hasMessageContaining("signature we calculated does not match");
        byte[] changed = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(signed("the-secret", body, changed)))
                .isInstanceOf(ServiceException.class);
    }
}
