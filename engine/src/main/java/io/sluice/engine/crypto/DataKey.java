package io.sluice.engine.crypto;

import java.util.Objects;

/**
 * A data key: the AES-256 key records are encrypted with, and that key wrapped by the KMS key it belongs to.
 * Only {@code wrapped} may be persisted; {@code plaintext} lives in memory only.
 *
 * <p>The arrays are shared, not copied, so that encrypting a record does not copy key material; treat them
 * as read-only. Immutable as long as nobody writes into them, hence thread-safe.
 *
 * @param keyId     canonical id of the KMS key that wrapped it (see {@link LocalKms#resolve})
 * @param plaintext the 32 key bytes
 * @param wrapped   the key wrapped by the KMS key, as {@link LocalKms#unwrap} takes it back
 */
public record DataKey(String keyId, byte[] plaintext, byte[] wrapped) {

    public DataKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(wrapped, "wrapped");
        if (plaintext.length != Hkdf.KEY_BYTES) {
            throw new IllegalArgumentException("A data key is " + Hkdf.KEY_BYTES + " bytes, not " + plaintext.length);
        }
    }

    /** Names the key without its bytes, so that logging a data key cannot leak it. */
    @Override
    public String toString() {
        return "DataKey[keyId=" + keyId + ", wrapped=" + wrapped.length + " bytes]";
    }
}
