package io.sluice.firehose;

import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.CloudWatchLogging;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.CopyCommand;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.RedshiftDestination;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A Redshift destination in the delivery stream's stored metadata. */
class RedshiftConfigCodecTest {

    private final DeliveryStreamMetaCodec codec = new DeliveryStreamMetaCodec();
    private final DeliveryStreamMeta meta = new DeliveryStreamMeta(Fixture.key("loads"), DeliveryStreamType.DirectPut,
            1, 2, 3, -1, 1, null, null,
            new RedshiftDestination("arn:aws:iam::000000000000:role/firehose",
                    "jdbc:postgresql://db.internal:5432/analytics", "loader", "s3cret-pass",
                    new CopyCommand("events", "id,name", "JSON 'auto'"), 120,
                    Fixture.s3("staging", "pg/", new BufferingHints(5, 60), Compression.GZIP), Processing.NONE, true,
                    Fixture.s3("backup", "all/", null, null), new CloudWatchLogging(true, "g", "s")),
            Map.of(), null);

    @Test
    void aRedshiftDestinationRoundTripsWithItsPassword() {
        assertThat(codec.decode("stream/x", codec.encode(meta))).isEqualTo(meta);
    }

    @Test
    void theFirstStoredFormatOfARedshiftDestinationStaysReadable() throws Exception {
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/redshift-destination-v2.json")) {
            golden = in.readAllBytes();
        }
        assertThat(codec.decode("stream/x", golden)).isEqualTo(meta);
    }

    @Test
    void itsTextNeverShowsThePassword() {
        assertThat(meta.destination().toString()).contains("events").doesNotContain("s3cret-pass");
    }
}
