package io.sluice.firehose.processing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Writes KPL aggregated records for tests, field by field as the KPL's protobuf schema lays them out. */
public final class KplAggregates {

    private KplAggregates() {
    }

    public static byte[] aggregate(List<String> partitionKeys, List<byte[]> records) throws Exception {
        ByteArrayOutputStream proto = new ByteArrayOutputStream();
        for (String key : partitionKeys) {
            field(proto, 1, key.getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < records.size(); i++) {
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            record.write(1 << 3);
            varint(record, i % partitionKeys.size());
            field(record, 3, records.get(i));
            field(proto, 3, record.toByteArray());
        }
        byte[] body = proto.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(KplAggregate.MAGIC);
        out.write(body);
        out.write(MessageDigest.getInstance("MD5").digest(body));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] value) {
        varint(out, number << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
