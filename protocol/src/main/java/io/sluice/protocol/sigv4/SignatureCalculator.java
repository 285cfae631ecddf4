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
 * {@code hex(HMAC(kSigning, string to sign))}. Stateless.
 */
final class SignatureCalculator {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final HexFormat HEX = HexFormat.of();

    private SignatureCalculator() {
    }

    static String stringToSign(String requestTime, CredentialScope scope, String canonicalRequest) {
        return ALGORITHM + "\n" + requestTime + "\n" + scope.scopeLine() + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** The lower-case hex signature of {@code stringToSign} under {@code secret} and {@code scope}. */
    static String signature(String secret, CredentialScope scope, String stringToSign) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
        key = hmac(key, scope.region());
        key = hmac(key, scope.service());
        key = hmac(key, CredentialScope.TERMINATOR);
        return HEX.formatHex(hmac(key, stringToSign));
    }

    static String sha256Hex(byte[] bytes) {
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
