package io.sluice.cli.bench;

import io.sluice.protocol.sigv4.SignatureCalculator;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * AWS Signature Version 4, so that the bench can load real AWS as well as local endpoints: builds the canonical
 * request from what the caller passes (canonical path and query, the headers to sign) and signs it with the
 * protocol module's {@link SignatureCalculator}, the one implementation of the key chain. Thread-safe: the
 * signing key of the current date is derived once and cached in a volatile field.
 */
final class SigV4Signer {

    static final String ALGORITHM = SignatureCalculator.ALGORITHM;
    private static final HexFormat HEX = HexFormat.of();

    private final Credentials credentials;
    private final String region;
    private final String service;
    private volatile SigningKey signingKey;

    private record SigningKey(String date, byte[] key) {
    }

    SigV4Signer(Credentials credentials, String region, String service) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
    }

    /**
     * The value of the Authorization header.
     *
     * @param headers        every header to sign: lower-case names, values without surrounding blanks
     * @param payloadSha256  hex SHA-256 of the body
     * @param amzDate        the request's X-Amz-Date, {@code yyyyMMdd'T'HHmmss'Z'}
     */
    String authorization(String method, String path, String query, SortedMap<String, String> headers,
                         String payloadSha256, String amzDate) {
        StringBuilder canonical = new StringBuilder(256).append(method).append('\n').append(path).append('\n')
                .append(query).append('\n');
        StringBuilder signedHeaders = new StringBuilder(64);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            canonical.append(header.getKey()).append(':').append(header.getValue()).append('\n');
            signedHeaders.append(signedHeaders.isEmpty() ? "" : ";").append(header.getKey());
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(payloadSha256);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = SignatureCalculator.stringToSign(amzDate, scope, canonical.toString());
        String signature = SignatureCalculator.sign(keyFor(date), stringToSign);
        return ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope + ", SignedHeaders="
                + signedHeaders + ", Signature=" + signature;
    }

    private byte[] keyFor(String date) {
        SigningKey current = signingKey;
        if (current == null || !current.date().equals(date)) {
            current = new SigningKey(date,
                    SignatureCalculator.signingKey(credentials.secretAccessKey(), date, region, service));
            signingKey = current;
        }
        return current.key();
    }

    static String sha256Hex(byte[] data) {
        return SignatureCalculator.sha256Hex(data);
    }

    /** Hashes the remaining bytes of {@code data} without moving its position. */
    static String sha256Hex(ByteBuffer data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data.duplicate());
            return HEX.formatHex(digest.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
