package io.sluice.storage.kafka;

import io.sluice.common.UnsupportedFormatVersionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.util.ArrayList;
import java.util.List;

/**
 * The headers Sluice puts on the records of a stream topic, so that plain Kafka consumers can read a stream too
 * (key = partition key, value = data, arrival time = the broker's LogAppendTime):
 * <ul>
 *   <li>{@value #FORMAT}: one byte, the version of this layout, {@value #VERSION}; a record with another version is
 *       refused with {@link UnsupportedFormatVersionException} (a newer Sluice wrote it), and a record without
 *       the header (written by a Kafka tool) is read as version 1.</li>
 *   <li>{@value #FLAGS}: one byte, the engine's opaque flags (for example "the data is encrypted"); absent means 0
 *       (a record written by a Kafka tool).</li>
 *   <li>{@value #SEAL}: present only on a seal marker (its value is the name of the node that sealed, for
 *       operators). The first marker ends the shard: Sluice never returns it or anything after it, and other
 *       readers of the topic should skip markers.</li>
 * </ul>
 * Sluice writes a record of flags 0 with no headers at all: read back, it is version 1 with flags 0 as if it
 * carried both, so nothing changes for any reader, and every record is 31 bytes shorter to encode, to check on
 * the broker and to decode, header keys included (compression already squeezed the repeated headers on disk).
 * Records written before with both headers read the same. Other flags carry both headers.
 * Stateless.
 */
final class RecordHeaders {

    static final String FORMAT = "sluice.format";
    static final int VERSION = 1;
    static final Header VERSION_HEADER = new RecordHeader(FORMAT, new byte[] {VERSION});
    static final String FLAGS = "sluice.flags";
    static final String SEAL = "sluice.seal";

    /** The headers of a record per flags byte; shared, since the producer never changes a header. */
    private static final List<List<Header>> BY_FLAGS = flagsHeaders();

    private RecordHeaders() {
    }

    /** The headers Sluice writes on a record of these flags: none for 0, else the version and the flags. */
    static List<Header> of(byte flags) {
        return BY_FLAGS.get(flags & 0xFF);
    }

    private static List<List<Header>> flagsHeaders() {
        List<List<Header>> all = new ArrayList<>(256);
        all.add(List.of());
        for (int flags = 1; flags < 256; flags++) {
            all.add(List.of(VERSION_HEADER, new RecordHeader(FLAGS, new byte[] {(byte) flags})));
        }
        return List.copyOf(all);
    }

    static byte flags(Headers headers) {
        Header flags = headers.lastHeader(FLAGS);
        return flags == null || flags.value() == null || flags.value().length == 0 ? 0 : flags.value()[0];
    }

    /** Refuses a record whose layout version this Sluice does not know. */
    static void checkVersion(Headers headers, String topic, int partition, long offset) {
        Header format = headers.lastHeader(FORMAT);
        int version = format == null || format.value() == null || format.value().length == 0
                ? VERSION : format.value()[0] & 0xFF;
        if (version != VERSION) {
            throw new UnsupportedFormatVersionException("record", topic + "-" + partition + " offset " + offset,
                    version, VERSION);
        }
    }

    static boolean isSeal(Headers headers) {
        return headers.lastHeader(SEAL) != null;
    }
}
