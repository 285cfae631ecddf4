package io.sluice.analytics.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.RecordFormat;
import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.type.SqlType;
import io.sluice.common.UnsupportedFormatVersionException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationMetaCodecTest {

    private static final String GOLDEN = "/golden/application-meta-v1.json";

    private final ApplicationMetaCodec codec = new ApplicationMetaCodec();
    private final ObjectMapper json = new ObjectMapper();

    /** Every kind of member the format has: the application the golden file holds. */
    static Application golden() {
        SourceSchema csv = new SourceSchema(RecordFormat.csv(",", "\n"), "UTF-8",
                List.of(new RecordColumn("ticker", SqlType.varchar(4), null),
                        new RecordColumn("company", SqlType.parse("VARCHAR(64)"), null)));
        InputConfig input = new InputConfig("1.1", "SOURCE_SQL_STREAM", 2, SourceKind.FIREHOSE,
                "arn:aws:firehose:us-east-1:000000000000:deliverystream/ticks", "arn:aws:iam::000000000000:role/in",
                "arn:aws:lambda:us-east-1:000000000000:function:clean", "arn:aws:iam::000000000000:role/lambda",
                Definitions.SCHEMA, StartingPosition.LAST_STOPPED_POINT);
        ApplicationDefinition definition = new ApplicationDefinition("stock tickers", Definitions.CODE,
                List.of(input), List.of(Definitions.output("1.1"), new OutputConfig("2.1", "error_stream",
                DestinationKind.LAMBDA, "arn:aws:lambda:us-east-1:000000000000:function:errors",
                "arn:aws:iam::000000000000:role/out", RecordFormatType.CSV)),
                List.of(new ReferenceConfig("3.1", "COMPANIES", "arn:aws:s3:::reference", "companies.csv",
                        "arn:aws:iam::000000000000:role/ref", csv)),
                List.of(new LoggingOption("4.1", "arn:aws:logs:us-east-1:000000000000:log-group:g:log-stream:s",
                        "arn:aws:iam::000000000000:role/logs")));
        return new Application(Definitions.key("tickers"), definition, Map.of("team", "quant"), 1_700_000_000_000L,
                1_700_000_360_000L, 5, ApplicationStatus.RUNNING);
    }

    private static byte[] goldenBytes() throws IOException {
        try (InputStream in = ApplicationMetaCodecTest.class.getResourceAsStream(GOLDEN)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theGoldenVersionOneEntryDecodesToItsApplication() throws IOException {
        assertThat(codec.decode("application/x", goldenBytes())).isEqualTo(golden());
    }

    @Test
    void todaysEncodingIsTheGoldenVersionOneFormat() throws IOException {
        assertThat(json.readTree(codec.encode(golden()))).isEqualTo(json.readTree(goldenBytes()));
    }

    @Test
    void anApplicationWithoutOptionalMembersRoundTrips() {
        Application bare = new Application(Definitions.key("bare"), new ApplicationDefinition(null, "", List.of(),
                List.of(), List.of(), List.of()), Map.of(), 1, 1, 1, ApplicationStatus.READY);
        assertThat(codec.decode("application/bare", codec.encode(bare))).isEqualTo(bare);
    }

    @Test
    void aNewerVersionIsRefusedNamingTheKey() throws IOException {
        ObjectNode tree = (ObjectNode) json.readTree(goldenBytes());
        tree.put("formatVersion", 2);
        byte[] newer = json.writeValueAsBytes(tree);
        assertThatThrownBy(() -> codec.decode("application/000000000000/us-east-1/tickers", newer))
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining("application/000000000000/us-east-1/tickers").hasMessageContaining("version 2");
    }

    @Test
    void anEntryMissingAMemberIsDamagedNamingTheKeyAndTheMember() throws IOException {
        ObjectNode tree = (ObjectNode) json.readTree(goldenBytes());
        tree.remove("versionId");
        byte[] damaged = json.writeValueAsBytes(tree);
        assertThatThrownBy(() -> codec.decode("application/k", damaged)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("application/k").hasMessageContaining("damaged")
                .hasMessageContaining("versionId");
        assertThatThrownBy(() -> codec.decode("application/k", "{\"formatVersion\":1,".getBytes()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");
    }
}
