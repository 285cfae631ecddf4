package io.sluice.firehose.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.ManualClock;
import io.sluice.firehose.DeliveryStreamKey;
import io.sluice.firehose.DeliveryStreamMeta;
import io.sluice.firehose.DeliveryStreamType;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.ColumnarSerializer;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.ConversionSchema;
import io.sluice.firehose.config.DataFormatConversion;
import io.sluice.firehose.config.DynamicPartitioning;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.JsonDeserializer;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.conversion.TableSchema;
import io.sluice.firehose.conversion.TableSchemas;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConvertingS3WriterTest {

    private static final long T = 1_700_000_000_000L;
    private static final TableSchemas EVENTS = table -> new TableSchema(table.databaseName(), table.tableName(), "1",
            List.of(new TableSchema.Column("id", "int"), new TableSchema.Column("name", "string")));

    private record Put(String bucket, String key, byte[] body) {
    }

    private final List<Put> puts = new ArrayList<>();
    private final ManualClock clock = new ManualClock(T + 60_000);
    private boolean errorOutputFailsOnce;
    private final ObjectStore store = (bucket, key, body) -> {
        if (errorOutputFailsOnce && key.startsWith("format-conversion-failed/")) {
            errorOutputFailsOnce = false;
            throw new IOException("unavailable");
        }
        puts.add(new Put(bucket, key, body));
    };

    private Sink sink(String fileExtension, ColumnarSerializer serializer, TableSchemas schemas) {
        S3Settings s3 = new S3Settings("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::lake", "events/", null,
                new BufferingHints(64, 60), Compression.UNCOMPRESSED, null, null);
        DataFormatConversion conversion = new DataFormatConversion(true, new ConversionSchema(
                "arn:aws:iam::000000000000:role/r", null, "db", "events", null, null),
                new JsonDeserializer.OpenX(false, true, Map.of()), serializer);
        DeliveryStreamMeta meta = new DeliveryStreamMeta(new DeliveryStreamKey("000000000000", "us-east-1", "ds"),
                DeliveryStreamType.DirectPut, 1, 2, 3, -1, 1, null, null, new ExtendedS3Destination(s3,
                Processing.NONE, false, null, DynamicPartitioning.DISABLED, fileExtension, null, conversion),
                Map.of(), null);
        return Routes.of(meta, new Routes.Tools(store, () -> null, Duration.ofSeconds(1), clock,
                new SplittableRandom(1), schemas)).main();
    }

    private static Batch batch(String... records) {
        List<Batch.Entry> entries = new ArrayList<>();
        for (int i = 0; i < records.length; i++) {
            entries.add(new Batch.Entry(records[i].getBytes(StandardCharsets.UTF_8), T + i));
        }
        return new Batch(Batch.Route.MAIN, Map.of(), null, entries, 0, "id");
    }

    @Test
    void aBatchBecomesOneParquetObjectNamedWithItsExtension() throws Exception {
        sink(null, ColumnarSerializer.Parquet.DEFAULT, EVENTS).deliver(batch("{\"id\":1}", "{\"id\":2,\"name\":\"b\"}"));
        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.key()).matches("events/2023/11/14/22/ds-1-2023-11-14-22-13-20-[0-9a-f-]{36}\\.parquet");
            assertThat(rows(put.body())).isEqualTo(2);
        });
    }

    @Test
    void orcObjectsEndInOrcAndAFileExtensionWins() throws Exception {
        sink(null, ColumnarSerializer.Orc.DEFAULT, EVENTS).deliver(batch("{\"id\":1}"));
        sink(".snappy.parquet", ColumnarSerializer.Parquet.DEFAULT, EVENTS).deliver(batch("{\"id\":1}"));
        assertThat(puts.get(0).key()).endsWith(".orc");
        assertThat(new String(puts.get(0).body(), 0, 3, StandardCharsets.US_ASCII)).isEqualTo("ORC");
        assertThat(puts.get(1).key()).endsWith(".snappy.parquet");
    }

    @Test
    void recordsThatDoNotFitGoToFormatConversionFailedInAwsForm() throws Exception {
        sink(null, ColumnarSerializer.Parquet.DEFAULT, EVENTS).deliver(batch("{\"id\":1}", "[1,2]", "{\"id\":\"x\"}"));
        assertThat(puts).hasSize(2);
        Put errors = puts.get(1);
        assertThat(errors.key()).startsWith("format-conversion-failed/2023/11/14/22/ds-1-");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(errors.body(), StandardCharsets.UTF_8).split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(2);
        JsonNode first = lines.getFirst();
        assertThat(first.get("attemptsMade").asInt()).isEqualTo(1);
        assertThat(first.get("arrivalTimestamp").asLong()).isEqualTo(T + 1);
        assertThat(first.get("lastErrorCode").asText()).isEqualTo("DataFormatConversion.MalformedData");
        assertThat(first.get("lastErrorMessage").asText()).contains("array");
        assertThat(first.get("attemptEndingTimestamp").asLong()).isEqualTo(T + 60_000);
        assertThat(Base64.getDecoder().decode(first.get("rawData").asText())).isEqualTo("[1,2]".getBytes());
        JsonNode table = first.get("dataCatalogTable");
        assertThat(table.get("catalogId").asText()).isEqualTo("000000000000");
        assertThat(table.get("databaseName").asText()).isEqualTo("db");
        assertThat(table.get("tableName").asText()).isEqualTo("events");
        assertThat(table.get("region").asText()).isEqualTo("us-east-1");
        assertThat(table.get("versionId").asText()).isEqualTo("LATEST");
        assertThat(table.get("catalogArn").asText()).isEqualTo("arn:aws:glue:us-east-1:000000000000:catalog");
    }

    @Test
    void aMissingTableSendsTheWholeBatchToTheErrorOutputWithTheCatalogsCode() throws Exception {
        sink(null, ColumnarSerializer.Parquet.DEFAULT, TableSchemas.NONE).deliver(batch("{\"id\":1}", "{}"));
        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.key()).startsWith("format-conversion-failed/");
            assertThat(new String(put.body(), StandardCharsets.UTF_8).split("\n")).hasSize(2)
                    .allMatch(line -> line.contains("\"lastErrorCode\":\"DataFormatConversion.EntityNotFound\""));
        });
    }

    @Test
    void aRetryRewritesTheSameObjects() throws Exception {
        Sink sink = sink(null, ColumnarSerializer.Parquet.DEFAULT, EVENTS);
        Batch batch = batch("{\"id\":1}", "nope");
        errorOutputFailsOnce = true;
        assertThatThrownBy(() -> sink.deliver(batch)).isInstanceOf(DeliveryException.class);
        sink.deliver(batch);
        assertThat(puts).hasSize(3);
        assertThat(puts.get(1).key()).isEqualTo(puts.get(0).key());
        assertThat(puts.get(2).key()).startsWith("format-conversion-failed/");
    }

    private static long rows(byte[] parquet) throws IOException {
        Path file = Files.createTempFile("converted", ".parquet");
        try {
            Files.write(file, parquet);
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                return reader.getRecordCount();
            }
        } finally {
            Files.delete(file);
        }
    }
}
