package io.sluice.firehose.processing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.common.Clock;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The Decompression processor (CompressionFormat GZIP), which Firehose offers for CloudWatch Logs subscription
 * payloads: each record is gunzipped; a payload whose {@code messageType} is {@code CONTROL_MESSAGE} (CloudWatch
 * Logs' check that the destination is reachable) carries no log data and is dropped. A record that is not gzip, or
 * whose size after decompression passes {@link #MAX_DECOMPRESSED_BYTES}, fails with {@link #FAILED_CODE} and goes
 * to the error output as it came in, under {@code decompression-failed/} as AWS writes it. Thread-safe: holds only
 * its settings.
 */
public final class Decompression implements ProcessingStage {

    public static final String FAILED_CODE = "Decompression.Failed";
    /** Guards the worker's memory against a small record that inflates without bound (a "zip bomb"). */
    static final int MAX_DECOMPRESSED_BYTES = 64 << 20;
    private static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";

    private final JsonFactory json = new JsonFactory();
    private final Clock clock;

    public Decompression(Clock clock) {
        this.clock = clock;
    }

    @Override
    public StageResult apply(List<ProcessedRecord> records) {
        List<ProcessedRecord> out = new ArrayList<>(records.size());
        List<FailedRecord> failed = new ArrayList<>();
        for (ProcessedRecord record : records) {
            byte[] data;
            try {
                data = gunzip(record.data());
            } catch (IOException e) {
                failed.add(FailedRecord.of(record, FAILED_CODE, "The record could not be decompressed as GZIP: "
                        + e.getMessage(), 1, clock.millis(), null));
                continue;
            }
            if (!CONTROL_MESSAGE.equals(messageType(data))) {
                out.add(record.withData(data));
            }
        }
        return new StageResult(out, failed);
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            byte[] result = in.readNBytes(MAX_DECOMPRESSED_BYTES + 1);
            if (result.length > MAX_DECOMPRESSED_BYTES) {
                throw new IOException("it decompresses to more than " + (MAX_DECOMPRESSED_BYTES >> 20) + " MiB");
            }
            return result;
        }
    }

    /** The top-level {@code messageType} of a JSON object, or null (not JSON, or no such member). */
    private String messageType(byte[] data) {
        try (JsonParser parser = json.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("messageType")) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
