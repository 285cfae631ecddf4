package io.sluice.firehose.delivery.iceberg;

import io.sluice.firehose.delivery.S3ObjectStore;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IcebergCatalogsTest {

    private static final S3ObjectStore.Settings STORE = new S3ObjectStore.Settings(
            URI.create("http://127.0.0.1:9000"), "us-east-1", "key", "secret", true);

    @Test
    void aHadoopCatalogIsRefusedOnAnS3WarehouseWhetherSetOrGivenByTheDestination() {
        IcebergCatalogs onS3 = IcebergCatalogs.onStore(Map.of("type", "hadoop", "warehouse", "s3://lake/w"), STORE);
        IcebergCatalogs local = IcebergCatalogs.onStore(Map.of("type", "hadoop", "warehouse", "/var/w"), STORE);

        assertThat(onS3.refusal(null)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("s3://lake/w").contains("type=jdbc or rest"));
        assertThat(local.refusal(null)).isEmpty();
        assertThat(local.refusal("S3A://lake/other")).isPresent();
        assertThat(onS3.refusal("file:///var/w")).isEmpty();
    }

    @Test
    void jdbcAndRestCatalogsMayKeepTablesOnS3() {
        assertThat(IcebergCatalogs.onStore(Map.of("type", "jdbc", "uri", "jdbc:postgresql://db/x",
                "warehouse", "s3://lake/w"), STORE).refusal(null)).isEmpty();
        assertThat(IcebergCatalogs.onStore(Map.of("type", "rest", "uri", "http://catalog"), STORE)
                .refusal("s3://lake/w")).isEmpty();
    }

    @Test
    void theStoresSettingsReachIcebergsS3FileIoAndExplicitCatalogKeysWin() {
        IcebergCatalogs catalogs = IcebergCatalogs.onStore(Map.of("type", "jdbc", "s3.path-style-access", "false",
                "io-impl", "org.apache.iceberg.aws.s3.S3FileIO"), STORE);

        assertThat(catalogs.properties()).containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("s3.client-factory-impl", ObjectStoreS3Clients.class.getName())
                .containsEntry("s3.endpoint", "http://127.0.0.1:9000").containsEntry("s3.access-key-id", "key")
                .containsEntry("s3.secret-access-key", "secret").containsEntry("s3.path-style-access", "false")
                .containsEntry("client.region", "us-east-1");
        assertThat(IcebergCatalogs.onStore(Map.of("type", "rest"), null).properties())
                .containsEntry("io-impl", "org.apache.iceberg.io.ResolvingFileIO")
                .doesNotContainKeys("s3.endpoint", "s3.access-key-id");
    }
}
