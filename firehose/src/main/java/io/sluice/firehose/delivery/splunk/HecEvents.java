package io.sluice.firehose.delivery.splunk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.Batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The body of one HEC request. For the Raw endpoint the records as they are, one after the other (Splunk breaks
 * them into events by its line breaking rules). For the Event endpoint one JSON event object per record: a record
 * that already is an HEC event (a JSON object with an {@code event} member, as a Lambda transformation written for
 * Splunk makes them, with its {@code time}, {@code index}, {@code sourcetype}...) is sent as it is, any other record
 * becomes {@code {"event": <record>}}, the record as JSON if it is JSON and as a string otherwise. Stateless.
 */
final class HecEvents {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private HecEvents() {
    }

    static byte[] raw(Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, batch.bytes()));
        for (Batch.Entry entry : batch.entries()) {
            out.writeBytes(entry.data());
        }
        return out.toByteArray();
    }

    static byte[] events(Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                batch.bytes() + 16L * batch.entries().size()));
        for (Batch.Entry entry : batch.entries()) {
            out.writeBytes(event(entry.data()).toString().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static JsonNode event(byte[] data) {
        JsonNode parsed = parse(data);
        if (parsed != null && parsed.isObject() && parsed.has("event")) {
            return parsed;
        }
        ObjectNode wrapper = JSON.createObjectNode();
        if (parsed != null) {
            wrapper.set("event", parsed);
        } else {
            wrapper.put("event", new String(data, StandardCharsets.UTF_8));
        }
        return wrapper;
    }

    private static JsonNode parse(byte[] data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            return null;
        }
    }
}
