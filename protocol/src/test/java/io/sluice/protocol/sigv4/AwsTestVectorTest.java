package io.sluice.protocol.sigv4;

import io.sluice.common.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS's published SigV4 examples: the IAM ListUsers walk-through of the SigV4 documentation and "get-vanilla" of
 * the aws-sig-v4-test-suite. Both use the documentation's example key.
 */
class AwsTestVectorTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final SigningCredentials EXAMPLE =
            new SigningCredentials("AKIDEXAMPLE", SECRET, null, "111122223333", "arn:aws:iam::111122223333:root");
    private final SigV4Verifier verifier = new SigV4Verifier(key -> Optional.of(EXAMPLE).filter(c ->
            c.accessKeyId().equals(key)), new ManualClock(Instant.parse("2015-08-30T12:36:00Z").toEpochMilli()));

    private static final SignedRequest LIST_USERS = new SignedRequest("GET", "/", "Action=ListUsers&Version=2010-05-08",
            Map.of("content-type", "application/x-www-form-urlencoded; charset=utf-8",
                    "host", "iam.amazonaws.com",
                    "x-amz-date", "20150830T123600Z",
                    "authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                            + "SignedHeaders=content-type;host;x-amz-date, "
                            + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"),
            new byte[0]);

    @Test
    void theDocumentationsCanonicalRequestIsRebuiltExactly() {
        String canonical = CanonicalRequest.build("GET", "/",
                QueryString.parse(LIST_USERS.rawQuery()).canonical(null), LIST_USERS.headers(),
                List.of("content-type", "host", "x-amz-date"),
                SignatureCalculator.sha256Hex(new byte[0]));

        assertThat(canonical).isEqualTo("""
                GET
                /
                Action=ListUsers&Version=2010-05-08
                content-type:application/x-www-form-urlencoded; charset=utf-8
                host:iam.amazonaws.com
                x-amz-date:20150830T123600Z

                content-type;host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(SignatureCalculator.stringToSign("20150830T123600Z",
                new CredentialScope("AKIDEXAMPLE", "20150830", "us-east-1", "iam"), canonical)).isEqualTo("""
                AWS4-HMAC-SHA256
                20150830T123600Z
                20150830/us-east-1/iam/aws4_request
                f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59""");
    }

    @Test
    void theDocumentationsListUsersRequestVerifies() {
        VerifiedCaller caller = verifier.verify(LIST_USERS);

        assertThat(caller.region()).isEqualTo("us-east-1");
        assertThat(caller.service()).isEqualTo("iam");
    }

    @Test
    void theTestSuitesGetVanillaVerifies() {
        SignedRequest vanilla = new SignedRequest("GET", "/", "", Map.of(
                "host", "example.amazonaws.com",
                "x-amz-date", "20150830T123600Z",
                "authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
                new byte[0]);

        assertThat(verifier.verify(vanilla).service()).isEqualTo("service");
    }
}
