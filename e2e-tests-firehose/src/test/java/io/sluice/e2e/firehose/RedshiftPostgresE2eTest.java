package io.sluice.e2e.firehose;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.CopyCommand;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.RedshiftDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.RedshiftDestinationDescription;
import software.amazon.awssdk.services.firehose.model.RedshiftRetryOptions;
import software.amazon.awssdk.services.firehose.model.S3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.SnowflakeDestinationConfiguration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS SDK for Java v2 Firehose client creating Redshift destinations on a real server, which stages batches in
 * a real S3-compatible server and loads them into a real PostgreSQL.
 */
class RedshiftPostgresE2eTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static EmbeddedPostgres pg;
    private static S3ProxyServer s3;
    private static FirehoseServer server;
    private static FirehoseClient firehose;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
        s3 = new S3ProxyServer();
        s3.createBucket("staging");
        server = new FirehoseServer(dir, s3);
        firehose = server.firehoseClient();
    }

    @AfterAll
    static void stop() throws Exception {
        firehose.close();
        server.close();
        s3.close();
        pg.close();
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }

    private static RedshiftDestinationConfiguration.Builder redshift(String url, String table, String options,
                                                                     String prefix) {
        return RedshiftDestinationConfiguration.builder().roleARN(ROLE).clusterJDBCURL(url)
                .username("postgres").password("postgres")
                .copyCommand(CopyCommand.builder().dataTableName(table).copyOptions(options).build())
                .s3Configuration(S3DestinationConfiguration.builder().roleARN(ROLE).bucketARN("arn:aws:s3:::staging")
                        .prefix(prefix).compressionFormat(CompressionFormat.GZIP)
                        .bufferingHints(BufferingHints.builder().sizeInMBs(1).intervalInSeconds(1).build()).build());
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2));
            }
        }
        return rows;
    }

    @Test
    void recordsPutThroughTheSdkAreStagedAndLoadedIntoPostgresql() throws Exception {
        execute("CREATE TABLE clicks (id int, page text)");
        firehose.createDeliveryStream(r -> r.deliveryStreamName("to-pg").redshiftDestinationConfiguration(
                redshift(jdbcUrl(), "clicks", "json 'auto' gzip", "pg/").build()));
        Await.until(Duration.ofSeconds(10), () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName("to-pg"))
                .deliveryStreamDescription().deliveryStreamStatus(), s -> s == DeliveryStreamStatus.ACTIVE);

        List<Record> records = IntStream.range(0, 50).mapToObj(i -> Record.builder()
                .data(SdkBytes.fromUtf8String("{\"id\":" + i + ",\"page\":\"/p/" + i + "\"}\n")).build()).toList();
        assertThat(firehose.putRecordBatch(r -> r.deliveryStreamName("to-pg").records(records)).failedPutCount())
                .isZero();

        List<String> loaded = Await.until(DELIVERY, () -> {
            try {
                return rows("SELECT id, page FROM clicks ORDER BY id");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, r -> r.size() >= 50);
        assertThat(loaded).hasSize(50).startsWith("0|/p/0").endsWith("49|/p/49");
        Map<String, byte[]> staged = s3.objects("staging");
        assertThat(staged.keySet()).anyMatch(k -> k.startsWith("pg/manifests/"))
                .anyMatch(k -> k.matches("pg/\\d{4}/\\d{2}/\\d{2}/\\d{2}/to-pg-1-.*\\.gz"));
        assertThat(server.metrics()).contains("DeliveryToRedshift_Records_total{DeliveryStreamName=\"to-pg\"} 50.0");

        RedshiftDestinationDescription d = firehose.describeDeliveryStream(r -> r.deliveryStreamName("to-pg"))
                .deliveryStreamDescription().destinations().getFirst().redshiftDestinationDescription();
        assertThat(d.clusterJDBCURL()).isEqualTo(jdbcUrl());
        assertThat(d.username()).isEqualTo("postgres");
        assertThat(d.copyCommand().copyOptions()).isEqualTo("json 'auto' gzip");
        assertThat(d.retryOptions().durationInSeconds()).isEqualTo(3600);
        assertThat(d.s3DestinationDescription().compressionFormat()).isEqualTo(CompressionFormat.GZIP);
    }

    @Test
    void aRedshiftClusterUrlIsRefusedNamingWhatIsSupported() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("to-redshift")
                .redshiftDestinationConfiguration(redshift(
                        "jdbc:redshift://c.abc.us-east-1.redshift.amazonaws.com:5439/dev", "t", "gzip", "r/")
                        .retryOptions(RedshiftRetryOptions.builder().durationInSeconds(60).build()).build())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("jdbc:redshift://").hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void snowflakeIsRefusedByName() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("to-snowflake")
                .snowflakeDestinationConfiguration(SnowflakeDestinationConfiguration.builder()
                        .accountUrl("https://acct.snowflakecomputing.com").database("d").schema("s").table("t")
                        .roleARN(ROLE).build())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Snowflake").hasMessageContaining("not supported");
    }
}
