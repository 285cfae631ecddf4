package io.sluice.firehose.conversion;

import org.apache.hadoop.conf.Configuration;
import org.apache.orc.TypeDescription;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Hands rows of {@link ValueReader}'s values to parquet-java's record consumer, in the layout of
 * {@link ParquetSchemas}. One per file, used by the thread writing it.
 */
final class RowWriteSupport extends WriteSupport<Object[]> {

    private final TypeDescription table;
    private final MessageType schema;
    private RecordConsumer out;

    RowWriteSupport(TypeDescription table) {
        this.table = table;
        this.schema = ParquetSchemas.of(table);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
        out.startMessage();
        fields(table, row);
        out.endMessage();
    }

    private void fields(TypeDescription struct, Object[] values) {
        List<String> names = struct.getFieldNames();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                out.startField(names.get(i), i);
                value(struct.getChildren().get(i), values[i]);
                out.endField(names.get(i), i);
            }
        }
    }

    private void value(TypeDescription type, Object value) {
        switch (type.getCategory()) {
            case BOOLEAN -> out.addBoolean((Boolean) value);
            case BYTE, SHORT, INT, DATE -> out.addInteger((Integer) value);
            case LONG, TIMESTAMP, TIMESTAMP_INSTANT -> out.addLong((Long) value);
            case FLOAT -> out.addFloat((Float) value);
            case DOUBLE -> out.addDouble((Double) value);
            case STRING, CHAR, VARCHAR -> out.addBinary(Binary.fromConstantByteArray(
                    ((String) value).getBytes(StandardCharsets.UTF_8)));
            case BINARY -> out.addBinary(Binary.fromConstantByteArray((byte[]) value));
            case DECIMAL -> decimal(type, (BigDecimal) value);
            case LIST -> list(type.getChildren().getFirst(), (List<?>) value);
            case MAP -> map(type, (Map<?, ?>) value);
            case STRUCT -> {
                out.startGroup();
                fields(type, (Object[]) value);
                out.endGroup();
            }
            default -> throw new IllegalStateException("ValueReader made no value of " + type);
        }
    }

    private void decimal(TypeDescription type, BigDecimal value) {
        if (type.getPrecision() <= 9) {
            out.addInteger(value.unscaledValue().intValueExact());
        } else if (type.getPrecision() <= 18) {
            out.addLong(value.unscaledValue().longValueExact());
        } else {
            byte[] unscaled = value.unscaledValue().toByteArray();
            byte[] fixed = new byte[ParquetSchemas.decimalBytes(type.getPrecision())];
            // big-endian two's complement, sign-extended to the fixed length
            byte pad = (byte) (unscaled[0] < 0 ? 0xFF : 0);
            int offset = fixed.length - unscaled.length;
            for (int i = 0; i < offset; i++) {
                fixed[i] = pad;
            }
            System.arraycopy(unscaled, 0, fixed, offset, unscaled.length);
            out.addBinary(Binary.fromConstantByteArray(fixed));
        }
    }

    private void list(TypeDescription element, List<?> values) {
        out.startGroup();
        if (!values.isEmpty()) {
            out.startField(ParquetSchemas.LIST_GROUP, 0);
            for (Object item : values) {
                out.startGroup();
                if (item != null) {
                    out.startField(ParquetSchemas.ELEMENT, 0);
                    value(element, item);
                    out.endField(ParquetSchemas.ELEMENT, 0);
                }
                out.endGroup();
            }
            out.endField(ParquetSchemas.LIST_GROUP, 0);
        }
        out.endGroup();
    }

    private void map(TypeDescription type, Map<?, ?> values) {
        out.startGroup();
        if (!values.isEmpty()) {
            out.startField(ParquetSchemas.MAP_GROUP, 0);
            for (Map.Entry<?, ?> entry : values.entrySet()) {
                out.startGroup();
                out.startField("key", 0);
                value(type.getChildren().get(0), entry.getKey());
                out.endField("key", 0);
                if (entry.getValue() != null) {
                    out.startField("value", 1);
                    value(type.getChildren().get(1), entry.getValue());
                    out.endField("value", 1);
                }
                out.endGroup();
            }
            out.endField(ParquetSchemas.MAP_GROUP, 0);
        }
        out.endGroup();
    }
}
