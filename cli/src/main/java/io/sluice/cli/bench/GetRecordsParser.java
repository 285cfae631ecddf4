package io.sluice.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads what consumers need of a GetRecords answer or of a SubscribeToShardEvent (the same shape): each record's
 * Data (only its first bytes are kept: the data is decoded into a sink that keeps the header and counts the
 * rest), NextShardIterator or ContinuationSequenceNumber, and MillisBehindLatest. Sequence numbers, partition
 * keys and child shards are skipped. Not thread-safe: one per consumer, which reuses its sink.
 */
final class GetRecordsParser {

    /** Receives each record of a page in order. */
    interface RecordSink {

        /** {@code head} holds the first {@code headLength} bytes of a record of {@code dataLength} bytes. */
        void onRecord(byte[] head, int headLength, int dataLength);
    }

    /**
     * @param next               NextShardIterator of a GetRecords answer, ContinuationSequenceNumber of a fan-out
     *                           event; null once a closed shard has been read to its end
     * @param millisBehindLatest how far the page is from the shard's tip; -1 when the answer does not say
     */
    record Page(int records, String next, long millisBehindLatest) {
    }

    private final JsonFactory factory;
    private final DataHead data = new DataHead();

    GetRecordsParser(BodyFormat format) {
        this.factory = format.factory();
    }

    Page parse(ByteBuf body, RecordSink sink) throws IOException {
        try (JsonParser parser = factory.createParser((InputStream) new ByteBufInputStream(body.duplicate()))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a GetRecords answer is an object");
            }
            int records = 0;
            String next = null;
            long behind = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("Records") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        readRecord(parser, sink);
                        records++;
                    }
                } else if ((name.equals("NextShardIterator") || name.equals("ContinuationSequenceNumber"))
                        && value == JsonToken.VALUE_STRING) {
                    next = parser.getText();
                } else if (name.equals("MillisBehindLatest") && value.isNumeric()) {
                    behind = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
            return new Page(records, next, behind);
        }
    }

    private void readRecord(JsonParser parser, RecordSink sink) throws IOException {
        boolean hasData = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("Data") && value != JsonToken.VALUE_NULL) {
                data.reset();
                parser.readBinaryValue(data);
                hasData = true;
            } else {
                parser.skipChildren();
            }
        }
        if (hasData) {
            sink.onRecord(data.head, Math.min(data.length, data.head.length), data.length);
        } else {
            sink.onRecord(data.head, 0, 0);
        }
    }

    /** Keeps the first {@link RecordHeader#TEXT_BYTES} bytes written to it (either header form) and counts them all. */
    private static final class DataHead extends OutputStream {

        private final byte[] head = new byte[RecordHeader.TEXT_BYTES];
        private int length;

        void reset() {
            length = 0;
        }

        @Override
        public void write(int b) {
            if (length < head.length) {
                head[length] = (byte) b;
            }
            length++;
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            if (length < head.length) {
                System.arraycopy(bytes, offset, head, length, Math.min(count, head.length - length));
            }
            length += count;
        }
    }
}
