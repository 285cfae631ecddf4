package io.sluice.engine.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) for one 32-byte output, which is all this package derives (AES-256 keys): extract
 * {@code PRK = HMAC(salt, ikm)}, then expand {@code OKM = T(1) = HMAC(PRK, info | 0x01)}. Stateless and
 * thread-safe.
 */
final class Hkdf {

    static final int KEY_BYTES = 32;

    private static final String HMAC = "HmacSHA256";

    private Hkdf() {
    }

    static byte[] deriveKey(byte[] salt, byte[] inputKeyMaterial, byte[] info) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            // RFC 5869 2.2: an absent salt is HashLen zero bytes.
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[KEY_BYTES] : salt, HMAC));
            byte[] pseudoRandomKey = mac.doFinal(inputKeyMaterial);
            mac.init(new SecretKeySpec(pseudoRandomKey, HMAC));
            mac.update(info);
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
