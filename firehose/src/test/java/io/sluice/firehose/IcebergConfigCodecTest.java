package io.sluice.firehose;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.CloudWatchLogging;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.config.IcebergDestination.IcebergCatalog;
import io.sluice.firehose.config.IcebergDestination.IcebergTable;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.Processor;
import io.sluice.firehose.config.ProcessorParameter;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored JSON of an Iceberg destination (delivery stream metadata format version 2) against a golden file
 * written when the destination was added: it must stay readable, and today's encoding must not drift from it.
 */
class IcebergConfigCodecTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/iceberg-destination-v2.json");

    private final DeliveryStreamMetaCodec codec = new DeliveryStreamMetaCodec();

    static DeliveryStreamMeta meta() {
        IcebergDestination destination = new IcebergDestination("arn:aws:iam::000000000000:role/firehose",
                new IcebergCatalog("arn:aws:glue:us-east-1:000000000000:catalog", "s3://warehouse/path"),
                List.of(new IcebergTable("db", "events", List.of("id"), List.of("day"), "events-errors/"),
                        new IcebergTable("db", "audit", null, null, null)),
                new BufferingHints(3, 60), new CloudWatchLogging(true, "group", "stream"),
                new Processing(true, List.of(new Processor("AppendDelimiterToRecord",
                        List.of(new ProcessorParameter("Delimiter", "\\n"))))),
                true, 120, Fixture.s3("bucket", "backup/", null, null), false, false, false);
        return new DeliveryStreamMeta(Fixture.key("to-iceberg"), DeliveryStreamType.DirectPut, 1, 2, 3, -1, 1, null,
                null, destination, Map.of(), null);
    }

    @Test
    void theGoldenJsonDecodesToTheDestination() throws Exception {
        assertThat(codec.decode("stream/x", Files.readAllBytes(GOLDEN))).isEqualTo(meta());
    }

    @Test
    void todaysEncodingIsTheGoldenJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(codec.encode(meta()))).isEqualTo(json.readTree(GOLDEN.toFile()));
    }
}
