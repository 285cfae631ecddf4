package io.sluice.e2e.firehose;

import io.sluice.common.Clock;
import io.sluice.engine.EngineConfig;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.MetadataOperation;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An Iceberg destination with no {@code firehose.iceberg.catalog.*} setting finds its table as AWS does, in the
 * Glue Data Catalog its CatalogARN names: Sluice's own. The database is made with the AWS SDK's Glue client, the
 * table with Iceberg's own Glue catalog (iceberg-aws) talking to Sluice's Glue API, as Spark or PyIceberg would;
 * the records go in through the Firehose client and are read back through Iceberg's Glue catalog, from the
 * S3-compatible store.
 */
class IcebergOnGlueE2eTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    @TempDir
    static Path dir;
    private static S3ProxyServer s3;
    private static SluiceServer server;
    private static FirehoseClient firehose;
    private static GlueClient glue;
    private static GlueCatalog iceberg;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyServer();
        s3.createBucket("lake");
        s3.createBucket("iceberg-errors");
        S3ObjectStore.Settings store = new S3ObjectStore.Settings(s3.endpoint(), "us-east-1",
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true);
        IcebergCatalogs settings = IcebergCatalogs.onStore(Map.of(), store);
        ServerConfig defaults = ServerConfig.defaults(dir).withPorts(0, -1)
                .withEngine(EngineConfig.defaults().withStatusDelays(0, 0, 0)).withFirehoseS3(store);
        server = SluiceServer.start(defaults.withFirehose(defaults.firehose().withStatusDelays(100, 100)
                .withIcebergCatalogs(settings)), Clock.system());
        URI endpoint = URI.create("http://127.0.0.1:" + server.port());
        firehose = FirehoseClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build();
        glue = GlueClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build();
        // Iceberg's Glue client takes the SDK's default credentials chain, whose first link is these properties
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        iceberg = new GlueCatalog();
        Map<String, String> properties = new java.util.HashMap<>(settings.properties());
        properties.put("glue.endpoint", endpoint.toString());
        properties.put("client.region", "us-east-1");
        properties.put("warehouse", "s3://lake/glue");
        iceberg.initialize("glue", properties);
    }

    @AfterAll
    static void stop() throws Exception {
        iceberg.close();
        glue.close();
        firehose.close();
        server.close();
        s3.close();
    }

    private static List<String> rows(Table table) {
        return IcebergRows.of(table, "id", "item");
    }

    @Test
    void aTableMadeByIcebergsGlueCatalogIsWrittenThroughTheCatalogArnsGlueCatalog() throws Exception {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("sales")));
        Table table = iceberg.createTable(TableIdentifier.of(Namespace.of("sales"), "orders"),
                new Schema(Types.NestedField.required(1, "id", Types.LongType.get()),
                        Types.NestedField.optional(2, "item", Types.StringType.get())),
                PartitionSpec.unpartitioned());
        String firstMetadata = glue.getTable(r -> r.databaseName("sales").name("orders")).table().parameters()
                .get("metadata_location");
        firehose.createDeliveryStream(r -> r.deliveryStreamName("to-glue-iceberg")
                .icebergDestinationConfiguration(d -> d.roleARN(ROLE)
                        .catalogConfiguration(c -> c.catalogARN("arn:aws:glue:us-east-1:000000000000:catalog"))
                        .destinationTableConfigurationList(t -> t.destinationDatabaseName("sales")
                                .destinationTableName("orders"))
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::iceberg-errors"))));
        Await.until(Duration.ofSeconds(10), () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(
                "to-glue-iceberg")).deliveryStreamDescription().deliveryStreamStatus(),
                s -> s == DeliveryStreamStatus.ACTIVE);

        firehose.putRecordBatch(r -> r.deliveryStreamName("to-glue-iceberg").records(
                Record.builder().data(SdkBytes.fromUtf8String("{\"id\":1,\"item\":\"pen\"}")).build(),
                Record.builder().data(SdkBytes.fromUtf8String("{\"id\":2,\"item\":\"ink\"}")).build()));

        assertThat(Await.until(Duration.ofSeconds(30), () -> rows(table), r -> r.size() == 2))
                .containsExactlyInAnyOrder("1=pen", "2=ink");
        var described = glue.getTable(r -> r.databaseName("sales").name("orders")).table();
        assertThat(described.parameters()).containsEntry("table_type", "ICEBERG")
                .containsEntry("previous_metadata_location", firstMetadata);
        assertThat(described.parameters().get("metadata_location")).startsWith("s3://lake/glue/sales.db/orders/")
                .isNotEqualTo(firstMetadata);
        assertThat(described.storageDescriptor().columns()).extracting(Column::name).containsExactly("id", "item");
        assertThat(s3.objects("lake").keySet()).anyMatch(k -> k.startsWith("glue/sales.db/orders/data/")
                && k.endsWith(".parquet"));
    }

    @Test
    void aGlueTableCreatedWithAnIcebergOpenTableFormatInputIsAnIcebergTableFirehoseWritesTo() throws Exception {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("tf")));
        glue.createTable(r -> r.databaseName("tf").openTableFormatInput(o -> o.icebergInput(i -> i
                        .metadataOperation(MetadataOperation.CREATE).version("2")))
                .tableInput(t -> t.name("events").tableType("EXTERNAL_TABLE").storageDescriptor(sd -> sd
                        .location("s3://lake/tf/events").columns(
                                Column.builder().name("id").type("bigint").build(),
                                Column.builder().name("tags").type("array<string>").build()))));
        firehose.createDeliveryStream(r -> r.deliveryStreamName("to-tf-iceberg")
                .icebergDestinationConfiguration(d -> d.roleARN(ROLE)
                        .catalogConfiguration(c -> c.catalogARN("arn:aws:glue:us-east-1:000000000000:catalog"))
                        .destinationTableConfigurationList(t -> t.destinationDatabaseName("tf")
                                .destinationTableName("events"))
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::iceberg-errors"))));
        Await.until(Duration.ofSeconds(10), () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(
                "to-tf-iceberg")).deliveryStreamDescription().deliveryStreamStatus(),
                s -> s == DeliveryStreamStatus.ACTIVE);

        firehose.putRecord(r -> r.deliveryStreamName("to-tf-iceberg").record(Record.builder()
                .data(SdkBytes.fromUtf8String("{\"id\":5,\"tags\":[\"a\",\"b\"]}")).build()));

        Table table = iceberg.loadTable(TableIdentifier.of(Namespace.of("tf"), "events"));
        List<String> rows = Await.until(Duration.ofSeconds(30), () -> IcebergRows.of(table, "id", "tags"),
                r -> !r.isEmpty());
        assertThat(rows).containsExactly("5=[a, b]");
        assertThat(table.location()).isEqualTo("s3://lake/tf/events");
        assertThat(glue.getTable(r -> r.databaseName("tf").name("events")).table().parameters())
                .containsEntry("table_type", "ICEBERG").containsKey("previous_metadata_location");
    }

    @Test
    void anIcebergTableWithAColumnTypeHiveDoesNotKnowIsRefusedAndNotRegistered() {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("bad")));

        assertThatThrownBy(() -> glue.createTable(r -> r.databaseName("bad").openTableFormatInput(o -> o
                        .icebergInput(i -> i.metadataOperation(MetadataOperation.CREATE)))
                .tableInput(t -> t.name("t").storageDescriptor(sd -> sd.location("s3://lake/bad/t")
                        .columns(Column.builder().name("x").type("strnig").build())))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("strnig");
        assertThat(glue.getTables(r -> r.databaseName("bad")).tableList()).isEmpty();
    }
}
