package io.sluice.mappings.poll;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.engine.ReadRecord;
import io.sluice.mappings.filter.KinesisFilterView;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Writes the event Lambda hands a function for a batch of Kinesis records, field for field as AWS writes it:
 * {@code Records[]} of {@code {kinesis{kinesisSchemaVersion, partitionKey, sequenceNumber, data (base64),
 * approximateArrivalTimestamp (epoch seconds with milliseconds)}, eventSource, eventVersion, eventID
 * (shardId:sequenceNumber), eventName, invokeIdentityArn, awsRegion, eventSourceARN}}, and for tumbling windows
 * {@code window{start,end}, state, shardId, eventSourceARN, isFinalInvokeForWindow, isWindowTerminatedEarly}.
 * Also builds the view of a record that filter patterns match against.
 *
 * <p><b>Threading</b>: immutable and thread-safe.
 */
final class KinesisEventWriter {

    /** Lambda's payload limit for a synchronous invocation: 6 MB. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    /** The bytes of a record's event entry besides its data, key, sequence number and ARNs, rounded up. */
    private static final int RECORD_OVERHEAD = 320;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The mapper's factory: its generators can write a window's state tree. */
    private static final JsonFactory JSON = MAPPER.getFactory();

    private final String eventSourceArn;
    private final String region;
    private final String invokeIdentityArn;

    /**
     * @param eventSourceArn    the stream's ARN, as every record's {@code eventSourceARN}
     * @param invokeIdentityArn the role named in {@code invokeIdentityArn}
     */
    KinesisEventWriter(String eventSourceArn, String region, String invokeIdentityArn) {
        this.eventSourceArn = eventSourceArn;
        this.region = region;
        this.invokeIdentityArn = invokeIdentityArn;
    }

    /** What a record adds to an event's payload, at most (base64 data plus its fields). */
    int eventBytes(String shardId, ReadRecord record) {
        int sequence = record.sequenceNumber().format().length();
        return RECORD_OVERHEAD + (record.data().length + 2) / 3 * 4 + record.partitionKey().length() * 2
                + sequence * 2 + shardId.length() + eventSourceArn.length() + region.length()
                + invokeIdentityArn.length();
    }

    /** The event for a batch of one shard's records; {@code window} null unless tumbling windows are on. */
    byte[] event(String shardId, List<PendingRecord> records, WindowContext window) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + records.size() * 512);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeArrayFieldStart("Records");
            for (PendingRecord record : records) {
                writeRecord(out, shardId, record.record);
            }
            out.writeEndArray();
            if (window != null) {
                out.writeObjectFieldStart("window");
                out.writeStringField("start", Instant.ofEpochMilli(window.start()).toString());
                out.writeStringField("end", Instant.ofEpochMilli(window.end()).toString());
                out.writeEndObject();
                out.writeFieldName("state");
                out.writeTree(window.state());
                out.writeStringField("shardId", shardId);
                out.writeStringField("eventSourceARN", eventSourceArn);
                out.writeBooleanField("isFinalInvokeForWindow", window.finalInvoke());
                out.writeBooleanField("isWindowTerminatedEarly", window.terminatedEarly());
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void writeRecord(JsonGenerator out, String shardId, ReadRecord record) throws IOException {
        String sequence = record.sequenceNumber().format();
        out.writeStartObject();
        out.writeObjectFieldStart("kinesis");
        out.writeStringField("kinesisSchemaVersion", "1.0");
        out.writeStringField("partitionKey", record.partitionKey());
        out.writeStringField("sequenceNumber", sequence);
        out.writeStringField("data", Base64.getEncoder().encodeToString(record.data()));
        out.writeNumberField("approximateArrivalTimestamp", arrivalSeconds(record.arrivalMillis()));
        out.writeEndObject();
        out.writeStringField("eventSource", "aws:kinesis");
        out.writeStringField("eventVersion", "1.0");
        out.writeStringField("eventID", shardId + ":" + sequence);
        out.writeStringField("eventName", "aws:kinesis:record");
        out.writeStringField("invokeIdentityArn", invokeIdentityArn);
        out.writeStringField("awsRegion", region);
        out.writeStringField("eventSourceARN", eventSourceArn);
        out.writeEndObject();
    }

    /** Epoch seconds with three decimals, e.g. {@code 1545084650.987}, as Lambda writes arrival times. */
    static BigDecimal arrivalSeconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    /** The record as filter patterns see it: {@link KinesisFilterView} of its event entry. */
    JsonNode filterView(String shardId, ReadRecord record) {
        byte[] event = event(shardId, List.of(new PendingRecord(record, 0, 0)), null);
        try {
            ObjectNode entry = (ObjectNode) MAPPER.readTree(event).get("Records").get(0);
            return KinesisFilterView.of(entry, record.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
