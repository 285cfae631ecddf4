package io.sluice.storage.kafka;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers Sluice puts on the records of a stream topic, so that plain Kafka consumers can read a stream too:
 * <ul>
 *   <li>{@value #FLAGS}: one byte, the engine's opaque flags (for example "the data is encrypted"); absent means 0
 *       (a record written by a Kafka tool).</li>
 *   <li>{@value #SEAL}: present only on a seal marker (its value is the name of the node that sealed, for
 *       operators). The first marker ends the shard: Sluice never returns it or anything after it, and other
 *       readers of the topic should skip markers.</li>
 * </ul>
 * Stateless.
 */
final class RecordHeaders {

    static final String FLAGS = "sluice.flags";
    static final String SEAL = "sluice.seal";

    private RecordHeaders() {
    }

    static byte flags(Headers headers) {
        Header flags = headers.lastHeader(FLAGS);
        return flags == null || flags.value() == null || flags.value().length == 0 ? 0 : flags.value()[0];
    }

    static boolean isSeal(Headers headers) {
        return headers.lastHeader(SEAL) != null;
    }
}
