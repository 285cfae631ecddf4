package io.sluice.protocol.sigv4;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signs requests with SigV4 in the Authorization-header form, with the same canonical request and key chain the
 * verifier checks ({@link CanonicalRequest}, {@link SignatureCalculator}): for Sluice's own tools and tests that
 * call Sluice without an AWS SDK. Immutable.
 */
public final class RequestSigner {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String accessKeyId;
    private final String secretKey;
    private final String region;
    private final String service;

    public RequestSigner(String accessKeyId, String secretKey, String region, String service) {
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
        this.region = region;
        this.service = service;
    }

    /**
     * The headers to add to a request so that it is signed at {@code now}: {@code X-Amz-Date} and
     * {@code Authorization}. Every header given is signed.
     *
     * @param path    the path as sent (already percent-encoded)
     * @param query   the canonical query string ("" for none)
     * @param headers the request's headers; {@code host} among them
     */
    public Map<String, String> sign(String method, String path, String query, Map<String, String> headers,
                                    byte[] body, Instant now) {
        String time = BASIC.format(now);
        Map<String, String> signed = new HashMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value));
        if (!signed.containsKey("host")) {
            throw new IllegalArgumentException("the host header must be signed");
        }
        signed.put("x-amz-date", time);
        List<String> names = new ArrayList<>(signed.keySet());
        names.sort(null);
        CredentialScope scope = new CredentialScope(accessKeyId, time.substring(0, 8), region, service);
        String canonical = CanonicalRequest.build(method, path, query, signed, names,
                SignatureCalculator.sha256Hex(body));
        String signature = SignatureCalculator.signature(secretKey,
                scope, SignatureCalculator.stringToSign(time, scope, canonical));
        return Map.of("X-Amz-Date", time, "Authorization", SignatureCalculator.ALGORITHM + " Credential="
                + accessKeyId + "/" + scope.scopeLine() + ", SignedHeaders=" + String.join(";", names)
                + ", Signature=" + signature);
    }
}
