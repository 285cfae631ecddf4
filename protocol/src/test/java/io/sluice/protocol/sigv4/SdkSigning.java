package io.sluice.protocol.sigv4;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Signs requests with the AWS SDK for Java v2's own SigV4 signers and turns the result into what the server hands
 * the verifier: the point of these tests is that the verifier accepts what real clients send.
 */
final class SdkSigning {

    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String ACCOUNT = "111122223333";
    static final Instant SIGNED_AT = Instant.parse("2026-03-01T12:00:00Z");
    static final byte[] BODY = "{\"StreamName\":\"orders\",\"PartitionKey\":\"a\",\"Data\":\"aGVsbG8=\"}"
            .getBytes(StandardCharsets.UTF_8);

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SdkSigning() {
    }

    static SigningCredentials credentials() {
        return new SigningCredentials(KEY, SECRET, null, ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/alice");
    }

    /** A PutRecord call as the Java SDK builds it, to a local endpoint with a port. */
    static SdkHttpRequest.Builder putRecord() {
        return SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:4567/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "Kinesis_20131202.PutRecord")
                .putHeader("Content-Length", Integer.toString(BODY.length))
                .putHeader("amz-sdk-invocation-id", "3b4c5d6e-0000-4000-8000-000000000001")
                .putHeader("amz-sdk-request", "attempt=1; max=4");
    }

    static SignedRequest sign(SdkHttpRequest.Builder request, byte[] body) {
        return sign(request, body, AwsCredentialsIdentity.create(KEY, SECRET), b -> { });
    }

    static SignedRequest sign(SdkHttpRequest.Builder request, byte[] body, AwsCredentialsIdentity identity,
                              Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        software.amazon.awssdk.http.auth.spi.signer.SignedRequest signed = SIGNER.sign(r -> {
            r.identity(identity)
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kinesis")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
            options.accept(r);
        });
        return received(signed.request(), body);
    }

    /**
     * Signs with the SDK's older {@code Aws4Signer}, which (unlike {@link AwsV4HttpSigner}) sends no
     * {@code x-amz-content-sha256} header, so the server must hash the body itself.
     */
    @SuppressWarnings("deprecation")
    static SignedRequest signLegacy(SdkHttpRequest.Builder request, byte[] body, boolean presign) {
        SdkHttpFullRequest full = SdkHttpFullRequest.builder()
                .method(request.method()).uri(request.build().getUri()).headers(request.headers())
                .contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build();
        Aws4Signer signer = Aws4Signer.create();
        AwsBasicCredentials credentials = AwsBasicCredentials.create(KEY, SECRET);
        Clock clock = Clock.fixed(SIGNED_AT, ZoneOffset.UTC);
        SdkHttpFullRequest signed = presign
                ? signer.presign(full, Aws4PresignerParams.builder().awsCredentials(credentials)
                        .signingName("kinesis").signingRegion(Region.EU_WEST_1).signingClockOverride(clock)
                        .expirationTime(SIGNED_AT.plusSeconds(600)).build())
                : signer.sign(full, Aws4SignerParams.builder().awsCredentials(credentials)
                        .signingName("kinesis").signingRegion(Region.EU_WEST_1).signingClockOverride(clock).build());
        return received(signed, body);
    }

    static AwsCredentialsIdentity session(String token) {
        return AwsSessionCredentialsIdentity.create(KEY, SECRET, token);
    }

    /** The request as the server receives it: lower-case header names, repeated values joined by commas. */
    static SignedRequest received(SdkHttpRequest request, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        request.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        headers.putIfAbsent("host", SdkHttpUtils.isUsingStandardPort(request.protocol(), request.port())
                ? request.host() : request.host() + ":" + request.port());
        return new SignedRequest(request.method().name(), request.encodedPath(),
                request.encodedQueryParameters().orElse(""), headers, body);
    }

    /** The same request with one header set (or, with a null value, removed). */
    static SignedRequest withHeader(SignedRequest request, String name, String value) {
        Map<String, String> headers = new HashMap<>(request.headers());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return new SignedRequest(request.method(), request.path(), request.rawQuery(), headers, request.body());
    }

    static SignedRequest withBody(SignedRequest request, byte[] body) {
        return new SignedRequest(request.method(), request.path(), request.rawQuery(), request.headers(), body);
    }
}
