package io.sluice.engine.crypto;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and decrypts record payloads with AES-256-GCM under a data key.
 *
 * <p>Ciphertext layout ({@value #OVERHEAD_BYTES} bytes more than the plaintext):
 * <pre>
 * offset  bytes  field
 * 0       1      version, 0x01
 * 1       4      data-key number, big-endian: the caller's name for the data key, so a reader can find it
 * 5       12     random nonce
 * 17      n      AES-GCM ciphertext of the n plaintext bytes
 * 17+n    16     GCM tag
 * </pre>
 * The tag authenticates the first 5 bytes and then the caller's context bytes (stream, shard...), so a record
 * moved to another context, or relabelled with another data-key number, fails to decrypt.
 *
 * <p>The nonce is random, so one data key must encrypt at most 2^32 records (NIST SP 800-38D); the data-key
 * number lets the caller move to a new data key well before that.
 *
 * <p>Thread-safe: no shared {@code Cipher} (a fresh one per call), and {@link SecureRandom} is thread-safe.
 */
public final class RecordCipher {

    private static final byte VERSION = 1;
    private static final int HEADER_BYTES = 5;

    /** Bytes a ciphertext has beyond its plaintext. */
    public static final int OVERHEAD_BYTES = HEADER_BYTES + AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES;

    private final AesGcm gcm;

    public RecordCipher(SecureRandom random) {
        this.gcm = new AesGcm(random);
    }

    /** Encrypts a record payload under the data key the caller numbers {@code dataKeyNumber}, bound to {@code aad}. */
    public byte[] encrypt(int dataKeyNumber, DataKey key, byte[] plaintext, byte[] aad) {
        byte[] header = {VERSION, (byte) (dataKeyNumber >>> 24), (byte) (dataKeyNumber >>> 16),
                (byte) (dataKeyNumber >>> 8), (byte) dataKeyNumber};
        return gcm.seal(aesKey(key), header, aad, plaintext);
    }

    /** Reads the data-key number from a ciphertext without decrypting (to look up the key). */
    public static int dataKeyNumber(byte[] ciphertext) {
        requireFormat(ciphertext);
        return (ciphertext[1] & 0xff) << 24 | (ciphertext[2] & 0xff) << 16 | (ciphertext[3] & 0xff) << 8
                | ciphertext[4] & 0xff;
    }

    /** Decrypts; ServiceException(KMS_INVALID_STATE, ...) if the tag does not verify. */
    public byte[] decrypt(DataKey key, byte[] ciphertext, byte[] aad) {
        requireFormat(ciphertext);
        try {
            return gcm.open(aesKey(key), ciphertext, HEADER_BYTES, aad);
        } catch (AEADBadTagException e) {
            throw new ServiceException(ErrorType.KMS_INVALID_STATE, "Stored record cannot be decrypted with data key of"
                    + " KMS key '" + key.keyId() + "': it was altered, or belongs to another key, stream or shard");
        }
    }

    /** Tells a record of another format from a damaged one (whose tag would fail), for a clearer error. */
    private static void requireFormat(byte[] ciphertext) {
        if (ciphertext.length < OVERHEAD_BYTES || ciphertext[0] != VERSION) {
            throw new ServiceException(ErrorType.KMS_INVALID_STATE,
                    "Stored record is not a version " + VERSION + " encrypted record");
        }
    }

    private static SecretKeySpec aesKey(DataKey key) {
        return new SecretKeySpec(key.plaintext(), "AES");
    }
}
