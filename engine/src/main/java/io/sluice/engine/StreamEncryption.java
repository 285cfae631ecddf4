package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.common.UnsupportedFormatVersionException;
import io.sluice.engine.crypto.DataKey;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.crypto.RecordCipher;
import io.sluice.engine.store.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Encryption at rest for streams with KMS encryption on. A record's partition key and data are sealed together
 * with AES-256-GCM under the stream's current data key, bound to the stream incarnation and shard; the log keeps
 * only the ciphertext (flag {@link #ENCRYPTED}) and an empty partition key. Data keys are persisted only wrapped
 * by the local KMS, under {@code datakey:<account>:<region>:<stream>:<createdAt>:<n>}; the entry is, in version 2
 * (written now), {@code u8 0xFF | u8 version=2 | utf keyId | wrapped bytes}, and in version 1 (until 0a647f3)
 * {@code utf keyId | wrapped bytes}. A version 1 entry never starts with 0xFF (that would be a key id of 65280 bytes
 * or more, where KMS ids have at most a few hundred), so the first byte tells them apart; a marked entry of another
 * version is refused with {@link UnsupportedFormatVersionException}.
 * A fresh data key is made at every start of the server (and at StartStreamEncryption), which bounds how many
 * records one key encrypts with random nonces; every node makes its own, and each node's ring follows the keys
 * the others make ({@link #follow}), so any node reads what any node wrote. Thread-safe.
 */
final class StreamEncryption implements StreamRegistry.KeyLoader {

    static final byte ENCRYPTED = 1;
    private static final Logger LOG = LoggerFactory.getLogger(StreamEncryption.class);
    static final String KEY_PREFIX = "datakey:";
    private static final int VERSION_MARK = 0xFF;
    private static final int VERSION = 2;

    private final LocalKms kms;
    private final RecordCipher cipher = new RecordCipher(new SecureRandom());
    private final MetaStore metadata;
    private final MetaChanges changes;
    /** Serialises the numbering of new data keys on this node; other nodes are kept out by the atomic change. */
    private final ReentrantLock numbering = new ReentrantLock();

    StreamEncryption(LocalKms kms, MetaStore metadata, MetaChanges changes) {
        this.kms = kms;
        this.metadata = metadata;
        this.changes = changes;
    }

    /** The canonical id of a key reference, or KMSNotFoundException. */
    String resolve(String keyReference) {
        return kms.resolve(keyReference);
    }

    /** Unwraps the stream's data keys and, if encryption is on, makes a fresh current one. */
    @Override
    public KeyRing load(StreamMeta meta) throws IOException {
        KeyRing ring = new KeyRing();
        addStoredKeys(meta, ring);
        if (meta.encryptionKeyId() != null) {
            start(meta, ring, meta.encryptionKeyId());
        }
        return ring;
    }

    /**
     * Adds the data keys of the stream that the ring lacks (made by another node), and follows the stream's
     * encryption: off, no current key; on, the ring keeps its current key, or takes the newest one.
     */
    @Override
    public void follow(StreamMeta meta, KeyRing ring) throws IOException {
        addStoredKeys(meta, ring);
        if (meta.encryptionKeyId() == null) {
            ring.makeCurrent(-1);
        } else if (ring.currentNumber() < 0 && ring.nextNumber() > 0) {
            ring.makeCurrent(ring.nextNumber() - 1);
        }
    }

    private void addStoredKeys(StreamMeta meta, KeyRing ring) throws IOException {
        String prefix = prefix(meta);
        for (Map.Entry<String, byte[]> entry : metadata.entries().entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                int number = Integer.parseInt(entry.getKey().substring(prefix.length()));
                if (ring.key(number) != null) {
                    continue;
                }
                try (DataInputStream in = dataKeyEntry(entry.getKey(), entry.getValue())) {
                    String keyId = in.readUTF();
                    ring.add(number, kms.unwrap(keyId, in.readAllBytes()));
                } catch (ServiceException e) {
                    LOG.warn("data key {} of stream {} cannot be unwrapped ({}); its records cannot be read",
                            number, meta.key().name(), e.getMessage());
                }
            }
        }
    }

    /**
     * Makes, persists and switches to a new data key under the KMS key. Its number is the first free one in the
     * store, taken in an atomic change, so two nodes never number two keys alike.
     */
    void start(StreamMeta meta, KeyRing ring, String keyId) throws IOException {
        DataKey key = kms.generateDataKey(keyId);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION_MARK);
            out.writeByte(VERSION);
            out.writeUTF(key.keyId());
            out.write(key.wrapped());
        }
        int number = changes.run(numbering, () -> Io.get(() -> {
            int free = ring.nextNumber();
            while (metadata.get(prefix(meta) + free) != null) {
                free++;
            }
            metadata.put(prefix(meta) + free, bytes.toByteArray());
            return free;
        }));
        ring.add(number, key);
        ring.makeCurrent(number);
    }

    /** The entry positioned at its key id, whatever its version; refuses versions it does not know. */
    static DataInputStream dataKeyEntry(String storeKey, byte[] value) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
        if (value.length > 0 && (value[0] & 0xFF) == VERSION_MARK) {
            in.readUnsignedByte();
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new UnsupportedFormatVersionException("data key", storeKey, version, VERSION);
            }
        }
        return in;
    }

    void stop(KeyRing ring) {
        ring.makeCurrent(-1);
    }

    void forget(StreamMeta meta) throws IOException {
        String prefix = prefix(meta);
        for (String key : metadata.entries().keySet()) {
            if (key.startsWith(prefix)) {
                metadata.delete(key);
            }
        }
    }

    /** Ciphertext of partition key and data: u16 key length | key | data, sealed. */
    byte[] seal(OpenStream stream, int shardIndex, byte[] partitionKey, byte[] data) {
        KeyRing ring = stream.keys();
        int number = ring.currentNumber();
        ByteBuffer plain = ByteBuffer.allocate(2 + partitionKey.length + data.length);
        plain.putShort((short) partitionKey.length).put(partitionKey).put(data);
        return cipher.encrypt(number, ring.key(number), plain.array(), context(stream.meta(), shardIndex));
    }

    /** The partition key and data of a sealed record. */
    byte[][] open(OpenStream stream, int shardIndex, byte[] sealed) {
        DataKey key = stream.keys().key(RecordCipher.dataKeyNumber(sealed));
        if (key == null) {
            throw new ServiceException(ErrorType.KMS_NOT_FOUND, "The KMS key that encrypted this record is not "
                    + "available.");
        }
        byte[] plain = cipher.decrypt(key, sealed, context(stream.meta(), shardIndex));
        int keyLength = ((plain[0] & 0xFF) << 8) | (plain[1] & 0xFF);
        return new byte[][] {Arrays.copyOfRange(plain, 2, 2 + keyLength), Arrays.copyOfRange(plain, 2 + keyLength,
                plain.length)};
    }

    boolean active(OpenStream stream) {
        return stream.keys().currentNumber() >= 0;
    }

    private static byte[] context(StreamMeta meta, int shardIndex) {
        return (meta.logDirectory() + "/" + shardIndex).getBytes(StandardCharsets.UTF_8);
    }

    static String prefix(StreamMeta meta) {
        StreamKey key = meta.key();
        return KEY_PREFIX + key.account() + ":" + key.region() + ":" + key.name() + ":" + meta.createdAt() + ":";
    }
}
