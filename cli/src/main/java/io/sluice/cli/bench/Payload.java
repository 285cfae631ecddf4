package io.sluice.cli.bench;

/**
 * How the bench writes a record's {@link RecordHeader}: as its 24 bytes ({@code binary}), or as 48 lowercase hex
 * characters followed by a comma and letters ({@code text}), so that a processor that reads records as text (a
 * Kinesis Data Analytics application with a CSV input schema, a Lambda function) can carry the header into the
 * records it writes, and consumers of its output stream measure the latency through it.
 */
enum Payload {
    BINARY(RecordHeader.BYTES),
    TEXT(RecordHeader.TEXT_BYTES);

    private final int headerBytes;

    Payload(int headerBytes) {
        this.headerBytes = headerBytes;
    }

    int headerBytes() {
        return headerBytes;
    }

    void writeHeader(byte[] target, int runId, long sequence, long sentNanos) {
        if (this == BINARY) {
            RecordHeader.write(target, runId, sequence, sentNanos);
        } else {
            RecordHeader.writeText(target, runId, sequence, sentNanos);
        }
    }

    /** A record of {@code size} bytes whose header is still to be written: random bytes, or a comma and letters. */
    byte[] template(int size, java.util.Random random) {
        byte[] data = new byte[size];
        if (this == BINARY) {
            random.nextBytes(data);
            return data;
        }
        for (int i = headerBytes; i < size; i++) {
            data[i] = i == headerBytes ? (byte) ',' : (byte) ('a' + random.nextInt(26));
        }
        return data;
    }
}
