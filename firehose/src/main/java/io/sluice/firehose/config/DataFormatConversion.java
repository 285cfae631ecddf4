package io.sluice.firehose.config;

/**
 * A DataFormatConversionConfiguration: records (JSON) are read with {@code deserializer} and written as one Parquet
 * or ORC file per object with {@code serializer}, in the columns of the Glue table {@code schema} names. Persisted
 * in the ExtendedS3 destination's JSON; absent there in configurations written before it existed (read as null,
 * no conversion).
 *
 * @param enabled      false keeps the configuration but delivers records unconverted
 * @param deserializer the InputFormatConfiguration's one SerDe
 * @param serializer   the OutputFormatConfiguration's one SerDe
 */
public record DataFormatConversion(boolean enabled, ConversionSchema schema, JsonDeserializer deserializer,
                                   ColumnarSerializer serializer) {

    /** Whether records are converted: enabled, and complete (the server refuses an enabled incomplete one). */
    public boolean active() {
        return enabled && schema != null && deserializer != null && serializer != null;
    }
}
