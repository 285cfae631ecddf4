package io.sluice.protocol.sigv4;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.sluice.protocol.sigv4.SdkSigning.BODY;
import static io.sluice.protocol.sigv4.SdkSigning.KEY;
import static io.sluice.protocol.sigv4.SdkSigning.SIGNED_AT;
import static io.sluice.protocol.sigv4.SdkSigning.putRecord;
import static io.sluice.protocol.sigv4.SdkSigning.sign;
import static io.sluice.protocol.sigv4.SdkSigning.withBody;
import static io.sluice.protocol.sigv4.SdkSigning.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV4VerifierTest {

    private final ManualClock clock = new ManualClock(SIGNED_AT.toEpochMilli());
    private final SigV4Verifier verifier = verifierFor(SdkSigning.credentials());

    private SigV4Verifier verifierFor(SigningCredentials credentials) {
        return new SigV4Verifier(key -> key.equals(credentials.accessKeyId()) ? Optional.of(credentials)
                : Optional.empty(), clock);
    }

    private static void assertRefused(ThrowingCallable call, ErrorType type, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.getMessage()).startsWith(message);
        });
    }

    @Test
    void acceptsAPutRecordSignedByTheAwsSdkAndNamesTheCallerRegionAndService() {
        VerifiedCaller caller = verifier.verify(sign(putRecord(), BODY));

        assertThat(caller.credentials()).isEqualTo(SdkSigning.credentials());
        assertThat(caller.region()).isEqualTo("eu-west-1");
        assertThat(caller.service()).isEqualTo("kinesis");
        assertThat(caller.requireService("kinesis")).isSameAs(caller);
    }

    @Test
    void aSignatureForAnotherServiceIsRefusedByRequireService() {
        VerifiedCaller caller = verifier.verify(sign(putRecord(), BODY));

        assertRefused(() -> caller.requireService("firehose"), ErrorType.INVALID_SIGNATURE,
                "Credential should be scoped to correct service: 'firehose'.");
    }

    @Test
    void anUnknownAccessKeyIsAnUnrecognizedClient() {
        SignedRequest request = sign(putRecord(), BODY, AwsCredentialsIdentity.create("AKIAUNKNOWN", "x"), b -> { });

        assertRefused(() -> verifier.verify(request), ErrorType.UNRECOGNIZED_CLIENT,
                "The security token included in the request is invalid.");
    }

    @Test
    void aWrongSecretIsAnInvalidSignatureThatShowsTheExpectedCanonicalString() {
        SignedRequest request = sign(putRecord(), BODY, AwsCredentialsIdentity.create(KEY, "not the secret"),
                b -> { });

        assertThatThrownBy(() -> verifier.verify(request)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.INVALID_SIGNATURE);
            assertThat(e.getMessage()).startsWith(AuthErrors.SIGNATURE_MISMATCH)
                    .contains("The Canonical String for this request should have been\n'POST\n/\n\n")
                    .contains("host:127.0.0.1:4567\n")
                    .contains("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20260301T120000Z\n"
                            + "20260301/eu-west-1/kinesis/aws4_request\n")
                    .doesNotContain(SdkSigning.SECRET);
        });
    }

    @Test
    void aSignatureUpToFiveMinutesFromTheClockEitherWayIsAccepted() {
        SignedRequest request = sign(putRecord(), BODY);

        clock.set(SIGNED_AT.plus(Duration.ofMinutes(5)).toEpochMilli());
        assertThat(verifier.verify(request).region()).isEqualTo("eu-west-1");
        clock.set(SIGNED_AT.minus(Duration.ofMinutes(5)).toEpochMilli());
        assertThat(verifier.verify(request).region()).isEqualTo("eu-west-1");
    }

    @Test
    void aSignatureOlderThanFiveMinutesHasExpired() {
        SignedRequest request = sign(putRecord(), BODY);
        clock.set(SIGNED_AT.plus(Duration.ofMinutes(5)).plusSeconds(1).toEpochMilli());

        assertRefused(() -> verifier.verify(request), ErrorType.INVALID_SIGNATURE,
                "Signature expired: 20260301T120000Z is now earlier than 20260301T120001Z "
                        + "(20260301T120501Z - 5 min.)");
    }

    @Test
    void aSignatureMoreThanFiveMinutesAheadIsNotYetCurrent() {
        SignedRequest request = sign(putRecord(), BODY);
        clock.set(SIGNED_AT.minus(Duration.ofMinutes(6)).toEpochMilli());

        assertRefused(() -> verifier.verify(request), ErrorType.INVALID_SIGNATURE,
                "Signature not yet current: 20260301T120000Z is still later than 20260301T115900Z "
                        + "(20260301T115400Z + 5 min.)");
    }

    @Test
    void aRequestSignedByTheOlderSdkSignerWithoutAPayloadHashHeaderVerifies() {
        SignedRequest request = SdkSigning.signLegacy(putRecord(), BODY, false);

        assertThat(request.header("x-amz-content-sha256")).isNull();
        assertThat(verifier.verify(request).region()).isEqualTo("eu-west-1");
    }

    @Test
    void aTamperedBodyIsAnInvalidSignature() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("orders", "ORDERS")
                .getBytes(StandardCharsets.UTF_8);

        assertRefused(() -> verifier.verify(withBody(SdkSigning.signLegacy(putRecord(), BODY, false), tampered)),
                ErrorType.INVALID_SIGNATURE, AuthErrors.SIGNATURE_MISMATCH);
        assertRefused(() -> verifier.verify(withBody(sign(putRecord(), BODY), tampered)),
                ErrorType.INVALID_SIGNATURE,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    @Test
    void aPayloadHashHeaderCannotBeAddedToVouchForASwappedBody() {
        SignedRequest legacy = SdkSigning.signLegacy(putRecord(), BODY, false);
        byte[] swapped = {1, 2, 3};
        SignedRequest attack = withHeader(withBody(legacy, swapped), "x-amz-content-sha256",
                SignatureCalculator.sha256Hex(BODY));

        assertRefused(() -> verifier.verify(attack), ErrorType.INVALID_SIGNATURE,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    @Test
    void aTamperedSignedHeaderIsAnInvalidSignature() {
        SignedRequest request = withHeader(sign(putRecord(), BODY), "x-amz-target", "Kinesis_20131202.DeleteStream");

        assertRefused(() -> verifier.verify(request), ErrorType.INVALID_SIGNATURE, AuthErrors.SIGNATURE_MISMATCH);
    }

    @Test
    void aDifferentHostIsAnInvalidSignature() {
        SignedRequest request = withHeader(sign(putRecord(), BODY), "host", "127.0.0.1:4568");

        assertRefused(() -> verifier.verify(request), ErrorType.INVALID_SIGNATURE, AuthErrors.SIGNATURE_MISMATCH);
    }

    @Test
    void headersOutsideSignedHeadersMayChangeOrAppear() {
        SignedRequest request = withHeader(withHeader(sign(putRecord(), BODY), "user-agent", "proxy/1.0"),
                "x-forwarded-for", "10.0.0.1");

        assertThat(verifier.verify(request).service()).isEqualTo("kinesis");
    }

    @Test
    void headerValuesAreComparedTrimmedWithInnerWhitespaceCollapsedAsSdksSignThem() {
        SignedRequest request = sign(putRecord().putHeader("X-Amz-Meta", "  one   two\tthree  "), BODY);

        assertThat(request.header("x-amz-meta")).isEqualTo("  one   two\tthree  ");
        assertThat(verifier.verify(request).service()).isEqualTo("kinesis");
    }

    @Test
    void repeatedHeaderValuesJoinedWithCommasVerify() {
        SignedRequest request = sign(putRecord().appendHeader("X-Amz-Meta", "a").appendHeader("X-Amz-Meta", "b"),
                BODY);

        assertThat(request.header("x-amz-meta")).isEqualTo("a,b");
        assertThat(verifier.verify(request).service()).isEqualTo("kinesis");
    }

    @Test
    void encodedPathsAndUnsortedQueryParametersVerify() {
        SdkHttpRequest.Builder request = putRecord()
                .uri(URI.create("http://localhost:4567/a%20b/c~d/%C3%A9"))
                .putRawQueryParameter("zeta", "1")
                .putRawQueryParameter("alpha", "x y+z/é")
                .putRawQueryParameter("empty", "");

        assertThat(verifier.verify(sign(request, BODY)).service()).isEqualTo("kinesis");
    }

    @Test
    void anEmptyBodyAndAGetVerify() {
        SdkHttpRequest.Builder request = putRecord().method(SdkHttpMethod.GET)
                .removeHeader("Content-Length");

        assertThat(verifier.verify(sign(request, new byte[0])).service()).isEqualTo("kinesis");
    }

    @Test
    void noAuthorizationAtAllIsAMissingAuthenticationToken() {
        SignedRequest request = withHeader(sign(putRecord(), BODY), "authorization", null);
        SignedRequest blank = withHeader(request, "authorization", "   ");

        assertRefused(() -> verifier.verify(request), ErrorType.MISSING_AUTHENTICATION_TOKEN,
                "Missing Authentication Token");
        assertRefused(() -> verifier.verify(blank), ErrorType.MISSING_AUTHENTICATION_TOKEN,
                "Missing Authentication Token");
    }

    @Test
    void anAuthorizationHeaderWithoutItsPartsListsEveryMissingPart() {
        SignedRequest request = withHeader(withHeader(sign(putRecord(), BODY), "authorization", "Bearer abc"),
                "x-amz-date", null);

        assertThatThrownBy(() -> verifier.verify(request)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.INCOMPLETE_SIGNATURE);
            assertThat(e.getMessage()).isEqualTo("Authorization header requires 'Credential' parameter. "
                    + "Authorization header requires 'Signature' parameter. "
                    + "Authorization header requires 'SignedHeaders' parameter. "
                    + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                    + "Authorization=Bearer abc");
        });
    }

    @Test
    void eachMissingPartOfTheAuthorizationHeaderIsAnIncompleteSignature() {
        SignedRequest signed = sign(putRecord(), BODY);
        String authorization = signed.header("authorization");
        Map<String, String> withoutPart = Map.of(
                "Credential", authorization.replaceAll("Credential=[^,]*,", ""),
                "SignedHeaders", authorization.replaceAll("SignedHeaders=[^,]*,", ""),
                "Signature", authorization.replaceAll(", Signature=.*", ""));

        withoutPart.forEach((part, header) -> assertRefused(
                () -> verifier.verify(withHeader(signed, "authorization", header)),
                ErrorType.INCOMPLETE_SIGNATURE, "Authorization header requires '" + part + "' parameter. "));
        assertRefused(() -> verifier.verify(withHeader(signed, "x-amz-date", null)), ErrorType.INCOMPLETE_SIGNATURE,
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }

    @Test
    void signedHeadersWithoutHostAreAnIncompleteSignature() {
        SignedRequest signed = sign(putRecord(), BODY);
        String authorization = signed.header("authorization").replace(";host;", ";");

        assertRefused(() -> verifier.verify(withHeader(signed, "authorization", authorization)),
                ErrorType.INCOMPLETE_SIGNATURE,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void aMalformedCredentialIsAnIncompleteSignature() {
        SignedRequest signed = sign(putRecord(), BODY);
        String fourParts = signed.header("authorization").replace("/aws4_request", "");
        String badTerminator = signed.header("authorization").replace("/aws4_request", "/aws5_request");

        assertRefused(() -> verifier.verify(withHeader(signed, "authorization", fourParts)),
                ErrorType.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 slash-delimited elements, "
                        + "e.g. keyid/date/region/service/term, got '" + KEY + "/20260301/eu-west-1/kinesis'");
        assertRefused(() -> verifier.verify(withHeader(signed, "authorization", badTerminator)),
                ErrorType.INCOMPLETE_SIGNATURE,
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.");
    }

    @Test
    void anotherAlgorithmIsAnIncompleteSignature() {
        SignedRequest signed = sign(putRecord(), BODY);
        String sha512 = signed.header("authorization").replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512");

        assertRefused(() -> verifier.verify(withHeader(signed, "authorization", sha512)),
                ErrorType.INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'.");
    }

    @Test
    void aRegionThatCannotBeADirectoryNameIsRefused() {
        SignedRequest signed = sign(putRecord(), BODY);
        String traversal = signed.header("authorization").replace("/eu-west-1/", "/..%2F../");

        assertRefused(() -> verifier.verify(withHeader(signed, "authorization", traversal)),
                ErrorType.INVALID_SIGNATURE, "Credential should be scoped to a valid region, not '..%2F..'.");
    }

    @Test
    void anUnreadableDateIsAnIncompleteSignature() {
        SignedRequest request = withHeader(sign(putRecord(), BODY), "x-amz-date", "2026-03-01T12:00:00Z");

        assertRefused(() -> verifier.verify(request), ErrorType.INCOMPLETE_SIGNATURE,
                "Date must be in ISO-8601 'basic format'. Got '2026-03-01T12:00:00Z'.");
    }

    @Test
    void aScopeDateOtherThanTheRequestDateIsAnInvalidSignature() {
        SignedRequest request = withHeader(sign(putRecord(), BODY), "x-amz-date", "20260302T000100Z");
        clock.set(Instant.parse("2026-03-02T00:01:00Z").toEpochMilli());

        assertRefused(() -> verifier.verify(request), ErrorType.INVALID_SIGNATURE,
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                        + "'20260301' != '20260302', from '20260302T000100Z'.");
    }

    @Test
    void aDateHeaderStandsInForXAmzDate() {
        SignedRequest unsigned = withHeader(withHeader(sign(putRecord(), BODY), "x-amz-date", null),
                "date", "Sun, 01 Mar 2026 12:00:00 GMT");
        SignedRequest request = ReferenceSigning.signHeaders(unsigned, SdkSigning.SECRET,
                new CredentialScope(KEY, "20260301", "eu-west-1", "kinesis"), "20260301T120000Z",
                List.of("content-type", "date", "host", "x-amz-target"));

        assertThat(verifier.verify(request).region()).isEqualTo("eu-west-1");
    }

    @Test
    void temporaryCredentialsNeedTheirSessionToken() {
        SigV4Verifier temporary = verifierFor(new SigningCredentials(KEY, SdkSigning.SECRET, "token-1",
                SdkSigning.ACCOUNT, "arn:aws:iam::111122223333:user/alice"));
        SignedRequest withToken = sign(putRecord(), BODY, SdkSigning.session("token-1"), b -> { });
        SignedRequest otherToken = sign(putRecord(), BODY, SdkSigning.session("token-2"), b -> { });
        SignedRequest noToken = sign(putRecord(), BODY);

        assertThat(withToken.headers().get("authorization")).contains("x-amz-security-token");
        assertThat(temporary.verify(withToken).credentials().sessionToken()).isEqualTo("token-1");
        assertRefused(() -> temporary.verify(otherToken), ErrorType.UNRECOGNIZED_CLIENT, AuthErrors.INVALID_TOKEN);
        assertRefused(() -> temporary.verify(noToken), ErrorType.UNRECOGNIZED_CLIENT, AuthErrors.INVALID_TOKEN);
    }

    @Test
    void aSessionTokenOnLongTermCredentialsIsAnUnrecognizedClient() {
        SignedRequest request = sign(putRecord(), BODY, SdkSigning.session("token-1"), b -> { });

        assertRefused(() -> verifier.verify(request), ErrorType.UNRECOGNIZED_CLIENT, AuthErrors.INVALID_TOKEN);
    }

    @Test
    void aSessionTokenOutsideSignedHeadersIsAnIncompleteSignature() {
        SignedRequest request = withHeader(sign(putRecord(), BODY), "x-amz-security-token", "token-1");

        assertRefused(() -> verifier.verify(request), ErrorType.INCOMPLETE_SIGNATURE,
                "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void aPresignedRequestByTheSdkIsAcceptedUntilItExpires() {
        SignedRequest request = sign(putRecord(), BODY, AwsCredentialsIdentity.create(KEY, SdkSigning.SECRET),
                b -> b.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(15)));

        assertThat(request.header("authorization")).isNull();
        assertThat(request.rawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=900");
        clock.set(SIGNED_AT.plus(Duration.ofMinutes(15)).toEpochMilli());
        assertThat(verifier.verify(request).region()).isEqualTo("eu-west-1");
        clock.set(SIGNED_AT.plus(Duration.ofMinutes(15)).plusSeconds(1).toEpochMilli());
        assertRefused(() -> verifier.verify(request), ErrorType.INVALID_SIGNATURE,
                "Signature expired: 20260301T120000Z is now earlier than 20260301T120001Z "
                        + "(20260301T121501Z - 900 sec.)");
    }

    @Test
    void aTamperedPresignedRequestIsAnInvalidSignature() {
        SignedRequest request = sign(putRecord(), BODY, AwsCredentialsIdentity.create(KEY, SdkSigning.SECRET),
                b -> b.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(300)));
        SignedRequest longer = new SignedRequest(request.method(), request.path(),
                request.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=3000"), request.headers(),
                request.body());
        SignedRequest legacy = SdkSigning.signLegacy(putRecord(), BODY, true);

        assertRefused(() -> verifier.verify(withBody(legacy, new byte[] {1})), ErrorType.INVALID_SIGNATURE,
                AuthErrors.SIGNATURE_MISMATCH);
        assertRefused(() -> verifier.verify(longer), ErrorType.INVALID_SIGNATURE, AuthErrors.SIGNATURE_MISMATCH);
    }

    @Test
    void aRequestPresignedByTheOlderSdkSignerVerifies() {
        SignedRequest request = SdkSigning.signLegacy(putRecord(), BODY, true);

        assertThat(request.rawQuery()).contains("X-Amz-Expires=600");
        assertThat(verifier.verify(request).region()).isEqualTo("eu-west-1");
    }

    @Test
    void aPresignedQueryWithMissingParametersListsThem() {
        SignedRequest request = new SignedRequest("POST", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=x",
                Map.of("host", "localhost"), BODY);

        assertRefused(() -> verifier.verify(request), ErrorType.INCOMPLETE_SIGNATURE,
                "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must "
                        + "include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
                        + "Re-examine the query-string parameters.");
    }

    @Test
    void bothAHeaderAndAPresignedQueryAreAnInvalidSignature() {
        SignedRequest signed = sign(putRecord(), BODY);
        SignedRequest both = new SignedRequest(signed.method(), signed.path(), "X-Amz-Algorithm=AWS4-HMAC-SHA256",
                signed.headers(), signed.body());

        assertRefused(() -> verifier.verify(both), ErrorType.INVALID_SIGNATURE,
                "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }

    @Test
    void anUnsignedPayloadTheClientChoseLeavesTheBodyUncovered() {
        SdkHttpRequest.Builder https = putRecord().uri(URI.create("https://kinesis.eu-west-1.amazonaws.com/"));
        SignedRequest request = sign(https, BODY, AwsCredentialsIdentity.create(KEY, SdkSigning.SECRET),
                b -> b.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));

        assertThat(request.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(verifier.verify(withBody(request, new byte[] {1, 2})).service()).isEqualTo("kinesis");
    }

    @Test
    void aDeclaredPayloadHashMustBeTheBodys() {
        String bodyHash = SignatureCalculator.sha256Hex(BODY);
        SignedRequest request = ReferenceSigning.signHeaders(
                withHeader(sign(putRecord(), BODY), "x-amz-content-sha256", bodyHash), SdkSigning.SECRET,
                new CredentialScope(KEY, "20260301", "eu-west-1", "kinesis"), "20260301T120000Z",
                List.of("host", "x-amz-content-sha256", "x-amz-date"));

        assertThat(verifier.verify(request).service()).isEqualTo("kinesis");
        assertRefused(() -> verifier.verify(withBody(request, new byte[] {1})), ErrorType.INVALID_SIGNATURE,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
        assertRefused(() -> verifier.verify(withHeader(request, "x-amz-content-sha256",
                        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")), ErrorType.INVALID_SIGNATURE,
                "x-amz-content-sha256 must be the hex SHA-256 of the body or UNSIGNED-PAYLOAD");
    }

    @Test
    void scopeReadsTheCredentialWithoutVerifying() {
        SignedRequest request = sign(putRecord(), BODY, AwsCredentialsIdentity.create("anyone", "any secret"),
                b -> { });

        assertThat(SigV4Verifier.scope(request))
                .contains(new CredentialScope("anyone", "20260301", "eu-west-1", "kinesis"));
    }

    @Test
    void scopeReadsAPresignedCredential() {
        SignedRequest request = sign(putRecord(), BODY, AwsCredentialsIdentity.create(KEY, SdkSigning.SECRET),
                b -> b.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING));

        assertThat(SigV4Verifier.scope(request).map(CredentialScope::region)).contains("eu-west-1");
    }

    @Test
    void scopeIsEmptyWithoutAUsableCredential() {
        SignedRequest signed = sign(putRecord(), BODY);

        assertThat(SigV4Verifier.scope(withHeader(signed, "authorization", null))).isEmpty();
        assertThat(SigV4Verifier.scope(withHeader(signed, "authorization", "Bearer x"))).isEmpty();
        assertThat(SigV4Verifier.scope(withHeader(signed, "authorization",
                "AWS4-HMAC-SHA256 Credential=k/20260301/Eu West/kinesis/aws4_request"))).isEmpty();
    }

    @Test
    void credentialsNeverPrintTheirSecretOrToken() {
        SigningCredentials credentials = new SigningCredentials(KEY, "s3cr3t", "t0k3n", "111122223333", "arn");

        assertThat(credentials.toString()).contains(KEY).doesNotContain("s3cr3t").doesNotContain("t0k3n");
    }
}
