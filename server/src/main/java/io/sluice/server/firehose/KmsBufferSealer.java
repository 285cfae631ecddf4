package io.sluice.server.firehose;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.engine.crypto.DataKey;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.crypto.RecordCipher;
import io.sluice.firehose.buffer.BufferSealer;
import io.sluice.storage.MetadataStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Firehose's server-side encryption, with the local KMS that Kinesis streams use: each record of a delivery stream
 * with encryption on is sealed with AES-256-GCM under a data key, bound to its buffer. Data keys are made per KMS
 * key at each start of the server (bounding how many records one key seals with random nonces) and persisted only
 * wrapped, in their own metadata store: {@code datakey:<n>} = utf keyId | wrapped bytes. The AWS owned key is
 * {@code alias/aws/kinesis}. Thread-safe: reads are lock-free; a new data key is made and persisted under a lock
 * (not a monitor, nor inside a map's compute, so that the store's write never pins a virtual thread's carrier).
 */
public final class KmsBufferSealer implements BufferSealer, AutoCloseable {

    private static final String AWS_OWNED_KEY = "alias/aws/kinesis";
    private static final String KEY_PREFIX = "datakey:";

    private final LocalKms kms;
    private final MetadataStore store;
    private final RecordCipher cipher = new RecordCipher(new SecureRandom());
    private final Map<Integer, DataKey> keys = new ConcurrentHashMap<>();
    private final Map<String, Integer> current = new ConcurrentHashMap<>();
    private final ReentrantLock newKeyLock = new ReentrantLock();

    public KmsBufferSealer(LocalKms kms, MetadataStore store) {
        this.kms = kms;
        this.store = store;
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (entry.getKey().startsWith(KEY_PREFIX)) {
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry.getValue()))) {
                    String keyId = in.readUTF();
                    keys.put(Integer.parseInt(entry.getKey().substring(KEY_PREFIX.length())),
                            kms.unwrap(keyId, in.readAllBytes()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServiceException keyGone) {
                    // records sealed under a key the operator removed stay unreadable; the rest work
                }
            }
        }
    }

    @Override
    public void check(String keyArn) {
        keyId(keyArn);
    }

    @Override
    public byte[] seal(String bufferName, String keyArn, byte[] record) {
        String keyId = keyId(keyArn);
        Integer number = current.get(keyId);
        if (number == null) {
            number = newDataKey(keyId);
        }
        return cipher.encrypt(number, keys.get(number), record, bufferName.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] open(String bufferName, byte[] sealed) {
        DataKey key = keys.get(RecordCipher.dataKeyNumber(sealed));
        if (key == null) {
            throw new ServiceException(ErrorType.INVALID_KMS_RESOURCE, "The KMS key that encrypted this record is "
                    + "not available.");
        }
        return cipher.decrypt(key, sealed, bufferName.getBytes(StandardCharsets.UTF_8));
    }

    /** The key store's id of a KMS key ARN; Firehose answers an unknown key with InvalidKMSResourceException. */
    private String keyId(String keyArn) {
        try {
            return kms.resolve(keyArn == null ? AWS_OWNED_KEY : keyArn);
        } catch (ServiceException e) {
            throw new ServiceException(ErrorType.INVALID_KMS_RESOURCE, e.getMessage());
        }
    }

    /** The current data key of a KMS key, made and persisted by the first caller that needs it. */
    private int newDataKey(String keyId) {
        newKeyLock.lock();
        try {
            Integer made = current.get(keyId);
            return made != null ? made : persistNewDataKey(keyId);
        } finally {
            newKeyLock.unlock();
        }
    }

    private int persistNewDataKey(String keyId) {
        DataKey key = kms.generateDataKey(keyId);
        int number = keys.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(key.keyId());
            out.write(key.wrapped());
            store.put(KEY_PREFIX + number, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys.put(number, key);
        current.put(keyId, number);
        return number;
    }

    @Override
    public void close() {
        store.close();
    }
}
