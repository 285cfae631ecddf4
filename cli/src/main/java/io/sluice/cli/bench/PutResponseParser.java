package io.sluice.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what the bench needs of a successful PutRecords answer and nothing more: FailedRecordCount, and only when
 * it is not 0 each record's ErrorCode. Sequence numbers and shard ids are skipped. Thread-safe (stateless).
 */
final class PutResponseParser {

    private final JsonFactory factory;

    PutResponseParser(BodyFormat format) {
        this.factory = format.factory();
    }

    /** The outcome of a PutRecords call of {@code records} records answered with status 200. */
    PutOutcome parse(ByteBuf body, int records) throws IOException {
        try (JsonParser parser = factory.createParser((InputStream) new ByteBufInputStream(body.duplicate()))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a PutRecords answer is an object");
            }
            int throttled = 0;
            Map<String, Integer> failed = new TreeMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("FailedRecordCount") && value.isNumeric() && parser.getIntValue() == 0) {
                    return PutOutcome.allAcked(records);
                } else if (name.equals("Records") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        String code = errorCode(parser);
                        if (code == null) {
                            continue;
                        }
                        if (code.equals(ApiError.THROTTLED)) {
                            throttled++;
                        } else {
                            failed.merge(code, 1, Integer::sum);
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            int refused = throttled + failed.values().stream().mapToInt(Integer::intValue).sum();
            return new PutOutcome(records - refused, throttled, failed);
        }
    }

    /** Reads one result entry to its end and returns its ErrorCode, null for a stored record. */
    private static String errorCode(JsonParser parser) throws IOException {
        String code = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("ErrorCode") && value == JsonToken.VALUE_STRING) {
                code = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return code;
    }
}
