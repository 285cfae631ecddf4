package io.sluice.storage.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The format of a record in the metadata topic.
 *
 * <p><b>Format</b>: the Kafka record key is the metadata key in UTF-8. The Kafka value is an envelope:
 * <pre>
 *   int8   version   1
 *   bytes  value     the metadata value, the rest of the record (may be empty)
 * </pre>
 * A deleted key is a tombstone: a null Kafka value (which compaction later removes with the key's older records).
 * Headers are neither written nor read.
 *
 * <p><b>Recovery rule</b>: a value whose version byte is not 1 (or that has no version byte) was written by a
 * newer Sluice, or by something else: {@link #decodeValue} refuses it with a {@link MetadataFormatException} naming
 * the offset and the version, and the node stops applying metadata rather than build a view that skips a change
 * (see {@link KafkaMetaStore}).
 *
 * <p><b>Threading</b>: stateless.
 */
final class MetadataRecordFormat {

    static final byte VERSION = 1;

    private MetadataRecordFormat() {
    }

    static byte[] encodeKey(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The Kafka value of a put; a delete is a null value. */
    static byte[] encodeValue(byte[] value) {
        byte[] envelope = new byte[value.length + 1];
        envelope[0] = VERSION;
        System.arraycopy(value, 0, envelope, 1, value.length);
        return envelope;
    }

    static String decodeKey(byte[] key, long offset) throws MetadataFormatException {
        if (key == null) {
            throw new MetadataFormatException("metadata record at offset " + offset + " has no key", offset);
        }
        return new String(key, StandardCharsets.UTF_8);
    }

    /** The metadata value of a Kafka value (null for a tombstone), read from the record at {@code offset}. */
    static byte[] decodeValue(byte[] envelope, long offset) throws MetadataFormatException {
        if (envelope == null) {
            return null;
        }
        if (envelope.length == 0) {
            throw new MetadataFormatException("metadata record at offset " + offset + " has no version byte",
                    offset);
        }
        if (envelope[0] != VERSION) {
            throw new MetadataFormatException("metadata record at offset " + offset + " has format version "
                    + (envelope[0] & 0xff) + "; this node reads version " + VERSION
                    + " only (written by a newer Sluice? upgrade this node)", offset);
        }
        return Arrays.copyOfRange(envelope, 1, envelope.length);
    }
}
