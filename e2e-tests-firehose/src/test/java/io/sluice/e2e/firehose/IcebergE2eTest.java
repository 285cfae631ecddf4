package io.sluice.e2e.firehose;

import io.sluice.common.Clock;
import io.sluice.engine.EngineConfig;
import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
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
import software.amazon.awssdk.services.firehose.model.IcebergDestinationDescription;
import software.amazon.awssdk.services.firehose.model.IcebergS3BackupMode;
import software.amazon.awssdk.services.firehose.model.Record;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Iceberg destination created through the AWS SDK for Java v2 on a server whose settings name a hadoop catalog
 * in a local directory; the records put are read back with Iceberg's own reader.
 */
class IcebergE2eTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    @TempDir
    static Path dir;
    private static SluiceServer server;
    private static FirehoseClient firehose;
    private static IcebergCatalogs catalogs;

    @BeforeAll
    static void start() throws Exception {
        catalogs = IcebergCatalogs.onStore(Map.of("type", "hadoop", "warehouse",
                dir.resolve("warehouse").toUri().toString()), null);
        ServerConfig defaults = ServerConfig.defaults(dir).withPorts(0, -1)
                .withEngine(EngineConfig.defaults().withStatusDelays(0, 0, 0));
        server = SluiceServer.start(defaults.withFirehose(defaults.firehose().withStatusDelays(100, 100)
                .withIcebergCatalogs(catalogs)), Clock.system());
        firehose = FirehoseClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @AfterAll
    static void stop() {
        firehose.close();
        server.close();
    }

    private static List<String> rows(Table table) {
        return IcebergRows.of(table, "id", "name");
    }

    @Test
    void recordsPutThroughTheSdkAreUpsertedIntoTheIcebergTable() throws Exception {
        Catalog catalog = catalogs.open(null, null);
        Table table = catalog.createTable(TableIdentifier.of(Namespace.of("lake"), "customers"),
                new Schema(Types.NestedField.required(1, "id", Types.LongType.get()),
                        Types.NestedField.optional(2, "name", Types.StringType.get())),
                PartitionSpec.unpartitioned(), Map.of(TableProperties.FORMAT_VERSION, "2"));
        firehose.createDeliveryStream(r -> r.deliveryStreamName("to-iceberg")
                .icebergDestinationConfiguration(d -> d.roleARN(ROLE)
                        .catalogConfiguration(c -> c.catalogARN("arn:aws:glue:us-east-1:000000000000:catalog"))
                        .destinationTableConfigurationList(t -> t.destinationDatabaseName("lake")
                                .destinationTableName("customers").uniqueKeys("id"))
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .s3BackupMode(IcebergS3BackupMode.FAILED_DATA_ONLY)
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::iceberg-errors"))));
        Await.until(Duration.ofSeconds(10), () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(
                "to-iceberg")).deliveryStreamDescription().deliveryStreamStatus(),
                s -> s == DeliveryStreamStatus.ACTIVE);

        firehose.putRecordBatch(r -> r.deliveryStreamName("to-iceberg").records(
                record("{\"id\":1,\"name\":\"Ada\"}"), record("{\"id\":2,\"name\":\"Grace\"}")));
        Await.until(Duration.ofSeconds(30), () -> rows(table), rows -> rows.size() == 2);
        firehose.putRecord(r -> r.deliveryStreamName("to-iceberg").record(record("{\"id\":1,\"name\":\"Ada L.\"}")));

        List<String> rows = Await.until(Duration.ofSeconds(30), () -> rows(table), r -> r.contains("1=Ada L."));
        assertThat(rows).containsExactlyInAnyOrder("1=Ada L.", "2=Grace");
        IcebergDestinationDescription described = firehose.describeDeliveryStream(r -> r.deliveryStreamName(
                "to-iceberg")).deliveryStreamDescription().destinations().get(0).icebergDestinationDescription();
        assertThat(described.destinationTableConfigurationList().get(0).uniqueKeys()).containsExactly("id");
        assertThat(described.s3BackupMode()).isEqualTo(IcebergS3BackupMode.FAILED_DATA_ONLY);
        assertThat(described.catalogConfiguration().catalogARN())
                .isEqualTo("arn:aws:glue:us-east-1:000000000000:catalog");
    }

    private static Record record(String json) {
        return Record.builder().data(SdkBytes.fromUtf8String(json)).build();
    }
}
