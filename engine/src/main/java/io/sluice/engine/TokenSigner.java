package io.sluice.engine;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes opaque tokens (shard iterators, pagination tokens) tamper-evident: the payload is followed by a
 * truncated HMAC-SHA256 under a server secret, and the whole is base64. A token that was altered, truncated or
 * made up fails {@link #open}. Thread-safe. Not final only so that tests can count its checks.
 */
class TokenSigner {

    private static final int TAG_BYTES = 16;

    private final SecretKeySpec key;

    TokenSigner(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    String seal(byte[] payload) {
        byte[] tag = tag(payload);
        byte[] token = Arrays.copyOf(payload, payload.length + TAG_BYTES);
        System.arraycopy(tag, 0, token, payload.length, TAG_BYTES);
        return Base64.getEncoder().encodeToString(token);
    }

    /** The payload of a token this signer sealed, or null if the token is not one. */
    byte[] open(String token) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length <= TAG_BYTES) {
            return null;
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - TAG_BYTES);
        byte[] expected = tag(payload);
        byte[] actual = Arrays.copyOfRange(raw, payload.length, raw.length);
        return MessageDigest.isEqual(expected, actual) ? payload : null;
    }

    private byte[] tag(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
