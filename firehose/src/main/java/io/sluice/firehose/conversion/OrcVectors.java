package io.sluice.firehose.conversion;

import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.orc.TypeDescription;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Puts {@link ValueReader}'s values into ORC's column vectors. Stateless. */
final class OrcVectors {

    private OrcVectors() {
    }

    static void set(ColumnVector vector, int row, TypeDescription type, Object value) {
        if (value == null) {
            vector.noNulls = false;
            vector.isNull[row] = true;
            return;
        }
        vector.isNull[row] = false;
        switch (type.getCategory()) {
            case BOOLEAN -> ((LongColumnVector) vector).vector[row] = (Boolean) value ? 1 : 0;
            case BYTE, SHORT, INT, DATE -> ((LongColumnVector) vector).vector[row] = (Integer) value;
            case LONG -> ((LongColumnVector) vector).vector[row] = (Long) value;
            case FLOAT -> ((DoubleColumnVector) vector).vector[row] = (Float) value;
            case DOUBLE -> ((DoubleColumnVector) vector).vector[row] = (Double) value;
            case STRING, CHAR, VARCHAR -> ((BytesColumnVector) vector).setVal(row,
                    ((String) value).getBytes(StandardCharsets.UTF_8));
            case BINARY -> ((BytesColumnVector) vector).setVal(row, (byte[]) value);
            case DECIMAL -> ((DecimalColumnVector) vector).set(row, HiveDecimal.create((BigDecimal) value));
            case TIMESTAMP, TIMESTAMP_INSTANT -> {
                long micros = (Long) value;
                TimestampColumnVector timestamps = (TimestampColumnVector) vector;
                timestamps.time[row] = Math.floorDiv(micros, 1000);
                timestamps.nanos[row] = (int) Math.floorMod(micros, 1_000_000L) * 1000;
            }
            case LIST -> list((ListColumnVector) vector, row, type.getChildren().getFirst(), (List<?>) value);
            case MAP -> map((MapColumnVector) vector, row, type, (Map<?, ?>) value);
            case STRUCT -> {
                StructColumnVector struct = (StructColumnVector) vector;
                Object[] fields = (Object[]) value;
                for (int i = 0; i < fields.length; i++) {
                    set(struct.fields[i], row, type.getChildren().get(i), fields[i]);
                }
            }
            default -> throw new IllegalStateException("ValueReader made no value of " + type);
        }
    }

    private static void list(ListColumnVector vector, int row, TypeDescription element, List<?> values) {
        int start = (int) vector.childCount;
        vector.offsets[row] = start;
        vector.lengths[row] = values.size();
        vector.childCount += values.size();
        vector.child.ensureSize(start + values.size(), true);
        for (int i = 0; i < values.size(); i++) {
            set(vector.child, start + i, element, values.get(i));
        }
    }

    private static void map(MapColumnVector vector, int row, TypeDescription type, Map<?, ?> values) {
        int start = (int) vector.childCount;
        vector.offsets[row] = start;
        vector.lengths[row] = values.size();
        vector.childCount += values.size();
        vector.keys.ensureSize(start + values.size(), true);
        vector.values.ensureSize(start + values.size(), true);
        int i = start;
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            set(vector.keys, i, type.getChildren().get(0), entry.getKey());
            set(vector.values, i, type.getChildren().get(1), entry.getValue());
            i++;
        }
    }
}
