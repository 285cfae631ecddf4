package io.sluice.protocol.sigv4;

import io.sluice.common.Clock;
import io.sluice.common.ServiceException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies AWS Signature Version 4 on a request, in the Authorization-header or the presigned-query form, and
 * answers failures as AWS does:
 * <ul>
 *   <li>no signature at all: MissingAuthenticationTokenException;</li>
 *   <li>a malformed one (a missing part, {@code host} not signed, no date): IncompleteSignatureException;</li>
 *   <li>an unknown access key, or a session token that does not belong to the key: UnrecognizedClientException;</li>
 *   <li>a signing time more than 5 minutes from the clock, a scope date that is not the request's date, or a
 *       signature that does not match: InvalidSignatureException.</li>
 * </ul>
 * The payload is covered by hashing the body, or by {@code x-amz-content-sha256} when the client sent it: a hex
 * hash there must be the body's, and {@code UNSIGNED-PAYLOAD} means the client chose not to sign the body (as
 * AWS allows). Thread-safe: it holds only the lookup and the clock, which must be thread-safe themselves.
 */
public final class SigV4Verifier {

    private static final String CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final CredentialLookup lookup;
    private final Clock clock;

    public SigV4Verifier(CredentialLookup lookup, Clock clock) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies the Authorization header (or presigned query) of a request.
     *
     * @return the caller, with the region and service it signed for; the caller of this method must still check
     *         the service with {@link VerifiedCaller#requireService}
     * @throws ServiceException with AWS's error type and message if the request is not validly signed
     */
    public VerifiedCaller verify(SignedRequest request) {
        QueryString query = QueryString.parse(request.rawQuery());
        SignatureParts parts = SignatureParser.parse(request, query);
        CredentialScope scope = parts.scope();
        if (!scope.date().equals(parts.time().day())) {
            throw AuthErrors.invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                    + "from HTTP: '" + scope.date() + "' != '" + parts.time().day() + "', from '"
                    + parts.time().basic() + "'.");
        }
        SigningCredentials credentials = lookup.find(scope.accessKeyId())
                .orElseThrow(AuthErrors::unrecognizedClient);
        checkSessionToken(credentials.sessionToken(), parts.securityToken());
        parts.time().checkAgainst(Instant.ofEpochMilli(clock.millis()), parts.validity());
        String canonicalRequest = CanonicalRequest.build(request.method(), request.path(),
                query.canonical(parts.presigned() ? SignatureParser.SIGNATURE_PARAMETER : null), request.headers(),
                parts.signedHeaders(), payloadHash(request));
        String stringToSign = SignatureCalculator.stringToSign(parts.time().basic(), scope, canonicalRequest);
        String expected = SignatureCalculator.signature(credentials.secretKey(), scope, stringToSign);
        if (!SignatureCalculator.constantTimeEquals(expected, parts.signature())) {
            // AWS shows both strings so that a client author can see where their canonicalisation differs;
            // neither holds anything the client did not send.
            throw AuthErrors.invalid(AuthErrors.SIGNATURE_MISMATCH + "\n\nThe Canonical String for this request "
                    + "should have been\n'" + canonicalRequest + "'\n\nThe String-to-Sign should have been\n'"
                    + stringToSign + "'\n");
        }
        return new VerifiedCaller(credentials, scope.region(), scope.service());
    }

    /**
     * Only parses the credential scope, verifying nothing: for the unauthenticated local mode, which needs the
     * region and access key of a request.
     *
     * @return empty if the request has no Authorization header or presigned credential, or its scope is malformed
     */
    public static Optional<CredentialScope> scope(SignedRequest request) {
        String credential = SignatureParser.credential(request, QueryString.parse(request.rawQuery()));
        if (credential == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(CredentialScope.parse(credential));
        } catch (ServiceException malformed) {
            return Optional.empty();
        }
    }

    /** A key with a token needs exactly that token; a key without one accepts none. */
    private static void checkSessionToken(String expected, String presented) {
        boolean valid = expected == null
                ? presented == null
                : presented != null && SignatureCalculator.constantTimeEquals(expected, presented);
        if (!valid) {
            throw AuthErrors.unrecognizedClient();
        }
    }

    private static String payloadHash(SignedRequest request) {
        String declared = request.header(CONTENT_SHA256);
        if (declared == null) {
            return SignatureCalculator.sha256Hex(request.body());
        }
        if (declared.equals(UNSIGNED_PAYLOAD)) {
            return declared;
        }
        if (!HEX_SHA256.matcher(declared).matches()) {
            throw AuthErrors.invalid("x-amz-content-sha256 must be the hex SHA-256 of the body or " + UNSIGNED_PAYLOAD
                    + "; '" + declared + "' is not supported.");
        }
        // Without this check a client's signed hash could vouch for a body swapped in transit.
        if (!declared.equalsIgnoreCase(SignatureCalculator.sha256Hex(request.body()))) {
            throw AuthErrors.invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return declared;
    }
}
