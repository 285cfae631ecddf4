package io.sluice.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.common.SequenceNumber;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Writes a response structure in the request's format, with the encodings each client expects: blobs as CBOR
 * byte strings or base64, timestamps as integer epoch milliseconds (CBOR) or epoch seconds with three decimals
 * (JSON). Not thread-safe: one writer per response.
 */
public final class ResponseWriter {

    private final WireFormat format;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final JsonGenerator generator;
    private final byte[] digits = new byte[SequenceNumber.MAX_DIGITS];

    public ResponseWriter(WireFormat format) {
        this.format = format;
        try {
            this.generator = format.factory().createGenerator(out);
            generator.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WireFormat format() {
        return format;
    }

    public ResponseWriter string(String name, String value) {
        if (value != null) {
            run(() -> generator.writeStringField(name, value));
        }
        return this;
    }

    public ResponseWriter string(String value) {
        run(() -> generator.writeString(value));
        return this;
    }

    /**
     * A sequence number as the string {@link SequenceNumber#format()} gives, its digits written straight into the
     * output: answers carry one per record.
     */
    public ResponseWriter sequenceNumber(String name, SequenceNumber value) {
        int length = value.formatTo(digits, 0);
        run(() -> {
            generator.writeFieldName(name);
            generator.writeRawUTF8String(digits, 0, length);
        });
        return this;
    }

    public ResponseWriter number(String name, long value) {
        run(() -> generator.writeNumberField(name, value));
        return this;
    }

    public ResponseWriter bool(String name, boolean value) {
        run(() -> generator.writeBooleanField(name, value));
        return this;
    }

    public ResponseWriter blob(String name, byte[] value) {
        run(() -> {
            generator.writeFieldName(name);
            generator.writeBinary(value);
        });
        return this;
    }

    public ResponseWriter timestamp(String name, long epochMillis) {
        run(() -> {
            generator.writeFieldName(name);
            if (format == WireFormat.CBOR) {
                generator.writeNumber(epochMillis);
            } else {
                generator.writeNumber(BigDecimal.valueOf(epochMillis, 3).toPlainString());
            }
        });
        return this;
    }

    public ResponseWriter startObject(String name) {
        run(() -> generator.writeObjectFieldStart(name));
        return this;
    }

    public ResponseWriter startObject() {
        run(generator::writeStartObject);
        return this;
    }

    public ResponseWriter endObject() {
        run(generator::writeEndObject);
        return this;
    }

    public ResponseWriter startArray(String name) {
        run(() -> generator.writeArrayFieldStart(name));
        return this;
    }

    /** An array as an element of the enclosing array (a list of lists). */
    public ResponseWriter startArray() {
        run(generator::writeStartArray);
        return this;
    }

    public ResponseWriter endArray() {
        run(generator::writeEndArray);
        return this;
    }

    /** Closes the top-level structure and returns the encoded body. */
    public byte[] finish() {
        run(() -> {
            generator.writeEndObject();
            generator.close();
        });
        return out.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void run(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
