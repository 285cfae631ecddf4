package io.sluice.firehose.processing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the KPL's aggregated record format: the magic {@code F3 89 9A C2}, a protobuf {@code AggregatedRecord}
 * ({@code repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2; repeated Record
 * records = 3}, with {@code Record { uint64 partition_key_index = 1; uint64 explicit_hash_key_index = 2; bytes
 * data = 3; repeated Tag tags = 4 }}), then the 16-byte MD5 of the protobuf bytes. As the KCL does, a record is
 * aggregated only if all of that checks out; anything else is an ordinary record. Stateless.
 */
public final class KplAggregate {

    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int DIGEST_BYTES = 16;
    private static final int RECORDS_FIELD = 3;
    private static final int DATA_FIELD = 3;

    private KplAggregate() {
    }

    /** The user records' data, or null if {@code record} is not a valid aggregate. */
    public static List<byte[]> unpack(byte[] record) {
        if (record.length <= MAGIC.length + DIGEST_BYTES
                || !Arrays.equals(record, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        int end = record.length - DIGEST_BYTES;
        byte[] digest = md5(record, MAGIC.length, end - MAGIC.length);
        if (!Arrays.equals(digest, 0, DIGEST_BYTES, record, end, record.length)) {
            return null;
        }
        try {
            List<byte[]> out = new ArrayList<>();
            Reader outer = new Reader(record, MAGIC.length, end);
            while (outer.more()) {
                int key = (int) outer.varint();
                if (key >>> 3 == RECORDS_FIELD && (key & 7) == 2) {
                    int length = (int) outer.varint();
                    out.add(data(new Reader(record, outer.pos, outer.advance(length))));
                } else {
                    outer.skip(key & 7);
                }
            }
            return out;
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            return null;
        }
    }

    private static byte[] data(Reader inner) {
        byte[] data = null;
        while (inner.more()) {
            int key = (int) inner.varint();
            if (key >>> 3 == DATA_FIELD && (key & 7) == 2) {
                int length = (int) inner.varint();
                int start = inner.pos;
                data = Arrays.copyOfRange(inner.bytes, start, inner.advance(length));
            } else {
                inner.skip(key & 7);
            }
        }
        if (data == null) {
            throw new IllegalStateException("a record without data");
        }
        return data;
    }

    private static byte[] md5(byte[] bytes, int offset, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(bytes, offset, length);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** A cursor over protobuf wire-format bytes in {@code [pos, end)}. */
    private static final class Reader {
        final byte[] bytes;
        int pos;
        final int end;

        Reader(byte[] bytes, int pos, int end) {
            if (end > bytes.length || pos > end) {
                throw new IndexOutOfBoundsException("field runs past its message");
            }
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IndexOutOfBoundsException("truncated varint");
                }
                byte b = bytes[pos++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalStateException("varint too long");
        }

        /** Moves past {@code length} bytes and returns the new position. */
        int advance(int length) {
            if (length < 0 || pos + length > end) {
                throw new IndexOutOfBoundsException("field runs past its message");
            }
            pos += length;
            return pos;
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> advance((int) varint());
                case 5 -> advance(4);
                default -> throw new IllegalStateException("unsupported wire type " + wireType);
            }
        }
    }
}
