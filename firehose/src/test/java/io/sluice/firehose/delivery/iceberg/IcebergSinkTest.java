package io.sluice.firehose.delivery.iceberg;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.config.IcebergDestination.IcebergTable;
import io.sluice.firehose.delivery.Batch;
import io.sluice.firehose.delivery.DeliveryException;
import io.sluice.firehose.delivery.TestBatches;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.sluice.firehose.delivery.iceberg.IcebergFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IcebergSinkTest {

    private static final Schema EVENTS = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "name", Types.StringType.get()),
            Types.NestedField.optional(3, "day", Types.DateType.get()));

    @TempDir
    Path dir;
    IcebergFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new IcebergFixture(dir);
    }

    private static IcebergTable table(String name, List<String> keys, String errorPrefix) {
        return new IcebergTable("db", name, keys, null, errorPrefix);
    }

    private static Batch batch(String id, String... records) {
        return TestBatches.main(id, T, records);
    }

    @Test
    void everySupportedTypeIsWrittenAsParquetAndReadBackByIcebergsReader() throws Exception {
        Schema schema = new Schema(
                Types.NestedField.required(1, "b", Types.BooleanType.get()),
                Types.NestedField.required(2, "i", Types.IntegerType.get()),
                Types.NestedField.required(3, "l", Types.LongType.get()),
                Types.NestedField.required(4, "f", Types.FloatType.get()),
                Types.NestedField.required(5, "d", Types.DoubleType.get()),
                Types.NestedField.required(6, "dec", Types.DecimalType.of(10, 2)),
                Types.NestedField.required(7, "s", Types.StringType.get()),
                Types.NestedField.required(8, "u", Types.UUIDType.get()),
                Types.NestedField.required(9, "dt", Types.DateType.get()),
                Types.NestedField.required(10, "tm", Types.TimeType.get()),
                Types.NestedField.required(11, "ts", Types.TimestampType.withoutZone()),
                Types.NestedField.required(12, "tstz", Types.TimestampType.withZone()),
                Types.NestedField.required(13, "bin", Types.BinaryType.get()),
                Types.NestedField.required(14, "fx", Types.FixedType.ofLength(3)),
                Types.NestedField.required(15, "st", Types.StructType.of(
                        Types.NestedField.required(16, "x", Types.IntegerType.get()),
                        Types.NestedField.optional(17, "y", Types.StringType.get()))),
                Types.NestedField.required(18, "li", Types.ListType.ofOptional(19, Types.LongType.get())),
                Types.NestedField.required(20, "mp", Types.MapType.ofRequired(21, 22, Types.StringType.get(),
                        Types.DoubleType.get())),
                Types.NestedField.optional(23, "opt", Types.StringType.get()));
        Table table = fixture.create("db", "all_types", schema, PartitionSpec.unpartitioned());
        String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        String record = "{\"b\":true,\"i\":-7,\"l\":9007199254740993,\"f\":1.5,\"d\":2.25,\"dec\":\"12.3\","
                + "\"s\":\"text\",\"u\":\"" + uuid + "\",\"dt\":\"2024-02-29\",\"tm\":\"13:14:15.123456\","
                + "\"ts\":1700000000123456,\"tstz\":\"2024-01-02T03:04:05.000006+02:00\",\"bin\":\"AAEC\","
                + "\"fx\":\"YWJj\",\"ST\":{\"x\":1},\"li\":[1,null,3],\"mp\":{\"k\":0.5},\"ignored\":1}";

        fixture.sink(IcebergFixture.destination(List.of(table("all_types", List.of(), null)), false))
                .deliver(batch("b-1", record));

        List<Record> rows = IcebergFixture.rows(table);
        assertThat(rows).hasSize(1);
        Record row = rows.get(0);
        assertThat(row.getField("b")).isEqualTo(true);
        assertThat(row.getField("i")).isEqualTo(-7);
        assertThat(row.getField("l")).isEqualTo(9007199254740993L);
        assertThat(row.getField("f")).isEqualTo(1.5f);
        assertThat(row.getField("d")).isEqualTo(2.25);
        assertThat(row.getField("dec")).isEqualTo(new BigDecimal("12.30"));
        assertThat(row.getField("s")).isEqualTo("text");
        assertThat(row.getField("u")).isEqualTo(UUID.fromString(uuid));
        assertThat(row.getField("dt")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(row.getField("tm")).isEqualTo(LocalTime.of(13, 14, 15, 123_456_000));
        assertThat(row.getField("ts")).isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_000));
        assertThat(row.getField("tstz")).isEqualTo(OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 6_000, ZoneOffset.UTC));
        assertThat(row.getField("bin")).isEqualTo(ByteBuffer.wrap(new byte[] {0, 1, 2}));
        assertThat(row.getField("fx")).isEqualTo("abc".getBytes());
        Record struct = (Record) row.getField("st");
        assertThat(struct.getField("x")).isEqualTo(1);
        assertThat(struct.getField("y")).isNull();
        assertThat(row.getField("li")).isEqualTo(java.util.Arrays.asList(1L, null, 3L));
        assertThat((Map<?, ?>) row.getField("mp")).isEqualTo(Map.of("k", 0.5));
        assertThat(row.getField("opt")).isNull();
        assertThat(table.schema().columns()).extracting(f -> f.name() + " " + f.type().typeId())
                .isEqualTo(schema.columns().stream().map(f -> f.name() + " " + f.type().typeId()).toList());
        List<DataFile> files = dataFiles(table);
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.format()).isEqualTo(FileFormat.PARQUET);
            assertThat(f.recordCount()).isEqualTo(1);
        });
    }

    @Test
    void aBatchIsOneAppendSnapshotRecordingItsBatchId() throws Exception {
        Table table = fixture.create("db", "events", EVENTS, PartitionSpec.unpartitioned());
        IcebergSink sink = fixture.sink(IcebergFixture.destination(List.of(table("events", List.of(), null)), false));

        sink.deliver(batch("b-1", "{\"id\":1,\"name\":\"a\"}", "{\"id\":2,\"name\":\"b\"}"));
        sink.deliver(batch("b-2", "{\"id\":1,\"name\":\"a\"}"));

        table.refresh();
        List<Snapshot> snapshots = new ArrayList<>();
        table.snapshots().forEach(snapshots::add);
        assertThat(snapshots).extracting(Snapshot::operation).containsExactly("append", "append");
        assertThat(snapshots).extracting(s -> s.summary().get(TableCommitter.BATCH_ID)).containsExactly("b-1", "b-2");
        assertThat(snapshots).extracting(s -> s.summary().get("added-records")).containsExactly("2", "1");
        assertThat(IcebergFixture.rows(table)).hasSize(3);
    }

    @Test
    void withUniqueKeysARecordReplacesTheRowOfItsKeyAndADeleteRemovesIt() throws Exception {
        Table table = fixture.create("db", "events", EVENTS, PartitionSpec.unpartitioned());
        IcebergSink sink = fixture.sink(IcebergFixture.destination(
                List.of(table("events", List.of("id"), null)), false));

        sink.deliver(batch("b-1", "{\"id\":1,\"name\":\"a\"}", "{\"id\":2,\"name\":\"b\"}",
                "{\"id\":3,\"name\":\"c\"}"));
        sink.deliver(batch("b-2", "{\"id\":1,\"name\":\"a2\"}", "{\"id\":4,\"name\":\"d\"}",
                "{\"id\":4,\"name\":\"d2\"}", "{\"id\":2,\"otfMetadata\":{\"operation\":\"delete\"}}"));

        assertThat(names(table)).isEqualTo(Map.of(1L, "a2", 3L, "c", 4L, "d2"));
        table.refresh();
        assertThat(table.currentSnapshot().operation()).isEqualTo("overwrite");
    }

    @Test
    void appendOnlyIgnoresUniqueKeys() throws Exception {
        Table table = fixture.create("db", "events", EVENTS, PartitionSpec.unpartitioned());
        IcebergSink sink = fixture.sink(IcebergFixture.destination(
                List.of(table("events", List.of("id"), null)), true));

        sink.deliver(batch("b-1", "{\"id\":1,\"name\":\"a\"}"));
        sink.deliver(batch("b-2", "{\"id\":1,\"name\":\"b\"}"));

        assertThat(IcebergFixture.rows(table)).hasSize(2);
    }

    @Test
    void aRetriedBatchIsNotCommittedTwice() throws Exception {
        Table table = fixture.create("db", "events", EVENTS, PartitionSpec.unpartitioned());
        IcebergSink sink = fixture.sink(IcebergFixture.destination(List.of(table("events", List.of(), null)), false));
        AtomicInteger puts = new AtomicInteger();
        var store = fixture.objects;
        fixture.objects = (bucket, key, body) -> {
            if (puts.incrementAndGet() == 1) {
                throw new IOException("the error bucket is down");
            }
            store.put(bucket, key, body);
        };
        Batch batch = batch("b-1", "{\"id\":1}", "{\"name\":\"no id\"}");

        // the commit goes through, the error output does not: the worker retries the whole batch
        assertThatThrownBy(() -> sink.deliver(batch)).isInstanceOf(DeliveryException.class);
        sink.deliver(batch);
        // a new sink (a new configuration version) retrying the same batch finds it in the table
        fixture.sink(IcebergFixture.destination(List.of(table("events", List.of(), null)), false)).deliver(batch);

        assertThat(IcebergFixture.rows(table)).hasSize(1);
        table.refresh();
        assertThat(table.snapshots()).hasSize(1);
    }

    @Test
    void recordsThatDoNotFitGoToTheErrorOutputInAwsFormatAndTheRestIsCommitted() throws Exception {
        Table table = fixture.create("db", "events", EVENTS, PartitionSpec.unpartitioned());
        IcebergSink sink = fixture.sink(IcebergFixture.destination(List.of(table("events", List.of(), null)), false));

        sink.deliver(batch("b-1", "{\"id\":1}", "{\"name\":\"no id\"}", "{\"id\":\"seven\"}", "not json",
                "{\"id\":2,\"day\":\"yesterday\"}"));

        assertThat(IcebergFixture.rows(table)).hasSize(1);
        Map<String, List<JsonNode>> errors = fixture.errorRecords();
        assertThat(errors).hasSize(1);
        assertThat(errors.keySet().iterator().next()).startsWith("iceberg-failed/2023/11/14/22/to-iceberg-1-");
        List<JsonNode> records = errors.values().iterator().next();
        assertThat(records).extracting(r -> r.get("errorCode").asText()).containsExactly(
                "Iceberg.MissingColumnWithinRecord", "Iceberg.InvalidRecordValue", "Iceberg.InvalidRecordValue",
                "Iceberg.InvalidRecordValue");
        assertThat(records).extracting(IcebergFixture::rawData).containsExactly("{\"name\":\"no id\"}",
                "{\"id\":\"seven\"}", "not json", "{\"id\":2,\"day\":\"yesterday\"}");
        assertThat(records.get(0).get("errorMessage").asText()).contains("id");
        assertThat(records.get(0).get("attemptsMade").asInt()).isEqualTo(1);
        assertThat(records.get(0).get("arrivalTimestamp").asLong()).isEqualTo(T);
        assertThat(records.get(0).has("attemptEndingTimestamp")).isTrue();
    }

    @Test
    void recordsRouteToTheTableTheirOtfMetadataNamesAndATablesOwnErrorPrefix() throws Exception {
        Table first = fixture.create("db", "first", EVENTS, PartitionSpec.unpartitioned());
        Table second = fixture.create("db", "second", EVENTS, PartitionSpec.unpartitioned());
        IcebergSink sink = fixture.sink(IcebergFixture.destination(List.of(table("first", List.of(), null),
                table("second", List.of(), "second-errors/")), false));

        sink.deliver(batch("b-1",
                "{\"id\":1,\"otfMetadata\":{\"destinationDatabaseName\":\"db\",\"destinationTableName\":\"first\"}}",
                "{\"id\":2,\"otfMetadata\":{\"destinationTableName\":\"second\"}}",
                "{\"name\":\"x\",\"otfMetadata\":{\"destinationTableName\":\"second\"}}",
                "{\"id\":3,\"otfMetadata\":{\"destinationTableName\":\"third\"}}",
                "{\"id\":4}"));

        assertThat(names(first)).containsOnlyKeys(1L);
        assertThat(names(second)).containsOnlyKeys(2L);
        Map<String, List<JsonNode>> errors = fixture.errorRecords();
        assertThat(errors.keySet()).anySatisfy(k -> assertThat(k).startsWith("second-errors/"))
                .anySatisfy(k -> assertThat(k).startsWith("iceberg-failed/"));
        Map<String, String> codes = errors.values().stream().flatMap(List::stream)
                .collect(Collectors.toMap(IcebergFixture::rawData, r -> r.get("errorCode").asText()));
        assertThat(codes).containsValues("Iceberg.MissingColumnWithinRecord", "Iceberg.InvalidTableRouting")
                .hasSize(3);
    }

    @Test
    void aTableThatDoesNotExistSendsItsRecordsToTheErrorOutput() throws Exception {
        IcebergSink sink = fixture.sink(IcebergFixture.destination(List.of(table("missing", List.of(), null)),
                false));

        sink.deliver(batch("b-1", "{\"id\":1}"));

        assertThat(fixture.errorRecords().values()).singleElement().satisfies(records ->
                assertThat(records).extracting(r -> r.get("errorCode").asText()).containsExactly(
                        "Iceberg.NoSuchTable"));
    }

    @Test
    void uniqueKeysThatAreNotColumnsFailTheRecords() throws Exception {
        Table table = fixture.create("db", "events", EVENTS, PartitionSpec.unpartitioned());
        IcebergSink sink = fixture.sink(IcebergFixture.destination(
                List.of(table("events", List.of("nope"), null)), false));

        sink.deliver(batch("b-1", "{\"id\":1}"));

        assertThat(IcebergFixture.rows(table)).isEmpty();
        assertThat(table.snapshots()).isEmpty();
        assertThat(fixture.errorRecords().values()).singleElement().satisfies(records ->
                assertThat(records.get(0).get("errorCode").asText()).isEqualTo("Iceberg.InvalidUniqueKeys"));
    }

    @Test
    void aPartitionedTableGetsOneDataFilePerPartition() throws Exception {
        PartitionSpec spec = PartitionSpec.builderFor(EVENTS).identity("day").build();
        Table table = fixture.create("db", "events", EVENTS, spec);
        IcebergSink sink = fixture.sink(IcebergFixture.destination(List.of(table("events", List.of("id"), null)),
                false));

        sink.deliver(batch("b-1", "{\"id\":1,\"day\":\"2024-01-01\"}", "{\"id\":2,\"day\":\"2024-01-02\"}",
                "{\"id\":3,\"day\":\"2024-01-01\"}"));
        sink.deliver(batch("b-2", "{\"id\":1,\"name\":\"new\",\"day\":\"2024-01-01\"}"));

        assertThat(names(table)).containsOnlyKeys(1L, 2L, 3L).containsEntry(1L, "new");
        assertThat(dataFiles(table)).hasSize(3)
                .extracting(f -> f.partition().get(0, Integer.class))
                .containsOnly((int) LocalDate.of(2024, 1, 1).toEpochDay(), (int) LocalDate.of(2024, 1, 2).toEpochDay());
    }

    @Test
    void aCatalogThatCannotBeOpenedIsARetryableFailure() {
        IcebergCatalogs broken = new IcebergCatalogs(Map.of("type", "no-such-type"));
        IcebergSink sink = new IcebergSink(IcebergFixture.destination(List.of(table("events", List.of(), null)),
                false), broken, Map.of(), null, fixture.clock);

        assertThatThrownBy(() -> sink.deliver(batch("b-1", "{\"id\":1}")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.code()).isEqualTo("Iceberg.CatalogUnavailable");
                    assertThat(e.permanent()).isFalse();
                });
    }

    private static Map<Long, String> names(Table table) throws IOException {
        Map<Long, String> names = new java.util.HashMap<>();
        for (Record row : IcebergFixture.rows(table)) {
            names.put((Long) row.getField("id"), (String) row.getField("name"));
        }
        return names;
    }

    private static List<DataFile> dataFiles(Table table) throws IOException {
        table.refresh();
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<org.apache.iceberg.FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(t -> files.add(t.file()));
        }
        return files;
    }
}
