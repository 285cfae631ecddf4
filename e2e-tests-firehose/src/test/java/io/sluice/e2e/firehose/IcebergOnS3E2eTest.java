package io.sluice.e2e.firehose;

import io.sluice.common.Clock;
import io.sluice.engine.EngineConfig;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
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
import software.amazon.awssdk.services.firehose.model.IcebergS3BackupMode;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Iceberg destinations whose tables live on the S3-compatible store (S3Proxy), as {@code firehose.s3.*} and
 * {@code firehose.iceberg.catalog.*} configure them: through a JDBC catalog on a real PostgreSQL, and through a
 * REST catalog; created and fed through the AWS SDK for Java v2, read back with Iceberg's own reader over S3.
 */
class IcebergOnS3E2eTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    @TempDir
    static Path dir;
    private static EmbeddedPostgres pg;
    private static S3ProxyServer s3;
    private static S3ObjectStore.Settings store;
    private static Catalog restBacking;
    private static RestCatalogServer rest;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
        s3 = new S3ProxyServer();
        s3.createBucket("lake");
        s3.createBucket("iceberg-errors");
        store = new S3ObjectStore.Settings(s3.endpoint(), "us-east-1", S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, true);
        restBacking = jdbcCatalogs("s3://lake/rest").open(null, null);
        rest = new RestCatalogServer(restBacking);
    }

    @AfterAll
    static void stop() throws Exception {
        rest.close();
        ((AutoCloseable) restBacking).close();
        s3.close();
        pg.close();
    }

    private static IcebergCatalogs jdbcCatalogs(String warehouse) {
        Map<String, String> settings = new HashMap<>();
        settings.put("type", "jdbc");
        settings.put("uri", "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
        settings.put("jdbc.user", "postgres");
        settings.put("jdbc.password", "postgres");
        settings.put("warehouse", warehouse);
        return IcebergCatalogs.onStore(settings, store);
    }

    private FirehoseClient serverWith(IcebergCatalogs catalogs, String name) throws Exception {
        ServerConfig defaults = ServerConfig.defaults(dir.resolve(name)).withPorts(0, -1)
                .withEngine(EngineConfig.defaults().withStatusDelays(0, 0, 0)).withFirehoseS3(store);
        SluiceServer server = SluiceServer.start(defaults.withFirehose(defaults.firehose().withStatusDelays(100, 100)
                .withIcebergCatalogs(catalogs)), Clock.system());
        FirehoseClient firehose = FirehoseClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        closing.add(firehose);
        closing.add(server);
        return firehose;
    }

    @org.junit.jupiter.api.AfterEach
    void closeServers() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private static Table createTable(Catalog catalog, String namespace) {
        return catalog.createTable(TableIdentifier.of(Namespace.of(namespace), "orders"),
                new Schema(Types.NestedField.required(1, "id", Types.LongType.get()),
                        Types.NestedField.optional(2, "item", Types.StringType.get())),
                PartitionSpec.unpartitioned());
    }

    private static void createStream(FirehoseClient firehose, String name, String namespace) throws Exception {
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .icebergDestinationConfiguration(d -> d.roleARN(ROLE)
                        .catalogConfiguration(c -> c.catalogARN("arn:aws:glue:us-east-1:000000000000:catalog"))
                        .destinationTableConfigurationList(t -> t.destinationDatabaseName(namespace)
                                .destinationTableName("orders"))
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .s3BackupMode(IcebergS3BackupMode.FAILED_DATA_ONLY)
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::iceberg-errors"))));
        Await.until(Duration.ofSeconds(10), () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                .deliveryStreamDescription().deliveryStreamStatus(), s -> s == DeliveryStreamStatus.ACTIVE);
    }

    private static void put(FirehoseClient firehose, String name, String... json) {
        List<Record> records = new ArrayList<>();
        for (String j : json) {
            records.add(Record.builder().data(SdkBytes.fromUtf8String(j)).build());
        }
        assertThat(firehose.putRecordBatch(r -> r.deliveryStreamName(name).records(records)).failedPutCount())
                .isZero();
    }

    private static List<String> rows(Table table) {
        return IcebergRows.of(table, "id", "item");
    }

    private static List<String> objectKeys(String prefix) {
        return s3.objects("lake").keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Test
    void aJdbcCatalogOnPostgresqlKeepsTheTableOnTheS3CompatibleStore() throws Exception {
        IcebergCatalogs catalogs = jdbcCatalogs("s3://lake/jdbc");
        Catalog catalog = catalogs.open(null, null);
        closing.add((AutoCloseable) catalog);
        Table table = createTable(catalog, "shop");
        FirehoseClient firehose = serverWith(catalogs, "jdbc");
        createStream(firehose, "to-jdbc-iceberg", "shop");

        put(firehose, "to-jdbc-iceberg", "{\"id\":1,\"item\":\"tea\"}", "{\"id\":2,\"item\":\"cake\"}");

        assertThat(Await.until(Duration.ofSeconds(30), () -> rows(table), r -> r.size() == 2))
                .containsExactlyInAnyOrder("1=tea", "2=cake");
        assertThat(table.location()).startsWith("s3://lake/jdbc/");
        assertThat(objectKeys("jdbc/shop/orders/data/")).singleElement().asString().endsWith(".parquet");
        assertThat(objectKeys("jdbc/shop/orders/metadata/")).anyMatch(k -> k.endsWith(".metadata.json"));
    }

    @Test
    void aRestCatalogCommitsWhatSluiceWroteToTheS3CompatibleStore() throws Exception {
        Table table = createTable(restBacking, "cafe");
        FirehoseClient firehose = serverWith(IcebergCatalogs.onStore(Map.of("type", "rest",
                "uri", rest.uri().toString()), store), "rest");
        createStream(firehose, "to-rest-iceberg", "cafe");

        put(firehose, "to-rest-iceberg", "{\"id\":7,\"item\":\"scone\"}", "{\"id\":\"not a number\"}");

        assertThat(Await.until(Duration.ofSeconds(30), () -> rows(table), r -> !r.isEmpty()))
                .containsExactly("7=scone");
        assertThat(rest.requests()).contains("GET /v1/config", "POST /v1/namespaces/cafe/tables/orders");
        assertThat(objectKeys("rest/cafe/orders/data/")).singleElement().asString().endsWith(".parquet");
        assertThat(Await.until(Duration.ofSeconds(30), () -> s3.objects("iceberg-errors").keySet(),
                keys -> !keys.isEmpty())).allMatch(k -> k.startsWith("iceberg-failed/"));
    }

    @Test
    void aHadoopCatalogOnAnS3WarehouseIsRefusedAtCreate() throws Exception {
        FirehoseClient firehose = serverWith(IcebergCatalogs.onStore(Map.of("type", "hadoop",
                "warehouse", dir.resolve("warehouse").toUri().toString()), store), "hadoop");

        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("hadoop-on-s3")
                .icebergDestinationConfiguration(d -> d.roleARN(ROLE)
                        .catalogConfiguration(c -> c.catalogARN("arn:aws:glue:us-east-1:000000000000:catalog")
                                .warehouseLocation("s3://lake/hadoop"))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::iceberg-errors")))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("hadoop Iceberg catalog cannot keep tables on s3://lake/hadoop");
    }
}
