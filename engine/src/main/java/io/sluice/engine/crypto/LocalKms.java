package io.sluice.engine.crypto;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local stand-in for AWS KMS: the KMS keys that exist, and the data keys they wrap.
 *
 * <p>The keys that exist are {@value #AWS_MANAGED_KEY} and those the operator declares, each under its
 * canonical name (see {@link KeyReference}); any accepted form of a reference to them resolves, anything else
 * is a {@code KMSNotFoundException}.
 *
 * <p>Key hierarchy: a KMS key here is not stored anywhere; its key-encryption key is derived on open as
 * {@code KEK = HKDF-SHA256(salt = none, ikm = master key, info = "sluice/local-kms/kek/v1" | 0x00 | canonical
 * name in UTF-8)}, so that the master key file is the only secret on disk and every KMS key gets an independent
 * KEK. Data keys are 32 random bytes; they are persisted only wrapped, as the AES-GCM box
 * {@code 0x01 (version) | 12-byte nonce | encrypted key (32) | tag (16)} = 61 bytes under the KEK, with the
 * canonical name as additional authenticated data, so a wrapped key only unwraps under the key that wrapped it.
 *
 * <p>Thread-safe: immutable after {@link #open}.
 */
public final class LocalKms {

    /** The AWS-managed key for Kinesis, which always exists. */
    public static final String AWS_MANAGED_KEY = "alias/aws/kinesis";

    private static final String KEYSTORE_DIRECTORY = "keystore";
    private static final String MASTER_KEY_FILE = "master.key";
    private static final byte[] KEK_INFO_PREFIX = "sluice/local-kms/kek/v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRAP_HEADER = {1};

    private final Map<String, SecretKey> keyEncryptionKeys;
    private final AesGcm gcm;
    private final SecureRandom random;

    LocalKms(byte[] masterKey, Set<String> canonicalKeyIds, SecureRandom random) {
        Map<String, SecretKey> keks = new HashMap<>();
        for (String keyId : canonicalKeyIds) {
            byte[] kek = Hkdf.deriveKey(new byte[0], masterKey, kekInfo(keyId));
            keks.put(keyId, new SecretKeySpec(kek, "AES"));
            Arrays.fill(kek, (byte) 0);
        }
        this.keyEncryptionKeys = Map.copyOf(keks);
        this.gcm = new AesGcm(random);
        this.random = random;
    }

    /**
     * Opens (or creates at first start) the master key. masterKeyFile null => {@code <dataDir>/keystore/master.key}
     * is created if missing (permissions rw-------), else the operator's file is read (must exist, 32 bytes raw or
     * base64 text of 32 bytes; otherwise IllegalArgumentException with a clear message); the file format is
     * described in {@link MasterKeyFile}. extraKeys: operator-declared key ids / aliases (any accepted form;
     * otherwise IllegalArgumentException).
     */
    public static LocalKms open(Path dataDir, Path masterKeyFile, Collection<String> extraKeys) throws IOException {
        // Configuration is checked before any file is created, so that a typo leaves no trace in the data directory.
        Set<String> keyIds = canonicalKeyIds(extraKeys);
        SecureRandom random = new SecureRandom();
        byte[] masterKey = masterKeyFile == null
                ? MasterKeyFile.readOrCreate(dataDir.resolve(KEYSTORE_DIRECTORY).resolve(MASTER_KEY_FILE), random)
                : MasterKeyFile.read(masterKeyFile);
        try {
            return new LocalKms(masterKey, keyIds, random);
        } finally {
            // The master key is only needed to derive the KEKs: it does not stay in memory.
            Arrays.fill(masterKey, (byte) 0);
        }
    }

    /** Canonical form of a key reference that exists (e.g. "alias/aws/kinesis" or the bare uuid), or KMSNotFoundException. */
    public String resolve(String keyReference) {
        Objects.requireNonNull(keyReference, "keyReference");
        String canonical = KeyReference.canonical(keyReference).orElseThrow(() ->
                new ServiceException(ErrorType.KMS_NOT_FOUND, "Invalid keyId '" + keyReference + "'"));
        if (!keyEncryptionKeys.containsKey(canonical)) {
            throw new ServiceException(ErrorType.KMS_NOT_FOUND, KeyReference.isAlias(canonical)
                    ? "Alias '" + keyReference + "' is not found."
                    : "Key '" + keyReference + "' does not exist");
        }
        return canonical;
    }

    /** A fresh data key for the (resolved) key id: its plaintext (in memory only) and its wrapped form (to persist). */
    public DataKey generateDataKey(String keyId) {
        String canonical = resolve(keyId);
        byte[] plaintext = new byte[Hkdf.KEY_BYTES];
        random.nextBytes(plaintext);
        byte[] wrapped = gcm.seal(keyEncryptionKeys.get(canonical), WRAP_HEADER, utf8(canonical), plaintext);
        return new DataKey(canonical, plaintext, wrapped);
    }

    /**
     * Unwraps a data key persisted earlier; ServiceException(KMS_INVALID_STATE, ...) if it was not made by this
     * keystore / key id (tampered or foreign), and KMS_NOT_FOUND if the key id no longer exists (the operator no
     * longer declares it), as AWS answers for a deleted key.
     */
    public DataKey unwrap(String keyId, byte[] wrapped) {
        String canonical = resolve(keyId);
        try {
            byte[] plaintext = gcm.open(keyEncryptionKeys.get(canonical), wrapped, WRAP_HEADER.length, utf8(canonical));
            return new DataKey(canonical, plaintext, wrapped.clone());
        } catch (AEADBadTagException e) {
            throw new ServiceException(ErrorType.KMS_INVALID_STATE, "The data key was not wrapped by KMS key '"
                    + canonical + "' of this keystore: it was altered, or comes from another keystore or key");
        }
    }

    private static Set<String> canonicalKeyIds(Collection<String> extraKeys) {
        Set<String> keyIds = new LinkedHashSet<>();
        keyIds.add(AWS_MANAGED_KEY);
        for (String reference : extraKeys) {
            keyIds.add(KeyReference.canonical(reference).orElseThrow(() -> new IllegalArgumentException(
                    "KMS key '" + reference + "' is not a key id, key ARN, alias (alias/<name>) or alias ARN")));
        }
        return keyIds;
    }

    private static byte[] kekInfo(String canonicalKeyId) {
        byte[] name = utf8(canonicalKeyId);
        byte[] info = Arrays.copyOf(KEK_INFO_PREFIX, KEK_INFO_PREFIX.length + name.length);
        System.arraycopy(name, 0, info, KEK_INFO_PREFIX.length, name.length);
        return info;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
