package io.sluice.server.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.ManualClock;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.firehose.conversion.SchemaUnavailableException;
import io.sluice.firehose.conversion.TableRef;
import io.sluice.firehose.conversion.TableSchema;
import io.sluice.glue.GlueCatalog;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.pipeline.ApiPipeline;
import io.sluice.server.pipeline.Pipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlueServiceTest {

    private static final String ORDERS = "{\"DatabaseName\":\"Sales\",\"TableInput\":{\"Name\":\"Orders\","
            + "\"TableType\":\"EXTERNAL_TABLE\",\"Parameters\":{\"classification\":\"parquet\"},"
            + "\"PartitionKeys\":[{\"Name\":\"dt\",\"Type\":\"string\"}],"
            + "\"StorageDescriptor\":{\"Location\":\"s3://lake/orders/\",\"Columns\":["
            + "{\"Name\":\"OrderId\",\"Type\":\"bigint\",\"Comment\":\"id\"},"
            + "{\"Name\":\"lines\",\"Type\":\"array<struct<sku:string,price:DECIMAL(10, 2)>>\"}],"
            + "\"SerdeInfo\":{\"SerializationLibrary\":\"org.openx.data.jsonserde.JsonSerDe\"}}}}";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_765_000_000_000L);
    private final ObjectMapper json = new ObjectMapper();
    private LocalMetaStore store;
    private GlueCatalog catalog;
    private ApiPipeline service;

    @BeforeEach
    void open() throws Exception {
        store = LocalMetaStore.open(dir);
        catalog = new GlueCatalog(store, clock);
        service = Pipeline.open(true, null, new ControlPlaneLimiter(clock, LimitSettings.off()),
                new SimpleMeterRegistry()).wrap(new GlueService(catalog));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private record Answer(int status, String type, JsonNode body) {
    }

    private Answer call(String operation, String body) throws Exception {
        ApiResponse response = service.handle(ApiRequest.post("AWSGlue." + operation, "application/x-amz-json-1.1",
                null, body.getBytes(StandardCharsets.UTF_8)));
        JsonNode node = json.readTree(response.body());
        return new Answer(response.status(), node.path("__type").asText(null), node);
    }

    private void createOrders() throws Exception {
        assertThat(call("CreateDatabase", "{\"DatabaseInput\":{\"Name\":\"sales\"}}").status()).isEqualTo(200);
        assertThat(call("CreateTable", ORDERS).status()).isEqualTo(200);
    }

    @Test
    void aTableIsAnsweredAsGlueDescribesIt() throws Exception {
        createOrders();
        JsonNode table = call("GetTable", "{\"DatabaseName\":\"SALES\",\"Name\":\"orders\"}").body().get("Table");
        assertThat(table.get("Name").asText()).isEqualTo("orders");
        assertThat(table.get("DatabaseName").asText()).isEqualTo("sales");
        assertThat(table.get("CatalogId").asText()).isEqualTo("000000000000");
        assertThat(table.get("VersionId").asText()).isEqualTo("0");
        assertThat(table.get("CreateTime").asDouble()).isEqualTo(1_765_000_000.0);
        assertThat(table.get("TableType").asText()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.at("/StorageDescriptor/Columns/0/Name").asText()).isEqualTo("orderid");
        assertThat(table.at("/StorageDescriptor/Columns/1/Type").asText())
                .isEqualTo("array<struct<sku:string,price:DECIMAL(10, 2)>>");
        assertThat(table.at("/StorageDescriptor/SerdeInfo/SerializationLibrary").asText())
                .isEqualTo("org.openx.data.jsonserde.JsonSerDe");
        assertThat(table.at("/PartitionKeys/0/Name").asText()).isEqualTo("dt");
        assertThat(table.at("/Parameters/classification").asText()).isEqualTo("parquet");

        JsonNode db = call("GetDatabase", "{\"Name\":\"Sales\"}").body().get("Database");
        assertThat(db.get("Name").asText()).isEqualTo("sales");
        assertThat(db.at("/CreateTableDefaultPermissions/0/Principal/DataLakePrincipalIdentifier").asText())
                .isEqualTo("IAM_ALLOWED_PRINCIPALS");
    }

    @Test
    void errorsCarryGluesTypes() throws Exception {
        createOrders();
        Answer again = call("CreateTable", ORDERS);
        assertThat(again.type()).isEqualTo("AlreadyExistsException");
        assertThat(again.status()).isEqualTo(400);
        assertThat(call("GetTable", "{\"DatabaseName\":\"sales\",\"Name\":\"nope\"}").type())
                .isEqualTo("EntityNotFoundException");
        Answer badType = call("CreateTable", "{\"DatabaseName\":\"sales\",\"TableInput\":{\"Name\":\"t\","
                + "\"StorageDescriptor\":{\"Columns\":[{\"Name\":\"a\",\"Type\":\"map<string>\"}]}}}");
        assertThat(badType.type()).isEqualTo("InvalidInputException");
        assertThat(badType.body().get("message").asText()).contains("Column a: Invalid type 'map<string>'");
        Answer badName = call("CreateDatabase", "{\"DatabaseInput\":{\"Name\":\"\"}}");
        assertThat(badName.type()).isEqualTo("ValidationException");
        assertThat(badName.body().get("message").asText()).contains("at 'databaseInput.name'");
        Answer linked = call("CreateTable", "{\"DatabaseName\":\"sales\",\"TableInput\":{\"Name\":\"l\","
                + "\"TargetTable\":{\"DatabaseName\":\"x\",\"Name\":\"y\"}}}");
        assertThat(linked.type()).isEqualTo("InvalidInputException");
        assertThat(linked.body().get("message").asText()).contains("TargetTable is not supported");
        assertThat(call("GetTables", "{\"DatabaseName\":\"sales\",\"MaxResults\":101}").type())
                .isEqualTo("ValidationException");
        Answer badComment = call("CreateTable", "{\"DatabaseName\":\"sales\",\"TableInput\":{\"Name\":\"c\","
                + "\"StorageDescriptor\":{\"Columns\":[{\"Name\":\"a\",\"Type\":\"int\",\"Comment\":\"x\\ny\"}]}}}");
        assertThat(badComment.type()).isEqualTo("ValidationException");
        assertThat(badComment.body().get("message").asText())
                .contains("at 'table.storageDescriptor.columns.1.member.comment'");
    }

    @Test
    void updatesListVersionsAndPageThroughTables() throws Exception {
        createOrders();
        clock.advance(java.time.Duration.ofSeconds(10));
        assertThat(call("UpdateTable", ORDERS.replace("\"bigint\"", "\"int\"")).status()).isEqualTo(200);
        JsonNode versions = call("GetTableVersions", "{\"DatabaseName\":\"sales\",\"TableName\":\"orders\"}").body()
                .get("TableVersions");
        assertThat(versions.findValuesAsText("VersionId")).contains("0", "1");
        assertThat(call("GetTableVersion", "{\"DatabaseName\":\"sales\",\"TableName\":\"orders\",\"VersionId\":\"0\"}")
                .body().at("/TableVersion/Table/StorageDescriptor/Columns/0/Type").asText()).isEqualTo("bigint");
        call("CreateTable", ORDERS.replace("\"Orders\"", "\"returns\""));
        JsonNode first = call("GetTables", "{\"DatabaseName\":\"sales\",\"MaxResults\":1}").body();
        assertThat(first.at("/TableList/0/Name").asText()).isEqualTo("orders");
        JsonNode second = call("GetTables", "{\"DatabaseName\":\"sales\",\"MaxResults\":1,\"NextToken\":\""
                + first.get("NextToken").asText() + "\"}").body();
        assertThat(second.at("/TableList/0/Name").asText()).isEqualTo("returns");
        assertThat(second.has("NextToken")).isFalse();
        assertThat(call("DeleteDatabase", "{\"Name\":\"sales\"}").status()).isEqualTo(200);
        assertThat(call("GetDatabases", "{}").body().get("DatabaseList")).isEmpty();
    }

    @Test
    void databasesCarryTagsAsTerraformReadsThem() throws Exception {
        assertThat(call("CreateDatabase", "{\"DatabaseInput\":{\"Name\":\"Tagged\"},\"Tags\":{\"team\":\"web\"}}")
                .status()).isEqualTo(200);
        String arn = "arn:aws:glue:us-east-1:000000000000:database/tagged";
        assertThat(call("TagResource", "{\"ResourceArn\":\"" + arn + "\",\"TagsToAdd\":{\"env\":\"dev\"}}")
                .status()).isEqualTo(200);
        assertThat(call("UntagResource", "{\"ResourceArn\":\"" + arn + "\",\"TagsToRemove\":[\"team\"]}")
                .status()).isEqualTo(200);
        assertThat(call("GetTags", "{\"ResourceArn\":\"" + arn + "\"}").body().get("Tags"))
                .isEqualTo(json.readTree("{\"env\":\"dev\"}"));
        Answer table = call("GetTags", "{\"ResourceArn\":\"arn:aws:glue:us-east-1:000000000000:table/tagged/t\"}");
        assertThat(table.type()).isEqualTo("InvalidInputException");
        assertThat(call("GetTags", "{\"ResourceArn\":\"arn:aws:glue:us-east-1:000000000000:database/none\"}").type())
                .isEqualTo("EntityNotFoundException");
        assertThat(call("GetTags", "{\"ResourceArn\":\"arn:aws:s3:::bucket\"}").type())
                .isEqualTo("ValidationException");
    }

    @Test
    void formatConversionReadsTheCurrentOrANamedVersion() throws Exception {
        createOrders();
        call("UpdateTable", ORDERS.replace("\"bigint\"", "\"string\""));
        GlueTableSchemas schemas = new GlueTableSchemas(catalog, "000000000000", "us-east-1");
        TableSchema latest = schemas.table(new TableRef(null, null, "Sales", "ORDERS", "LATEST"));
        assertThat(latest.versionId()).isEqualTo("1");
        assertThat(latest.columns()).containsExactly(new TableSchema.Column("orderid", "string"),
                new TableSchema.Column("lines", "array<struct<sku:string,price:decimal(10,2)>>"));
        assertThat(schemas.table(new TableRef("000000000000", "us-east-1", "sales", "orders", null)).versionId())
                .isEqualTo("1");
        assertThat(schemas.table(new TableRef(null, null, "sales", "orders", "0")).columns().get(0).type())
                .isEqualTo("bigint");
        assertThatThrownBy(() -> schemas.table(new TableRef(null, "eu-west-1", "sales", "orders", null)))
                .isInstanceOfSatisfying(SchemaUnavailableException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("EntityNotFoundException"));
        assertThatThrownBy(() -> schemas.table(new TableRef(null, null, "sales", "orders", "7")))
                .isInstanceOfSatisfying(SchemaUnavailableException.class,
                        e -> assertThat(e.getMessage()).contains("Version 7 of table orders not found."));
    }
}
