package io.sluice.protocol.sigv4;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The arithmetic of SigV4: the string to sign
 * <pre>
 * AWS4-HMAC-SHA256
 * &lt;request time, yyyyMMdd'T'HHmmss'Z'&gt;
 * &lt;yyyymmdd&gt;/&lt;region&gt;/&lt;service&gt;/aws4_request
 * hex(SHA-256(canonical request))
 * </pre>
 * and the key chain {@code kDate = HMAC("AWS4" + secret, date)}, {@code kRegion = HMAC(kDate, region)},
 * {@code kService = HMAC(kRegion, service)}, {@code kSigning = HMAC(kService, "aws4_request")}; the signature is
 * {@code hex(HMAC(kSigning, string to sign))}. The one implementation of the chain: the verifier and the bench's
 * signer both use it. Stateless.
 */
public final class SignatureCalculator {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final HexFormat HEX = HexFormat.of();

    private SignatureCalculator() {
    }

    static String stringToSign(String requestTime, CredentialScope scope, String canonicalRequest) {
        return stringToSign(requestTime, scope.scopeLine(), canonicalRequest);
    }

    /**
     * The string to sign of a canonical request.
     *
     * @param scopeLine {@code <yyyymmdd>/<region>/<service>/aws4_request}
     */
    public static String stringToSign(String requestTime, String scopeLine, String canonicalRequest) {
        return ALGORITHM + "\n" + requestTime + "\n" + scopeLine + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** The lower-case hex signature of {@code stringToSign} under {@code secret} and {@code scope}. */
    static String signature(String secret, CredentialScope scope, String stringToSign) {
        return sign(signingKey(secret, scope.date(), scope.region(), scope.service()), stringToSign);
    }

    /** kSigning for one day, region and service: the same for every request of that day, so callers may cache it. */
    public static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, CredentialScope.TERMINATOR);
    }

    /** The lower-case hex signature of {@code stringToSign} under a key from {@link #signingKey}. */
    public static String sign(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Compares in time independent of where the strings differ, so timing does not leak a valid signature. */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
