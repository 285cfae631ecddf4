package io.sluice.cli;

import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;
import io.sluice.firehose.source.MskClusters;
import io.sluice.server.ServerConfig;
import io.sluice.server.http.CorsPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void embeddedDefaultsListenOnLoopbackWithDataInDotData() throws Exception {
        ServerConfig config = new ConfigLoader().load(null, null, null, null, null);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(4567);
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.log().fsync()).isTrue();
    }

    @Test
    void fileSettingsApplyAndFlagsWin() throws Exception {
        Path file = dir.resolve("sluice.properties");
        Files.writeString(file, "port=5000\nhost=0.0.0.0\nstorage.fsync=false\nstreams.create-delay-ms=0\n");
        ServerConfig config = new ConfigLoader().load(file, null, 6000, dir.resolve("d"), null);
        assertThat(config.port()).isEqualTo(6000);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).isEqualTo(dir.resolve("d"));
        assertThat(config.log().fsync()).isFalse();
        assertThat(config.engine().createDelayMillis()).isZero();
    }

    @Test
    void mskClustersAreFoundByTheNameInTheirArnOrByTheDefault() throws Exception {
        Path file = dir.resolve("msk.properties");
        Files.writeString(file, "firehose.msk.orders.bootstrap-servers=k1:9092,k2:9092\n"
                + "firehose.msk.bootstrap-servers=fallback:9092\n");
        MskClusters clusters = new ConfigLoader().load(file, null, null, null, null).firehose().mskClusters();
        assertThat(clusters.bootstrapServers("arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc-1"))
                .contains("k1:9092,k2:9092");
        assertThat(clusters.bootstrapServers("arn:aws:kafka:us-east-1:123456789012:cluster/other/abc-2"))
                .contains("fallback:9092");

        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "firehose.msk.orders.bootstrap=k1:9092\n");
        assertThatThrownBy(() -> new ConfigLoader().load(typo, null, null, null, null))
                .hasMessageContaining("firehose.msk.orders.bootstrap");
    }

    @Test
    void lambdaSettingsNameTheInvokeEndpointAndItsSigningAndRefuseHalfACredential() throws Exception {
        ServerConfig defaults = new ConfigLoader().load(null, null, null, null, null);
        assertThat(defaults.lambda().endpoint()).isNull();
        assertThat(defaults.lambda().signed()).isFalse();

        Path file = dir.resolve("lambda.properties");
        Files.writeString(file, "lambda.endpoint=http://127.0.0.1:3001\nlambda.access-key-id=AKID\n"
                + "lambda.secret-access-key=secret\nlambda.region=eu-west-1\nlambda.timeout-ms=5000\n");
        ServerConfig config = new ConfigLoader().load(file, null, null, null, null);
        assertThat(config.lambda().endpoint()).hasToString("http://127.0.0.1:3001");
        assertThat(config.lambda().signed()).isTrue();
        assertThat(config.lambda().region()).isEqualTo("eu-west-1");
        assertThat(config.lambda().timeout()).hasMillis(5000);

        Path half = dir.resolve("half.properties");
        Files.writeString(half, "lambda.access-key-id=AKID\n");
        assertThatThrownBy(() -> new ConfigLoader().load(half, null, null, null, null))
                .hasMessageContaining("lambda.secret-access-key");
        Path ftp = dir.resolve("ftp.properties");
        Files.writeString(ftp, "lambda.endpoint=ftp://host\n");
        assertThatThrownBy(() -> new ConfigLoader().load(ftp, null, null, null, null))
                .hasMessageContaining("lambda.endpoint");
    }

    @Test
    void unknownKeysAndBadValuesAreRefused() throws Exception {
        Path unknown = dir.resolve("unknown.properties");
        Files.writeString(unknown, "prot=5000\n");
        assertThatThrownBy(() -> new ConfigLoader().load(unknown, null, null, null, null))
                .hasMessageContaining("prot");
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "storage.fsync=maybe\n");
        assertThatThrownBy(() -> new ConfigLoader().load(bad, null, null, null, null))
                .hasMessageContaining("storage.fsync");
    }

    @Test
    void unsignedRequestsAreRefusedUnlessAllowedAndCorsFollowsAuthentication() throws Exception {
        ServerConfig open = new ConfigLoader().load(null, null, null, null, null);
        assertThat(open.allowUnsigned()).isFalse();
        assertThat(open.corsPolicy()).isEqualTo(CorsPolicy.ANY);

        Path file = dir.resolve("sluice.properties");
        Files.writeString(file, "auth.allow-unsigned=true\ncors.allowed-origins=https://app.example.com, "
                + "http://localhost:3000\n");
        ServerConfig lenient = new ConfigLoader().load(file, null, null, null, null);
        assertThat(lenient.allowUnsigned()).isTrue();
        assertThat(lenient.corsPolicy().origins()).containsExactlyInAnyOrder("https://app.example.com",
                "http://localhost:3000");

        Path credentials = dir.resolve("credentials.json");
        ServerConfig secured = new ConfigLoader().load(null, null, null, null, null, null, credentials);
        assertThat(secured.corsPolicy()).isEqualTo(CorsPolicy.NONE);
        assertThat(new ConfigLoader().load(null, null, null, null, null, null, null, true).allowUnsigned()).isTrue();
        assertThatThrownBy(() -> new ConfigLoader().load(file, null, null, null, null, null, credentials))
                .hasMessageContaining("auth.allow-unsigned");
    }

    @Test
    void icebergCatalogPropertiesAreTheFirehoseIcebergCatalogKeysWithoutTheirPrefix() throws Exception {
        Path file = dir.resolve("iceberg.properties");
        Files.writeString(file, "firehose.iceberg.catalog.type=hadoop\n"
                + "firehose.iceberg.catalog.warehouse=/var/lib/warehouse \n");
        IcebergCatalogs catalogs = new ConfigLoader().load(file, null, null, null, null).firehose().icebergCatalogs();
        assertThat(catalogs.properties()).containsEntry("type", "hadoop")
                .containsEntry("warehouse", "/var/lib/warehouse");
        assertThat(catalogs.configured()).isTrue();
        assertThat(new ConfigLoader().load(null, null, null, null, null).firehose().icebergCatalogs().configured())
                .isFalse();
    }

    @Test
    void icebergTablesOnS3AreReachedOnFirehosesStoreUnlessTheCatalogKeysSayOtherwise() throws Exception {
        Path file = dir.resolve("iceberg-s3.properties");
        Files.writeString(file, "firehose.iceberg.catalog.type=jdbc\n"
                + "firehose.iceberg.catalog.warehouse=s3://lake/warehouse\n"
                + "firehose.iceberg.catalog.client.region=eu-west-1\n"
                + "firehose.s3.endpoint=http://127.0.0.1:9000\n"
                + "firehose.s3.access-key-id=minio\nfirehose.s3.secret-access-key=minio-secret\n");
        Map<String, String> properties = new ConfigLoader().load(file, null, null, null, null).firehose()
                .icebergCatalogs().properties();
        assertThat(properties).containsEntry("io-impl", "org.apache.iceberg.io.ResolvingFileIO")
                .containsEntry("s3.endpoint", "http://127.0.0.1:9000")
                .containsEntry("s3.path-style-access", "true")
                .containsEntry("s3.access-key-id", "minio").containsEntry("s3.secret-access-key", "minio-secret")
                .containsEntry("client.region", "eu-west-1");
    }
}
