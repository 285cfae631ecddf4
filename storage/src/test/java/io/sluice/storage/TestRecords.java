package io.sluice.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builders for records in tests. */
final class TestRecords {

    private TestRecords() {
    }

    static AppendRecord record(String key, String data) {
        return new AppendRecord((byte) 0, bytes(key), bytes(data));
    }

    static List<AppendRecord> records(String... data) {
        List<AppendRecord> records = new ArrayList<>();
        for (String d : data) {
            records.add(record("key-" + d, d));
        }
        return records;
    }

    static AppendRecord random(Random random, int maxKey, int maxData) {
        byte[] key = new byte[random.nextInt(maxKey + 1)];
        byte[] data = new byte[random.nextInt(10) == 0 ? 0 : random.nextInt(maxData + 1)];
        random.nextBytes(key);
        random.nextBytes(data);
        return new AppendRecord((byte) random.nextInt(4), key, data);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** What a record appended at {@code offset} and {@code timestamp} reads back as. */
    static StoredRecord stored(AppendRecord r, long offset, long timestamp) {
        return new StoredRecord(offset, timestamp, r.flags(), r.partitionKey(), r.data());
    }
}
