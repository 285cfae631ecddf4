package io.sluice.engine;

import io.sluice.common.ServiceException;
import io.sluice.engine.crypto.LocalKms;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the Kinesis entries of a metadata store offline, for {@code sluice data check}: every stream, consumer,
 * account and data-key entry decodes in a version this Sluice reads, consumers and data keys belong to a stream
 * that exists, and data keys unwrap with the data directory's master key (so encrypted records stay readable).
 * Reports problems as lines and the streams' shard logs for the caller to check against the log directory.
 * Stateless; {@link #check} is confined to the calling thread.
 */
public final class MetadataCheck {

    private static final String STREAM_PREFIX = "stream:";
    private static final String CONSUMER_PREFIX = "consumer:";
    private static final String DATA_KEY_PREFIX = "datakey:";
    private static final String ACCOUNT_PREFIX = "account:";

    /** One shard's log as the metadata names it; {@code sealedEnd} is its end offset once sealed, else -1. */
    public record ShardLogRef(String stream, String logName, long sealedEnd) {
    }

    /** What the check found. */
    public record Report(int streams, int consumers, int dataKeys, int otherEntries, List<ShardLogRef> shardLogs,
                         List<String> problems) {
    }

    private MetadataCheck() {
    }

    /**
     * @param entries       the metadata store's map
     * @param dataDir       the data directory (its {@code keystore/} holds the master key unless one is given)
     * @param masterKeyFile the server's {@code master-key-file} setting, or null for the one in the data directory
     * @param kmsKeys       the server's extra KMS key ids
     */
    public static Report check(Map<String, byte[]> entries, Path dataDir, Path masterKeyFile,
                               Collection<String> kmsKeys) {
        List<String> problems = new ArrayList<>();
        Map<String, StreamMeta> streams = new TreeMap<>();
        List<ConsumerMeta> consumers = new ArrayList<>();
        Map<String, byte[]> dataKeys = new TreeMap<>();
        int other = 0;
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String key = entry.getKey();
            try {
                if (key.startsWith(STREAM_PREFIX)) {
                    streams.put(key, StreamMetaCodec.decode(key, entry.getValue()));
                } else if (key.startsWith(CONSUMER_PREFIX)) {
                    consumers.add(ConsumerMeta.decode(key, entry.getValue()));
                } else if (key.startsWith(ACCOUNT_PREFIX)) {
                    AccountSettings.decode(key, entry.getValue());
                } else if (key.startsWith(DATA_KEY_PREFIX)) {
                    dataKeys.put(key, entry.getValue());
                } else {
                    other++;
                }
            } catch (RuntimeException e) {
                problems.add("metadata " + key + ": " + e.getMessage());
            }
        }
        List<ShardLogRef> logs = new ArrayList<>();
        for (StreamMeta meta : streams.values()) {
            for (ShardMeta shard : meta.shards()) {
                logs.add(new ShardLogRef(meta.key().name(), meta.logDirectory() + "/" + shard.id(),
                        shard.isSealed() ? shard.endOffset() : -1));
            }
        }
        for (ConsumerMeta consumer : consumers) {
            StreamMeta stream = streams.get(STREAM_PREFIX + consumer.stream().account() + ":"
                    + consumer.stream().region() + ":" + consumer.stream().name());
            if (stream == null || stream.createdAt() != consumer.streamCreatedAt()) {
                problems.add("metadata consumer " + consumer.name() + " of stream " + consumer.stream().name()
                        + " (created at " + consumer.streamCreatedAt() + "): that stream does not exist");
            }
        }
        checkDataKeys(dataKeys, streams.values(), dataDir, masterKeyFile, kmsKeys, problems);
        return new Report(streams.size(), consumers.size(), dataKeys.size(), other, logs, problems);
    }

    private static void checkDataKeys(Map<String, byte[]> dataKeys, Collection<StreamMeta> streams, Path dataDir,
                                      Path masterKeyFile, Collection<String> kmsKeys, List<String> problems) {
        boolean encrypted = streams.stream().anyMatch(meta -> meta.encryptionKeyId() != null);
        if (dataKeys.isEmpty() && !encrypted) {
            return;
        }
        Path masterKey = masterKeyFile != null ? masterKeyFile : dataDir.resolve("keystore").resolve("master.key");
        if (!Files.exists(masterKey)) {
            problems.add("key store: master key " + masterKey + " is missing, so no data key can be unwrapped and"
                    + " no encrypted record read");
            return;
        }
        LocalKms kms;
        try {
            kms = LocalKms.open(dataDir, masterKeyFile, kmsKeys);
        } catch (IOException | RuntimeException e) {
            problems.add("key store: master key " + masterKey + " cannot be read: " + e.getMessage());
            return;
        }
        for (StreamMeta meta : streams) {
            if (meta.encryptionKeyId() != null) {
                try {
                    kms.resolve(meta.encryptionKeyId());
                } catch (ServiceException e) {
                    problems.add("metadata stream " + meta.key().name() + ": its KMS key " + meta.encryptionKeyId()
                            + " is not in the key store: " + e.getMessage());
                }
            }
        }
        for (Map.Entry<String, byte[]> entry : dataKeys.entrySet()) {
            String key = entry.getKey();
            if (streams.stream().noneMatch(meta -> key.startsWith(StreamEncryption.prefix(meta)))) {
                problems.add("metadata " + key + ": data key of a stream that does not exist");
            }
            try (DataInputStream in = StreamEncryption.dataKeyEntry(key, entry.getValue())) {
                String keyId = in.readUTF();
                kms.unwrap(keyId, in.readAllBytes());
            } catch (IOException e) {
                problems.add("metadata " + key + ": damaged data key entry: " + e);
            } catch (RuntimeException e) {
                problems.add("metadata " + key + ": data key does not unwrap: " + e.getMessage());
            }
        }
    }
}
