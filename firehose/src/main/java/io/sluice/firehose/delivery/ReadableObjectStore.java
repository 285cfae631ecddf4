package io.sluice.firehose.delivery;

import java.io.IOException;
import java.util.List;

/**
 * An object store that can also be read back: what the console uses to show a delivery stream's newest error
 * output through the same store the destination writes to. Implementations are thread-safe.
 */
public interface ReadableObjectStore extends ObjectStore {

    /** One stored object: its key, when it was last written (epoch millis) and its size in bytes. */
    record StoredObject(String key, long lastModifiedMillis, long size) {
    }

    /**
     * Objects of {@code bucket} whose keys start with {@code prefix}, at most {@code limit} of them, in key order;
     * an absent bucket has none.
     */
    List<StoredObject> list(String bucket, String prefix, int limit) throws IOException;

    /** The whole body of one object. */
    byte[] get(String bucket, String key) throws IOException;
}
