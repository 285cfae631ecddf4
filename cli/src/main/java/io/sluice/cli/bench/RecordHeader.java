package io.sluice.cli.bench;

/**
 * The first {@value #BYTES} bytes of the data of every record the bench writes, big-endian:
 * <pre>
 *   0  int   magic "SLB1", so that consumers skip records the bench did not write
 *   4  int   run id, so that a run reading from TRIM_HORIZON tells its records from an earlier run's
 *   8  long  sequence: 0, 1, 2... over the whole run, so that consumers count distinct records
 *  16  long  send time, {@link Ticker} nanoseconds taken when the request body was built
 * </pre>
 * 24 is a multiple of 3, so in JSON the header is exactly the first 32 characters of the base64 text and can be
 * patched in place without re-encoding the rest of the record. The text form ({@link Payload#TEXT}) is the same
 * 24 bytes as 48 lowercase hex characters (a multiple of 3 too).
 */
record RecordHeader(int runId, long sequence, long sentNanos) {

    static final int BYTES = 24;
    static final int MAGIC = 0x534c4231;
    static final int TEXT_BYTES = 2 * BYTES;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    void writeTo(byte[] target) {
        write(target, runId, sequence, sentNanos);
    }

    /** The same as {@link #writeTo} without a header object, for the producers' loop over every record. */
    static void write(byte[] target, int runId, long sequence, long sentNanos) {
        putInt(target, 0, MAGIC);
        putInt(target, 4, runId);
        putLong(target, 8, sequence);
        putLong(target, 16, sentNanos);
    }

    /** {@link #write} as 48 lowercase hex characters. */
    static void writeText(byte[] target, int runId, long sequence, long sentNanos) {
        byte[] binary = new byte[BYTES];
        write(binary, runId, sequence, sentNanos);
        for (int i = 0; i < BYTES; i++) {
            target[2 * i] = HEX[(binary[i] >> 4) & 0xf];
            target[2 * i + 1] = HEX[binary[i] & 0xf];
        }
    }

    /**
     * The header at the start of {@code data}, in either form, or null when the data is too short or is not a
     * bench record.
     */
    static RecordHeader readOrNull(byte[] data, int length) {
        if (length >= BYTES && getInt(data, 0) == MAGIC) {
            return new RecordHeader(getInt(data, 4), getLong(data, 8), getLong(data, 16));
        }
        if (length < TEXT_BYTES) {
            return null;
        }
        byte[] binary = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            int high = Character.digit(data[2 * i], 16);
            int low = Character.digit(data[2 * i + 1], 16);
            if (high < 0 || low < 0) {
                return null;
            }
            binary[i] = (byte) (high << 4 | low);
        }
        return getInt(binary, 0) != MAGIC ? null
                : new RecordHeader(getInt(binary, 4), getLong(binary, 8), getLong(binary, 16));
    }

    private static void putInt(byte[] b, int at, int value) {
        for (int i = 3; i >= 0; i--) {
            b[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static void putLong(byte[] b, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static int getInt(byte[] b, int at) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (b[at + i] & 0xff);
        }
        return value;
    }

    private static long getLong(byte[] b, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (b[at + i] & 0xff);
        }
        return value;
    }
}
