package io.sluice.glue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.UnsupportedFormatVersionException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogCodecTest {

    private static final CatalogRef CATALOG = new CatalogRef("123456789012", "eu-west-1");

    private final CatalogCodec codec = new CatalogCodec();
    private final ObjectMapper json = new ObjectMapper();

    /** Every kind of member the table format has: the table version the golden file holds. */
    static Table goldenTable() {
        StorageDescriptor sd = new StorageDescriptor(List.of(
                new Column("order_id", "bigint", "the order", Map.of("pii", "false")),
                new Column("lines", "array<struct<sku:string,price:decimal(10,2)>>", null, null)),
                "s3://lake/orders/", List.of("s3://lake/orders-old/"),
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", true, 4,
                new SerDeInfo("parquet", "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                        Map.of("serialization.format", "1")),
                List.of("order_id"), List.of(new SortOrder("order_id", 1)), Map.of("classification", "parquet"),
                new SkewedInfo(List.of("order_id"), List.of("7"), Map.of("7", "s3://lake/orders/skew/")), true);
        TableInput in = new TableInput("orders", "all orders", "data-team", 1_765_000_001_000L, 1_765_000_002_000L,
                30, sd, List.of(new Column("dt", "date", "day", null)), "select 1", "select 1 as x",
                "EXTERNAL_TABLE", Map.of("EXTERNAL", "TRUE"));
        return new Table(CATALOG, "sales", in, 1_765_000_000_000L, 1_765_000_003_000L, "2");
    }

    static Database goldenDatabase() {
        return new Database(CATALOG, new DatabaseInput("sales", "sales data", "s3://lake/",
                Map.of("owner", "data-team")), 1_765_000_000_000L, Map.of("team", "data"));
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = CatalogCodecTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theGoldenVersionOneEntriesDecodeToTheirValues() throws IOException {
        assertThat(codec.decodeTable("glue/t", golden("glue-table-v1.json"))).isEqualTo(goldenTable());
        assertThat(codec.decodeDatabase("glue/d", golden("glue-database-v1.json"))).isEqualTo(goldenDatabase());
    }

    @Test
    void todaysEncodingIsTheGoldenVersionOneFormat() throws IOException {
        assertThat(json.readTree(codec.encode(goldenTable()))).isEqualTo(json.readTree(golden("glue-table-v1.json")));
        assertThat(json.readTree(codec.encode(goldenDatabase())))
                .isEqualTo(json.readTree(golden("glue-database-v1.json")));
    }

    @Test
    void entriesWithoutOptionalMembersRoundTrip() {
        Table bare = new Table(CATALOG, "d", new TableInput("t", null, null, null, null, null, null, null, null,
                null, null, null), 1, 1, "0");
        assertThat(codec.decodeTable("glue/t", codec.encode(bare))).isEqualTo(bare);
        Table emptySd = new Table(CATALOG, "d", bare.input().withName("u"), 1, 2, "1");
        assertThat(codec.decodeTable("glue/u", codec.encode(emptySd))).isEqualTo(emptySd);
        Database db = new Database(CATALOG, new DatabaseInput("d", null, null, null), 5, null);
        assertThat(codec.decodeDatabase("glue/d", codec.encode(db))).isEqualTo(db);
    }

    @Test
    void aNewerVersionIsRefusedNamingTheKey() throws IOException {
        ObjectNode tree = (ObjectNode) json.readTree(golden("glue-table-v1.json"));
        tree.put("formatVersion", 2);
        assertThatThrownBy(() -> codec.decodeTable("glue/x/t", json.writeValueAsBytes(tree)))
                .isInstanceOf(UnsupportedFormatVersionException.class).hasMessageContaining("glue/x/t");
    }

    @Test
    void aDamagedEntryIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> codec.decodeTable("glue/x/t", "{\"formatVersion\":1}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("glue/x/t is damaged");
        assertThatThrownBy(() -> codec.decodeDatabase("glue/x/d", "[".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("glue/x/d is damaged");
    }
}
