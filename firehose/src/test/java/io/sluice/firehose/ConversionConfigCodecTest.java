package io.sluice.firehose;

import io.sluice.firehose.config.ColumnarSerializer;
import io.sluice.firehose.config.ConversionSchema;
import io.sluice.firehose.config.DataFormatConversion;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.JsonDeserializer;
import io.sluice.firehose.config.Processing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConversionConfigCodecTest {

    private final DeliveryStreamMetaCodec codec = new DeliveryStreamMetaCodec();

    private DeliveryStreamMeta meta(DataFormatConversion conversion) {
        ExtendedS3Destination plain = Fixture.extendedS3(Fixture.s3("bucket", "p/", null, null), Processing.NONE);
        ExtendedS3Destination destination = new ExtendedS3Destination(plain.s3(), plain.processing(), false, null,
                plain.dynamicPartitioning(), null, null, conversion);
        return new DeliveryStreamMeta(Fixture.key("orders"), DeliveryStreamType.DirectPut, 1, 2, 3, -1, 1, null,
                null, destination, Map.of(), null);
    }

    @Test
    void aConversionWithEitherSerDeRoundTripsThroughTheStoredJson() throws Exception {
        ConversionSchema schema = new ConversionSchema("arn:aws:iam::000000000000:role/r", "111122223333", "db",
                "events", "eu-west-1", "3");
        for (DataFormatConversion conversion : List.of(
                new DataFormatConversion(true, schema, new JsonDeserializer.OpenX(true, false, Map.of("ts", "@ts")),
                        new ColumnarSerializer.Orc(8 << 20, 64 << 20, 1000, true, 0.1, "ZLIB", List.of("a"), 0.01,
                                0.5, "V0_11")),
                new DataFormatConversion(false, schema, new JsonDeserializer.Hive(List.of("millis")),
                        ColumnarSerializer.Parquet.DEFAULT))) {
            DeliveryStreamMeta meta = meta(conversion);
            assertThat(codec.decode("stream/x", codec.encode(meta))).isEqualTo(meta);
        }
    }
}
