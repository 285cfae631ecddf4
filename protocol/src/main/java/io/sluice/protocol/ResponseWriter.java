package io.sluice.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.sluice.common.SequenceNumber;
import io.sluice.common.ShardId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Writes a response structure in the request's format, with the encodings each client expects: blobs as CBOR
 * byte strings or base64, timestamps as integer epoch milliseconds (CBOR) or epoch seconds with three decimals
 * (JSON). Answers to reads and puts call it several times per record, so its writes make no objects: sequence
 * numbers, shard ids and JSON timestamps are formatted into scratch buffers, and the body grows in blocks instead
 * of by copying. Not thread-safe: one writer per response.
 */
public final class ResponseWriter {

    private static final int MAX_CACHED_NAMES = 1024;
    /** Member names with their encodings (shared: {@link SerializedString} is thread-safe). */
    private static final ConcurrentMap<String, SerializableString> NAMES = new ConcurrentHashMap<>();

    private final WireFormat format;
    private final ByteArrayBuilder out = new ByteArrayBuilder(256);
    private final JsonGenerator generator;
    private final byte[] ascii = new byte[Math.max(SequenceNumber.MAX_DIGITS, ShardId.LENGTH)];
    private final char[] seconds = new char[24];

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
            try {
                name(name);
                generator.writeString(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    public ResponseWriter string(String value) {
        try {
            generator.writeString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * A sequence number as the string {@link SequenceNumber#format()} gives, its digits written straight into the
     * output.
     */
    public ResponseWriter sequenceNumber(String name, SequenceNumber value) {
        return ascii(name, value.formatTo(ascii, 0));
    }

    /** A shard id as the string {@link ShardId#toString()} gives, written without making that string. */
    public ResponseWriter shardId(String name, ShardId value) {
        return ascii(name, value.formatTo(ascii, 0));
    }

    /** Writes the first {@code length} bytes of {@link #ascii} (digits and letters, nothing to escape) as a string. */
    private ResponseWriter ascii(String name, int length) {
        try {
            name(name);
            generator.writeRawUTF8String(ascii, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ResponseWriter number(String name, long value) {
        try {
            name(name);
            generator.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ResponseWriter number(String name, double value) {
        try {
            name(name);
            generator.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ResponseWriter bool(String name, boolean value) {
        try {
            name(name);
            generator.writeBoolean(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ResponseWriter blob(String name, byte[] value) {
        try {
            name(name);
            generator.writeBinary(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ResponseWriter timestamp(String name, long epochMillis) {
        try {
            name(name);
            if (format == WireFormat.CBOR) {
                generator.writeNumber(epochMillis);
            } else if (epochMillis >= 0) {
                int start = epochSeconds(epochMillis);
                generator.writeNumber(seconds, start, seconds.length - start);
            } else {
                generator.writeNumber(BigDecimal.valueOf(epochMillis, 3).toPlainString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Writes non-negative epoch milliseconds as seconds with three decimals (what {@link BigDecimal#toPlainString}
     * prints for scale 3) at the end of {@link #seconds}; returns where the text starts.
     */
    private int epochSeconds(long epochMillis) {
        int position = seconds.length;
        long value = epochMillis;
        for (int digit = 0; digit < 4 || value != 0; digit++) {
            if (digit == 3) {
                seconds[--position] = '.';
            }
            long rest = value / 10;
            seconds[--position] = (char) ('0' + (value - rest * 10));
            value = rest;
        }
        return position;
    }

    public ResponseWriter startObject(String name) {
        try {
            name(name);
            generator.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ResponseWriter startObject() {
        try {
            generator.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ResponseWriter endObject() {
        try {
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ResponseWriter startArray(String name) {
        try {
            name(name);
            generator.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** An array as an element of the enclosing array (a list of lists). */
    public ResponseWriter startArray() {
        try {
            generator.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ResponseWriter endArray() {
        try {
            generator.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Writes a member name, encoded once per process for the names the server's code uses (a bounded cache, so
     * that names taken from requests, such as tag keys, cannot grow it without end).
     */
    private void name(String name) throws IOException {
        SerializableString encoded = NAMES.get(name);
        if (encoded == null && NAMES.size() < MAX_CACHED_NAMES) {
            encoded = NAMES.computeIfAbsent(name, SerializedString::new);
        }
        if (encoded != null) {
            generator.writeFieldName(encoded);
        } else {
            generator.writeFieldName(name);
        }
    }

    /** Closes the top-level structure and returns the encoded body. */
    public byte[] finish() {
        try {
            generator.writeEndObject();
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
