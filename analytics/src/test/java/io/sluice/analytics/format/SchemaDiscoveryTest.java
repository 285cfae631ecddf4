package io.sluice.analytics.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DiscoverInputSchema's inference, against the schemas KDA's guide and console show. */
class SchemaDiscoveryTest {

    private final SchemaDiscovery discovery = new SchemaDiscovery();

    private static List<byte[]> records(String... texts) {
        return Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static List<String> described(SourceSchema schema) {
        return schema.columns().stream()
                .map(c -> c.name() + " " + c.type() + (c.mapping() == null ? "" : " " + c.mapping())).toList();
    }

    @Test
    void theStockTickerDemoStreamGetsTheConsolesSchema() throws Exception {
        DiscoveryResult result = discovery.discover(records(
                "{\"TICKER_SYMBOL\":\"QXZ\",\"SECTOR\":\"HEALTHCARE\",\"CHANGE\":-0.05,\"PRICE\":84.51}",
                "{\"TICKER_SYMBOL\":\"AMZN\",\"SECTOR\":\"TECHNOLOGY\",\"CHANGE\":0.47,\"PRICE\":763.56}",
                "{\"TICKER_SYMBOL\":\"BAC\",\"SECTOR\":\"FINANCIAL\",\"CHANGE\":-1.03,\"PRICE\":16.1}",
                "{\"TICKER_SYMBOL\":\"WSB\",\"SECTOR\":\"ENERGY\",\"CHANGE\":2,\"PRICE\":52}"));

        assertThat(result.schema().format()).isEqualTo(RecordFormat.json("$"));
        assertThat(result.schema().encoding()).isEqualTo("UTF-8");
        assertThat(described(result.schema())).containsExactly(
                "TICKER_SYMBOL VARCHAR(4) $.TICKER_SYMBOL", "SECTOR VARCHAR(16) $.SECTOR",
                "CHANGE REAL $.CHANGE", "PRICE REAL $.PRICE");
        assertThat(result.parsedRecords().get(0)).containsExactly("QXZ", "HEALTHCARE", "-0.05", "84.51");
        assertThat(result.parsedRecords().get(3)).containsExactly("WSB", "ENERGY", "2", "52");
        assertThat(result.rawRecords()).hasSize(4).first().asString().contains("QXZ");
    }

    @Test
    void theGuidesCsvFileGetsTheDocumentedSchemaAndParsedRecords() throws Exception {
        String file = "year,month,state,producer_type,energy_source,units,consumption\r\n"
                + "2001,1,AK,TotalElectricPowerIndustry,Coal,ShortTons,47615\r\n"
                + "2001,1,AK,ElectricGeneratorsElectricUtilities,Coal,ShortTons,16535\r\n"
                + "2001,1,AK,CombinedHeatandPowerElectricPower,Coal,ShortTons,22890\r\n"
                + "2001,1,AL,TotalElectricPowerIndustry,Coal,ShortTons,3020601\r\n"
                + "2001,1,AL,ElectricGeneratorsElectricUtilities,Coal,ShortTons,2987681";

        DiscoveryResult result = discovery.discover(records(file));

        assertThat(result.schema().format()).isEqualTo(RecordFormat.csv(",", "\r\n"));
        assertThat(described(result.schema())).containsExactly("COL_year INTEGER", "COL_month INTEGER",
                "state VARCHAR(4)", "producer_type VARCHAR(64)", "energy_source VARCHAR(4)", "units VARCHAR(16)",
                "consumption INTEGER");
        assertThat(result.rawRecords()).containsExactly(file);
        assertThat(result.parsedRecords()).hasSize(6);
        assertThat(result.parsedRecords().get(0))
                .containsExactly(null, null, "state", "producer_type", "energy_source", "units", null);
        assertThat(result.parsedRecords().get(4))
                .containsExactly("2001", "1", "AL", "TotalElectricPowerIndustry", "Coal", "ShortTons", "3020601");
    }

    @Test
    void csvWithoutAHeaderGetsPositionalNamesAndItsDelimiterDetected() throws Exception {
        DiscoveryResult result = discovery.discover(records("AMZN|84.51|2017-01-02 10:00:00", "QXZ|5|2017-01-02 10:00:01.5"));

        assertThat(result.schema().format()).isEqualTo(RecordFormat.csv("|", "\n"));
        assertThat(described(result.schema())).containsExactly("COL_0 VARCHAR(4)", "COL_1 REAL", "COL_2 TIMESTAMP");
        assertThat(result.parsedRecords().get(1)).containsExactly("QXZ", "5", "2017-01-02 10:00:01.5");
    }

    @Test
    void textWithoutDelimitersIsOneVarcharColumn() throws Exception {
        DiscoveryResult result = discovery.discover(records("GET /index.html 200", "POST /login 302 redirected"));

        assertThat(described(result.schema())).containsExactly("COL_0 VARCHAR(32)");
        assertThat(result.parsedRecords()).containsExactly(List.of("GET /index.html 200"),
                List.of("POST /login 302 redirected"));
    }

    @Test
    void nestedObjectsAreFlattenedAndArraysKeptWholeInFirstSeenOrder() throws Exception {
        DiscoveryResult result = discovery.discover(records(
                "{\"id\":1,\"address\":{\"city\":\"Anytown\",\"geo\":{\"lat\":1.5}},\"tags\":[\"a\",\"b\"]}",
                "{\"id\":2147483648,\"flag\":true,\"address\":{\"city\":\"Othertown\"}}"));

        assertThat(described(result.schema())).containsExactly("id BIGINT $.id", "city VARCHAR(16) $.address.city",
                "lat REAL $.address.geo.lat", "tags VARCHAR(16) $.tags[0:]", "flag BOOLEAN $.flag");
        assertThat(result.parsedRecords().get(0)).containsExactly("1", "Anytown", "1.5", "[\"a\",\"b\"]", null);
        assertThat(result.parsedRecords().get(1)).containsExactly("2147483648", "Othertown", null, null, "true");
    }

    @Test
    void sourceNamesFollowTheNamingRuleAndStayUnique() throws Exception {
        DiscoveryResult result = discovery.discover(records(
                "{\"USER\":\"u\",\"USER@DOMAIN\":\"d\",\"@@\":1,\"a\":{\"city\":\"x\"},\"b\":{\"city\":\"y\"},"
                        + "\"timestamp\":\"1992-02-14 18:35:44.0\",\"odd key\":\"z\"}"));

        assertThat(described(result.schema())).containsExactly("COL_USER VARCHAR(4) $.USER",
                "COL_USERDOMAIN VARCHAR(4) $.USER@DOMAIN", "COL_2 INTEGER $.@@", "city VARCHAR(4) $.a.city",
                "b_city VARCHAR(4) $.b.city", "COL_timestamp TIMESTAMP $.timestamp",
                "COL_oddkey VARCHAR(4) $['odd key']");
        assertThat(new RecordParser(result.schema())).isNotNull();
    }

    @Test
    void aDiscoveredSchemaReadsTheRecordsItCameFrom() throws Exception {
        List<byte[]> samples = records("{\"k\":\"x y\",\"n\":{\"v\":[1,2]}}", "{\"k\":\"z\",\"n\":{\"v\":[3]}}");

        DiscoveryResult result = discovery.discover(samples);
        Collected out = new Collected();
        RecordParser parser = new RecordParser(result.schema());
        samples.forEach(s -> parser.parse(s, out));

        assertThat(out.errors).isEmpty();
        assertThat(out.rows).extracting(r -> r[0] + "|" + r[1]).containsExactly("x y|[1,2]", "z|[3]");
    }

    @Test
    void atMostAThousandColumnsAreDiscovered() throws Exception {
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 1200; i++) {
            wide.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":").append(i);
        }
        DiscoveryResult result = discovery.discover(records(wide.append('}').toString()));

        assertThat(result.schema().columns()).hasSize(1000);
        assertThat(result.schema().columns().get(999).name()).isEqualTo("c999");
    }

    @Test
    void noRecordsOrNoReadableRecordsCannotBeDiscovered() {
        assertThatThrownBy(() -> discovery.discover(List.of()))
                .isInstanceOf(UnableToDetectSchema.class).hasMessageContaining("no records");
        List<byte[]> unreadable = new ArrayList<>();
        unreadable.add(new byte[] {(byte) 0xC3, (byte) 0x28});
        unreadable.add("   ".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> discovery.discover(unreadable))
                .isInstanceOfSatisfying(UnableToDetectSchema.class,
                        e -> assertThat(e.rawRecords()).hasSize(2))
                .hasMessageContaining("not UTF-8");
    }
}
