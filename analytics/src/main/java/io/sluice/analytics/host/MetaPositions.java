package io.sluice.analytics.host;

import io.sluice.engine.store.MetaStore;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

/**
 * One application's source positions in the metadata store ({@link MetaStore}): the key
 * {@code analytics-positions:<application ARN>}, whose value is in {@link PositionsCodec}'s versioned, checksummed
 * format. On one node the store is the analytics catalogue's local store; in cluster mode it is the cluster's, so
 * the node that takes an application over reads the positions its previous node stored.
 *
 * <p><b>Older installs</b> kept the positions in a {@link PositionsFile} under the positions directory. When the
 * key is absent and such a file exists, {@link #read} stores its positions under the key and then deletes the file
 * (a crash in between leaves both, and the next read finds the key); the file is never written again.
 *
 * <p><b>Recovery rule</b>: a write is durable when {@link #write} returns (the store's rule); damaged or newer
 * bytes are refused, never guessed at. In cluster mode the stored positions are the last checkpoint of whichever
 * node ran the application: a node that resumes it reads them again ({@link ApplicationTask#resume}).
 *
 * <p><b>Threading</b>: thread-safe as the store is; the one task running the application writes its positions.
 */
final class MetaPositions {

    static final String PREFIX = "analytics-positions:";

    private final MetaStore meta;
    private final String key;
    private final PositionsFile legacy;

    /** @param legacyDir where older installs kept positions files, or null when there are none to read */
    MetaPositions(MetaStore meta, String applicationArn, Path legacyDir) {
        this.meta = meta;
        this.key = key(applicationArn);
        this.legacy = legacyDir == null ? null
                : new PositionsFile(legacyDir.resolve(URLEncoder.encode(applicationArn, StandardCharsets.UTF_8)));
    }

    static String key(String applicationArn) {
        return PREFIX + applicationArn;
    }

    /**
     * The stored positions, or {@link StoredPositions#NONE} when none were ever stored: the latest, since this
     * node's view of the store is first brought up to every change committed before the call (the checkpoint of
     * the node that ran the application last).
     */
    StoredPositions read() throws IOException {
        try {
            meta.sync().join();
        } catch (CompletionException e) {
            throw new IOException("could not catch up with the metadata store to read " + key, e.getCause());
        }
        byte[] value = meta.get(key);
        if (value != null) {
            return PositionsCodec.decode(value, "of metadata key " + key, "delete and recreate the application, or "
                    + "start it from NOW or TRIM_HORIZON");
        }
        StoredPositions migrated = legacy == null ? null : legacy.read();
        if (migrated == null) {
            return StoredPositions.NONE;
        }
        write(migrated);
        legacy.delete();
        return migrated;
    }

    /** Replaces the stored positions, durably. */
    void write(StoredPositions positions) throws IOException {
        meta.put(key, PositionsCodec.encode(positions));
    }

    /** Forgets the positions (a deleted application), and an older install's file if there is one. */
    void delete() throws IOException {
        meta.delete(key);
        if (legacy != null) {
            legacy.delete();
        }
    }
}
