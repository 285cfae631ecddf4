package io.sluice.storage.kafka;

import io.sluice.common.UnsupportedFormatVersionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

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
 * Stateless.
 */
final class RecordHeaders {

    static final String FORMAT = "sluice.format";
    static final int VERSION = 1;
    static final Header VERSION_HEADER = new RecordHeader(FORMAT, new byte[] {VERSION});
    static final String FLAGS = "sluice.flags";
    static final String SEAL = "sluice.seal";

    private RecordHeaders() {
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
