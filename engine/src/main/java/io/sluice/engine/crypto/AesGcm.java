package io.sluice.engine.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM sealed boxes, the one encryption primitive of this package (records and wrapped data keys are both
 * boxes). A box is {@code header | 12-byte random nonce | ciphertext | 16-byte tag}; the header is the caller's
 * plain bytes (a version, a key number) and is authenticated together with a caller-given context, as
 * {@code AAD = header | context}. The header has a fixed length for each caller, so the concatenation is
 * unambiguous.
 *
 * <p>Random 96-bit nonces are safe for at most 2^32 boxes under one key (NIST SP 800-38D); callers keep each
 * key below that.
 *
 * <p>Thread-safe: every call uses a fresh {@link Cipher} (a Cipher is stateful), and {@link SecureRandom} is
 * thread-safe.
 */
final class AesGcm {

    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecureRandom random;

    AesGcm(SecureRandom random) {
        this.random = random;
    }

    byte[] seal(SecretKey key, byte[] header, byte[] context, byte[] plaintext) {
        byte[] box = Arrays.copyOf(header, header.length + NONCE_BYTES + plaintext.length + TAG_BYTES);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, box, header.length, NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(header);
            cipher.updateAAD(context);
            cipher.doFinal(plaintext, 0, plaintext.length, box, header.length + NONCE_BYTES);
            return box;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is always available", e);
        }
    }

    /**
     * The plaintext of a box sealed by {@link #seal} with the same key, header length and context.
     *
     * @throws AEADBadTagException if the box is too short, or was altered, or was sealed under another key or
     *                             context: the tag alone tells, and the caller decides what that means
     */
    byte[] open(SecretKey key, byte[] box, int headerLength, byte[] context) throws AEADBadTagException {
        int bodyOffset = headerLength + NONCE_BYTES;
        if (box.length < bodyOffset + TAG_BYTES) {
            throw new AEADBadTagException("sealed box of " + box.length + " bytes is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, box, headerLength, NONCE_BYTES));
            cipher.updateAAD(box, 0, headerLength);
            cipher.updateAAD(context);
            return cipher.doFinal(box, bodyOffset, box.length - bodyOffset);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is always available", e);
        }
    }
}
