package io.sluice.server.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.ManualClock;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.pipeline.ApiPipeline;
import io.sluice.server.pipeline.Pipeline;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** IcebergDestinationConfiguration through the Firehose API: create, describe, update, delivery into the table. */
class IcebergDestinationApiTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/r";
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "name", Types.StringType.get()));

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final ObjectMapper json = new ObjectMapper();
    private FirehoseEngine engine;
    private ApiPipeline service;

    private IcebergCatalogs catalogs() {
        return new IcebergCatalogs(Map.of("type", "hadoop", "warehouse", dir.resolve("warehouse").toUri().toString()));
    }

    private void open(IcebergCatalogs catalogs) throws Exception {
        engine = new FirehoseEngine(FirehoseConfig.defaults(dir.resolve("firehose")).withStatusDelays(0, 0)
                .withIcebergCatalogs(catalogs), clock, null, new LocalDirectoryObjectStore(dir.resolve("objects")),
                DeliveryObserver.NONE);
        service = Pipeline.open(true, null, new ControlPlaneLimiter(clock, LimitSettings.off()),
                new SimpleMeterRegistry()).wrap(new FirehoseService(engine));
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private JsonNode call(String operation, String body) throws Exception {
        ApiResponse response = service.handle(ApiRequest.post("Firehose_20150804." + operation,
                "application/x-amz-json-1.1", null, body.getBytes(StandardCharsets.UTF_8)));
        JsonNode node = json.readTree(response.body());
        return node.isObject() ? ((ObjectNode) node).put("status", response.status()) : node;
    }

    private static String destination(String extra) {
        return "\"IcebergDestinationConfiguration\":{\"RoleARN\":\"" + ROLE + "\","
                + "\"CatalogConfiguration\":{\"CatalogARN\":\"arn:aws:glue:us-east-1:000000000000:catalog\"},"
                + "\"DestinationTableConfigurationList\":[{\"DestinationDatabaseName\":\"db\","
                + "\"DestinationTableName\":\"events\",\"UniqueKeys\":[\"id\"],"
                + "\"PartitionSpec\":{\"Identity\":[{\"SourceName\":\"id\"}]}}],"
                + "\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":0},"
                + "\"S3Configuration\":{\"RoleARN\":\"" + ROLE + "\",\"BucketARN\":\"arn:aws:s3:::b\","
                + "\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":0}}" + extra + "}";
    }

    private JsonNode create(String name, String destination) throws Exception {
        return call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"" + name + "\"," + destination + "}");
    }

    private JsonNode describe(String name) throws Exception {
        return call("DescribeDeliveryStream", "{\"DeliveryStreamName\":\"" + name + "\"}")
                .at("/DeliveryStreamDescription/Destinations/0/IcebergDestinationDescription");
    }

    private Table table() {
        Catalog catalog = catalogs().open(null, null);
        TableIdentifier id = TableIdentifier.of(Namespace.of("db"), "events");
        return catalog.tableExists(id) ? catalog.loadTable(id) : catalog.createTable(id, SCHEMA,
                PartitionSpec.unpartitioned(), Map.of(TableProperties.FORMAT_VERSION, "2"));
    }

    @Test
    void withoutACatalogSettingAnIcebergDestinationIsRefusedNamingTheSetting() throws Exception {
        open(IcebergCatalogs.NONE);
        JsonNode answer = create("ice", destination(""));
        assertThat(answer.get("status").asInt()).isEqualTo(400);
        assertThat(answer.get("__type").asText()).contains("InvalidArgumentException");
        assertThat(answer.get("message").asText()).contains("firehose.iceberg.catalog.type");
    }

    @Test
    void aCreatedDestinationIsDescribedWithEveryMemberAndUpdatesMerge() throws Exception {
        open(catalogs());
        assertThat(create("ice", destination(",\"S3BackupMode\":\"AllData\",\"RetryOptions\":"
                + "{\"DurationInSeconds\":60}")).get("status").asInt()).isEqualTo(200);

        JsonNode d = describe("ice");
        assertThat(d.get("RoleARN").asText()).isEqualTo(ROLE);
        assertThat(d.at("/CatalogConfiguration/CatalogARN").asText())
                .isEqualTo("arn:aws:glue:us-east-1:000000000000:catalog");
        assertThat(d.at("/DestinationTableConfigurationList/0/DestinationTableName").asText()).isEqualTo("events");
        assertThat(d.at("/DestinationTableConfigurationList/0/UniqueKeys/0").asText()).isEqualTo("id");
        assertThat(d.at("/DestinationTableConfigurationList/0/PartitionSpec/Identity/0/SourceName").asText())
                .isEqualTo("id");
        assertThat(d.get("S3BackupMode").asText()).isEqualTo("AllData");
        assertThat(d.at("/RetryOptions/DurationInSeconds").asInt()).isEqualTo(60);
        assertThat(d.get("AppendOnly").asBoolean()).isFalse();
        assertThat(d.at("/SchemaEvolutionConfiguration/Enabled").asBoolean()).isFalse();
        assertThat(d.at("/S3DestinationDescription/BucketARN").asText()).isEqualTo("arn:aws:s3:::b");

        JsonNode update = call("UpdateDestination", "{\"DeliveryStreamName\":\"ice\","
                + "\"CurrentDeliveryStreamVersionId\":\"1\",\"DestinationId\":\"destinationId-000000000001\","
                + "\"IcebergDestinationUpdate\":{\"AppendOnly\":true}}");
        assertThat(update.get("status").asInt()).isEqualTo(200);
        JsonNode updated = describe("ice");
        assertThat(updated.get("AppendOnly").asBoolean()).isTrue();
        assertThat(updated.at("/DestinationTableConfigurationList/0/DestinationTableName").asText())
                .isEqualTo("events");
        assertThat(updated.at("/RetryOptions/DurationInSeconds").asInt()).isEqualTo(60);
    }

    @Test
    void theModelsConstraintsAndSchemaEvolutionAreChecked() throws Exception {
        open(catalogs());
        JsonNode badArn = create("ice", destination("").replace("arn:aws:glue:us-east-1:000000000000:catalog",
                "not-a-catalog"));
        assertThat(badArn.get("__type").asText()).contains("ValidationException");
        JsonNode evolution = create("ice2", destination(",\"SchemaEvolutionConfiguration\":{\"Enabled\":true}"));
        assertThat(evolution.get("__type").asText()).contains("InvalidArgumentException");
        assertThat(evolution.get("message").asText()).contains("schema evolution");
    }

    @Test
    void putRecordsLandInTheTableUpsertedByKeyAndAllDataIsBackedUp() throws Exception {
        open(catalogs());
        Table table = table();
        create("ice", destination(",\"S3BackupMode\":\"AllData\""));
        put("ice", "{\"id\":1,\"name\":\"a\"}", "{\"id\":2,\"name\":\"b\"}");
        engine.runOnce();
        put("ice", "{\"id\":1,\"name\":\"a2\"}", "{\"name\":\"no id\"}");
        engine.runOnce();

        table.refresh();
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
            read.forEach(r -> rows.add(r.getField("id") + "=" + r.getField("name")));
        }
        assertThat(rows).containsExactlyInAnyOrder("1=a2", "2=b");
        assertThat(objects("iceberg-failed/")).singleElement().satisfies(text ->
                assertThat(json.readTree(text).get("errorCode").asText())
                        .isEqualTo("Iceberg.MissingColumnWithinRecord"));
        assertThat(String.join("", objects("2023/"))).contains("\"name\":\"a2\"").contains("\"name\":\"b\"");
    }

    private void put(String stream, String... records) throws Exception {
        StringBuilder body = new StringBuilder("{\"DeliveryStreamName\":\"" + stream + "\",\"Records\":[");
        for (int i = 0; i < records.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"Data\":\"")
                    .append(Base64.getEncoder().encodeToString(records[i].getBytes(StandardCharsets.UTF_8)))
                    .append("\"}");
        }
        assertThat(call("PutRecordBatch", body.append("]}").toString()).get("FailedPutCount").asInt()).isZero();
    }

    /** The objects of bucket b under a key prefix, as text. */
    private List<String> objects(String prefix) throws Exception {
        Path bucket = dir.resolve("objects").resolve("b");
        try (Stream<Path> files = Files.walk(bucket)) {
            List<String> out = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> bucket.relativize(f).toString().startsWith(prefix)).toList()) {
                out.add(Files.readString(file));
            }
            return out;
        }
    }
}
