package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A table defined through the AWS SDK's Glue client is the schema a delivery stream converts records into: records
 * put through the Firehose client land as a Parquet object in the local objects directory, read back with
 * parquet-java's own reader; after UpdateTable adds a column, the next object has it.
 */
class GlueFormatConversionE2eTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    private static List<Path> parquetObjects(Path bucket) {
        if (!Files.isDirectory(bucket)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> awaitObjects(Path bucket, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Path> found = parquetObjects(bucket);
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            found = parquetObjects(bucket);
        }
        return found;
    }

    private static List<Group> rows(Path file) throws IOException {
        try (ParquetReader<Group> reader = new GroupReaderBuilder(new LocalInputFile(file)).build()) {
            List<Group> rows = new java.util.ArrayList<>();
            for (Group row; (row = reader.read()) != null; ) {
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    void recordsAreWrittenInTheColumnsOfTheGlueTableAndFollowItsUpdates() throws Exception {
        // the local objects directory is each node's own in cluster mode, and any node may deliver the stream
        assumeFalse(SluiceServerExtension.clusterMode(), "reads one node's local objects directory");
        try (GlueClient glue = GlueClient.builder().endpointOverride(SERVER.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).build();
             FirehoseClient firehose = FirehoseClient.builder().endpointOverride(SERVER.endpoint())
                     .region(Region.US_EAST_1).credentialsProvider(credentials()).build()) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("Lake")));
            glue.createTable(r -> r.databaseName("lake").tableInput(t -> t.name("Orders").storageDescriptor(s -> s
                    .columns(Column.builder().name("id").type("bigint").build(),
                            Column.builder().name("total").type("decimal(10,2)").build()))));
            firehose.createDeliveryStream(r -> r.deliveryStreamName("orders-parquet")
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::conversion")
                            .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(0))
                            .dataFormatConversionConfiguration(c -> c
                                    .schemaConfiguration(s -> s.roleARN(ROLE).databaseName("lake")
                                            .tableName("orders"))
                                    .inputFormatConfiguration(i -> i.deserializer(x -> x.openXJsonSerDe(o -> { })))
                                    .outputFormatConfiguration(o -> o.serializer(x -> x.parquetSerDe(p -> { }))))));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (firehose.describeDeliveryStream(r -> r.deliveryStreamName("orders-parquet"))
                    .deliveryStreamDescription().deliveryStreamStatus() != DeliveryStreamStatus.ACTIVE
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Path bucket = SERVER.dataDir().resolve("firehose/objects/conversion");

            firehose.putRecord(r -> r.deliveryStreamName("orders-parquet").record(x -> x.data(
                    SdkBytes.fromUtf8String("{\"ID\": 7, \"total\": \"12.34\", \"ignored\": true}"))));
            List<Path> first = awaitObjects(bucket, 1);
            assertThat(first).hasSize(1);
            List<Group> rows = rows(first.getFirst());
            assertThat(rows).hasSize(1);
            assertThat(rows.getFirst().getLong("id", 0)).isEqualTo(7);
            assertThat(rows.getFirst().getType().getFieldCount()).isEqualTo(2);

            glue.updateTable(r -> r.databaseName("lake").tableInput(t -> t.name("orders").storageDescriptor(s -> s
                    .columns(Column.builder().name("id").type("bigint").build(),
                            Column.builder().name("total").type("decimal(10,2)").build(),
                            Column.builder().name("customer").type("string").build()))));
            firehose.putRecord(r -> r.deliveryStreamName("orders-parquet").record(x -> x.data(
                    SdkBytes.fromUtf8String("{\"id\": 8, \"total\": 1, \"customer\": \"ada\"}"))));
            List<Path> both = awaitObjects(bucket, 2);
            assertThat(both).hasSize(2);
            Path second = both.stream().filter(f -> !f.equals(first.getFirst())).findFirst().orElseThrow();
            Group row = rows(second).getFirst();
            assertThat(row.getLong("id", 0)).isEqualTo(8);
            assertThat(row.getString("customer", 0)).isEqualTo("ada");
        }
    }

    /** parquet-java's example reader on a local file, without Hadoop's file systems. */
    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {

        GroupReaderBuilder(InputFile file) {
            super(file, new PlainParquetConfiguration());
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
