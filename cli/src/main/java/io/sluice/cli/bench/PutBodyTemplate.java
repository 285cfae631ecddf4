package io.sluice.cli.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * A PutRecords (or PutRecord) body encoded once, with the position of each record's {@link RecordHeader}. A
 * request body is this template copied and patched with the headers of its records, so producers never run a
 * JSON or CBOR encoder: in CBOR the header bytes are written as they are, in JSON as the first 32 base64
 * characters of the record's data. Immutable and thread-safe.
 */
final class PutBodyTemplate {

    private final BodyFormat format;
    private final Payload payload;
    private final byte[] body;
    private final int[] headerOffsets;

    private PutBodyTemplate(BodyFormat format, Payload payload, byte[] body, int[] headerOffsets) {
        this.format = format;
        this.payload = payload;
        this.body = body;
        this.headerOffsets = headerOffsets;
    }

    /**
     * Encodes a body with one record per partition key, each carrying {@code data} (its header bytes are
     * overwritten per request).
     *
     * @param single a PutRecord body (one record, no Records array) rather than PutRecords
     */
    static PutBodyTemplate encode(BodyFormat format, Payload payload, String stream, boolean single,
                                  List<String> partitionKeys, byte[] data) {
        return encode(format, payload, stream, single, partitionKeys, Collections.nCopies(partitionKeys.size(), data));
    }

    /** Encodes a body like the method above, with each record's own data: {@code data} holds one per key. */
    static PutBodyTemplate encode(BodyFormat format, Payload payload, String stream, boolean single,
                                  List<String> partitionKeys, List<byte[]> data) {
        if (data.size() != partitionKeys.size()) {
            throw new IllegalArgumentException(data.size() + " records' data for " + partitionKeys.size() + " keys");
        }
        if (single && partitionKeys.size() != 1) {
            throw new IllegalArgumentException("a PutRecord body holds one record, not " + partitionKeys.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] offsets = new int[partitionKeys.size()];
        try (JsonGenerator generator = format.factory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("StreamName", stream);
            if (single) {
                offsets[0] = writeRecordFields(generator, out, format, partitionKeys.get(0), data.get(0));
            } else {
                generator.writeArrayFieldStart("Records");
                for (int i = 0; i < offsets.length; i++) {
                    generator.writeStartObject();
                    offsets[i] = writeRecordFields(generator, out, format, partitionKeys.get(i), data.get(i));
                    generator.writeEndObject();
                }
                generator.writeEndArray();
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PutBodyTemplate(format, payload, out.toByteArray(), offsets);
    }

    /** Writes Data and PartitionKey and returns where the data's header starts in the output. */
    private static int writeRecordFields(JsonGenerator generator, ByteArrayOutputStream out, BodyFormat format,
                                         String partitionKey, byte[] data) throws IOException {
        generator.writeFieldName("Data");
        generator.writeBinary(data);
        generator.flush();
        // the encoded data is the last thing written: raw bytes in CBOR, base64 text and a closing quote in JSON
        int end = out.size();
        int start = format == BodyFormat.CBOR ? end - data.length : end - 1 - base64Length(data.length);
        generator.writeStringField("PartitionKey", partitionKey);
        return start;
    }

    private static int base64Length(int bytes) {
        return (bytes + 2) / 3 * 4;
    }

    int records() {
        return headerOffsets.length;
    }

    int size() {
        return body.length;
    }

    /** Appends this body to {@code out} with the headers of records {@code firstSequence}, +1, +2... */
    void writeTo(ByteBuf out, int runId, long firstSequence, long sentNanos) {
        int start = out.writerIndex();
        out.writeBytes(body);
        byte[] header = new byte[payload.headerBytes()];
        // both header forms are a multiple of 3 bytes long: their base64 text does not depend on what follows
        byte[] text = format == BodyFormat.JSON ? new byte[payload.headerBytes() / 3 * 4] : null;
        for (int i = 0; i < headerOffsets.length; i++) {
            payload.writeHeader(header, runId, firstSequence + i, sentNanos);
            if (text == null) {
                out.setBytes(start + headerOffsets[i], header);
            } else {
                Base64.getEncoder().encode(header, text);
                out.setBytes(start + headerOffsets[i], text);
            }
        }
    }
}
