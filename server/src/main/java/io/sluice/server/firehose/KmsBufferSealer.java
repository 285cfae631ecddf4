package io.sluice.server.firehose;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.engine.crypto.DataKey;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.crypto.RecordCipher;
import io.sluice.engine.store.MetaStore;
import io.sluice.firehose.buffer.BufferSealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Firehose's server-side encryption, with the local KMS that Kinesis streams use: each record of a delivery stream
 * with encryption on is sealed with AES-256-GCM under a data key, bound to its buffer. Data keys are made per KMS
 * key at each start of the server (bounding how many records one key seals with random nonces) and persisted only
 * wrapped, in a metadata store: {@code datakey:<n>} = utf keyId | wrapped bytes. The AWS owned key is
 * {@code alias/aws/kinesis}. On one node that store is its own, under the Firehose data directory; in cluster
 * mode it is Firehose's part of the shared metadata, so that the node delivering a delivery stream opens records
 * sealed by any other node (every node has the same master key): a new key's number is taken in an atomic change
 * (so two nodes never take one number), other nodes' keys arrive through the store's watcher, and a record sealed
 * under a key not seen yet waits for this node's view to catch up before it is called unreadable.
 *
 * <p>Thread-safe: reads are lock-free; a new data key is made and persisted under a lock (not a monitor, nor
 * inside a map's compute, so that the store's write never pins a virtual thread's carrier).
 */
public final class KmsBufferSealer implements BufferSealer, AutoCloseable {

    private static final String AWS_OWNED_KEY = "alias/aws/kinesis";
    private static final String KEY_PREFIX = "datakey:";

    private final LocalKms kms;
    private static final Logger LOG = LoggerFactory.getLogger(KmsBufferSealer.class);
    private static final long SYNC_TIMEOUT_SECONDS = 30;

    private final MetaStore store;
    private final RecordCipher cipher = new RecordCipher(new SecureRandom());
    private final Map<Integer, DataKey> keys = new ConcurrentHashMap<>();
    private final Map<String, Integer> current = new ConcurrentHashMap<>();
    private final ReentrantLock newKeyLock = new ReentrantLock();

    /** @param store where the wrapped data keys are kept; closed with the sealer (a shared store's part is not) */
    public KmsBufferSealer(LocalKms kms, MetaStore store) {
        this.kms = kms;
        this.store = store;
        // watch before reading: a key another node adds in between arrives twice, which is harmless
        store.watch(this::learn);
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            learn(entry.getKey(), entry.getValue());
        }
    }

    /** Unwraps a stored data key into the map; called at start and, on a shared store, for other nodes' keys. */
    private void learn(String storeKey, byte[] value) {
        if (!storeKey.startsWith(KEY_PREFIX) || value == null) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            String keyId = in.readUTF();
            keys.put(Integer.parseInt(storeKey.substring(KEY_PREFIX.length())), kms.unwrap(keyId, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServiceException keyGone) {
            // records sealed under a key the operator removed stay unreadable; the rest work
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
        int number = RecordCipher.dataKeyNumber(sealed);
        DataKey key = keys.get(number);
        if (key == null) {
            // sealed on another node under a key this node's view may not have applied yet
            catchUp();
            learn(KEY_PREFIX + number, store.get(KEY_PREFIX + number));
            key = keys.get(number);
        }
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

    /**
     * Stores a new data key under the next free number: the number is read and taken in one atomic change, so on
     * a shared store a number another node took first makes the change run again with the next one.
     */
    private int persistNewDataKey(String keyId) {
        DataKey key = kms.generateDataKey(keyId);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(key.keyId());
            out.write(key.wrapped());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int number = -1;
        for (int attempt = 1; number < 0; attempt++) {
            try {
                number = store.atomically(() -> {
                    int next = nextNumber();
                    store.put(KEY_PREFIX + next, bytes.toByteArray());
                    return next;
                });
            } catch (MetaStore.ConflictException e) {
                if (attempt == 5) {
                    throw new UncheckedIOException(e);
                }
                LOG.debug("data key number taken by another node (attempt {}); taking the next", attempt, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        keys.put(number, key);
        current.put(keyId, number);
        return number;
    }

    /** One past the highest number in the store (keys whose KMS key is gone keep their numbers). */
    private int nextNumber() {
        int max = -1;
        for (String storeKey : store.entries().keySet()) {
            if (storeKey.startsWith(KEY_PREFIX)) {
                max = Math.max(max, Integer.parseInt(storeKey.substring(KEY_PREFIX.length())));
            }
        }
        return max + 1;
    }

    private void catchUp() {
        try {
            store.sync().get(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("cannot catch up with the stored data keys", e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
