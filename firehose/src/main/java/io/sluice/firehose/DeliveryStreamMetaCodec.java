package io.sluice.firehose;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.UnsupportedFormatVersionException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The stored form of a {@link DeliveryStreamMeta}: the JSON of the record (members as its components; the
 * destination carries a {@code "type"} member) plus {@code "formatVersion"}.
 *
 * <p>Versions: 1 is the JSON as shipped until 0a647f3, which had no {@code formatVersion} member (an entry without
 * it is version 1); 2 is the same JSON with {@code "formatVersion": 2}, written from now on. Unknown members are
 * ignored within a known version, so that optional settings can be added without a new version; a member whose
 * absence would be misread needs a new version, and a version this code does not know is refused with
 * {@link UnsupportedFormatVersionException} naming the metadata key. Thread-safe (Jackson's mapper is).
 */
final class DeliveryStreamMetaCodec {

    static final int VERSION = 2;
    private static final String VERSION_MEMBER = "formatVersion";

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    byte[] encode(DeliveryStreamMeta meta) {
        ObjectNode tree = json.valueToTree(meta);
        tree.put(VERSION_MEMBER, VERSION);
        try {
            return json.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes an entry read from {@code storeKey}, which error messages name. */
    DeliveryStreamMeta decode(String storeKey, byte[] data) {
        try {
            JsonNode tree = json.readTree(data);
            int version = tree.has(VERSION_MEMBER) ? tree.get(VERSION_MEMBER).asInt(-1) : 1;
            if (version != 1 && version != VERSION) {
                throw new UnsupportedFormatVersionException("delivery stream metadata", storeKey, version, VERSION);
            }
            return json.treeToValue(tree, DeliveryStreamMeta.class);
        } catch (IOException e) {
            throw new IllegalStateException("delivery stream metadata " + storeKey + " is damaged: " + e.getMessage(),
                    e);
        }
    }
}
