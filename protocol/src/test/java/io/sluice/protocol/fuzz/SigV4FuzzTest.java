package io.sluice.protocol.fuzz;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.protocol.sigv4.CredentialScope;
import io.sluice.protocol.sigv4.SigV4Verifier;
import io.sluice.protocol.sigv4.SignedRequest;
import io.sluice.protocol.sigv4.SigningCredentials;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile signatures: random and mutated Authorization headers, dates and presigned query strings. The verifier
 * may only accept or answer one of the four authentication errors; {@code scope()} may never throw, and a region
 * it returns is always a plain name (it becomes part of ARNs and directory names). Starts from AWS's documented
 * ListUsers example, which verifies unmodified. Long campaigns: see {@link WireObjectFuzzTest}.
 */
class SigV4FuzzTest {

    private static final Set<ErrorType> AUTH_ERRORS = Set.of(ErrorType.MISSING_AUTHENTICATION_TOKEN,
            ErrorType.INCOMPLETE_SIGNATURE, ErrorType.INVALID_SIGNATURE, ErrorType.UNRECOGNIZED_CLIENT);
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/"
            + "aws4_request, SignedHeaders=content-type;host;x-amz-date, "
            + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private static final String QUERY = "Action=ListUsers&Version=2010-05-08";
    private static final Map<String, String> HEADERS = Map.of(
            "content-type", "application/x-www-form-urlencoded; charset=utf-8",
            "host", "iam.amazonaws.com",
            "x-amz-date", "20150830T123600Z",
            "authorization", AUTHORIZATION);
    private static final List<String> TOKENS = List.of("AWS4-HMAC-SHA256", " ", ",", ", ", "=", "/", ";",
            "Credential=", "SignedHeaders=", "Signature=", "AKIDEXAMPLE", "ASIATEMP", "20150830", "us-east-1",
            "iam", "kinesis", "aws4_request", "host", "x-amz-date", "x-amz-security-token", "..", "%2F", "%",
            "\u0000", "\t", "\n", "é", "\ud83d\ude00", "X-Amz-Algorithm=", "X-Amz-Credential=", "X-Amz-Date=",
            "X-Amz-SignedHeaders=", "X-Amz-Signature=", "X-Amz-Expires=", "X-Amz-Security-Token=", "&", "?",
            "20150830T123600Z", "Sun, 30 Aug 2015 12:36:00 GMT", "99999999T999999Z", "-1", "604801",
            "9223372036854775808", "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");

    private final SigV4Verifier verifier = new SigV4Verifier(this::credentials,
            new ManualClock(Instant.parse("2015-08-30T12:36:00Z").toEpochMilli()));

    private Optional<SigningCredentials> credentials(String key) {
        return switch (key) {
            case "AKIDEXAMPLE" -> Optional.of(new SigningCredentials(key, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                    null, "111122223333", "arn:aws:iam::111122223333:user/example"));
            case "ASIATEMP" -> Optional.of(new SigningCredentials(key, "temporary", "token", "111122223333",
                    "arn:aws:iam::111122223333:user/temporary"));
            default -> Optional.empty();
        };
    }

    @Example
    void theDocumentedRequestVerifiesUnchanged() {
        assertThat(verifier.verify(request(HEADERS, QUERY, new byte[0])).service()).isEqualTo("iam");
    }

    @Property
    void randomAuthorizationHeadersOnlyFailAsAuthErrors(@ForAll("headerValues") String authorization,
                                                         @ForAll("headerValues") String date,
                                                         @ForAll("headerValues") String token) {
        Map<String, String> headers = new HashMap<>(HEADERS);
        headers.put("authorization", authorization);
        headers.put("x-amz-date", date);
        headers.put("x-amz-security-token", token);
        check(request(headers, QUERY, new byte[0]));
    }

    @Property
    void mutatedAuthorizationHeadersOnlyFailAsAuthErrors(@ForAll("mutatedAuthorization") String authorization) {
        Map<String, String> headers = new HashMap<>(HEADERS);
        headers.put("authorization", authorization);
        check(request(headers, QUERY, new byte[0]));
    }

    @Property
    void randomPresignedQueriesOnlyFailAsAuthErrors(@ForAll("queries") String query) {
        Map<String, String> headers = new HashMap<>(HEADERS);
        headers.remove("authorization");
        check(request(headers, query, new byte[0]));
    }

    @Property
    void anyChangeToASignedPartIsRefused(@ForAll("tampered") SignedRequest request) {
        try {
            verifier.verify(request);
        } catch (ServiceException e) {
            assertThat(e.type()).isIn(AUTH_ERRORS);
            return;
        }
        throw new AssertionError("a tampered request verified: " + request);
    }

    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(120),
                Arbitraries.of(TOKENS).list().ofMaxSize(16).map(parts -> String.join("", parts)));
    }

    @Provide
    Arbitrary<String> mutatedAuthorization() {
        return Mutator.mutants(List.of(AUTHORIZATION.getBytes(StandardCharsets.UTF_8)),
                TOKENS.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList(), 4)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(24).map(parts -> "X-Amz-Algorithm=AWS4-HMAC-SHA256&"
                + String.join("", parts));
    }

    /** The documented request with one signed part changed: a header value, the query, the body or the method. */
    @Provide
    Arbitrary<SignedRequest> tampered() {
        Arbitrary<String> signedHeader = Arbitraries.of("content-type", "host", "x-amz-date");
        Arbitrary<String> visible = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(3);
        Arbitrary<SignedRequest> header = Combinators.combine(signedHeader, visible, Arbitraries.integers()
                .between(0, 40)).as((name, insert, at) -> {
                    String value = HEADERS.get(name);
                    int i = Math.min(at, value.length());
                    Map<String, String> headers = new HashMap<>(HEADERS);
                    headers.put(name, value.substring(0, i) + insert + value.substring(i));
                    return request(headers, QUERY, new byte[0]);
                });
        Arbitrary<SignedRequest> query = visible.filter(s -> !s.contains("&") && !s.contains("="))
                .map(s -> request(HEADERS, QUERY + "&" + s, new byte[0]));
        Arbitrary<SignedRequest> body = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16)
                .map(b -> request(HEADERS, QUERY, b));
        Arbitrary<SignedRequest> method = Arbitraries.of("POST", "PUT", "get", "HEAD")
                .map(m -> new SignedRequest(m, "/", QUERY, HEADERS, new byte[0]));
        return Arbitraries.oneOf(header, query, body, method);
    }

    private void check(SignedRequest request) {
        Optional<CredentialScope> scope = SigV4Verifier.scope(request);
        scope.ifPresent(s -> assertThat(s.region()).matches("[a-z0-9-]+"));
        try {
            verifier.verify(request);
        } catch (ServiceException e) {
            assertThat(e.type()).isIn(AUTH_ERRORS);
        }
    }

    private static SignedRequest request(Map<String, String> headers, String query, byte[] body) {
        return new SignedRequest("GET", "/", query, headers, body);
    }
}
