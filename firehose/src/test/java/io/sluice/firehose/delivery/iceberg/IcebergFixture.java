package io.sluice.firehose.delivery.iceberg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.ManualClock;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.config.IcebergDestination.IcebergTable;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.delivery.ErrorOutput;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.delivery.PrefixTemplate;
import io.sluice.firehose.delivery.S3Writer;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** A Hadoop catalog in a temporary directory, error output in a local directory object store, and their readers. */
final class IcebergFixture {

    static final long T = 1_700_000_000_000L;
    static final String BUCKET = "errors-bucket";

    final Path root;
    final IcebergCatalogs catalogs;
    final Catalog catalog;
    final ManualClock clock = new ManualClock(T);
    ObjectStore objects;

    IcebergFixture(Path root) {
        this.root = root;
        this.catalogs = new IcebergCatalogs(Map.of("type", "hadoop", "warehouse",
                root.resolve("warehouse").toUri().toString()));
        this.catalog = catalogs.open(null, null);
        this.objects = new LocalDirectoryObjectStore(root.resolve("objects"));
    }

    Table create(String database, String name, Schema schema, PartitionSpec spec) {
        return catalog.createTable(TableIdentifier.of(Namespace.of(database), name), schema, spec,
                Map.of(TableProperties.FORMAT_VERSION, "2"));
    }

    static S3Settings s3(String errorPrefix) {
        return new S3Settings("arn:aws:iam::000000000000:role/firehose", "arn:aws:s3:::" + BUCKET, "backup/",
                errorPrefix, null, null, null, null);
    }

    static IcebergDestination destination(List<IcebergTable> tables, boolean appendOnly) {
        return new IcebergDestination("arn:aws:iam::000000000000:role/firehose",
                new IcebergDestination.IcebergCatalog("arn:aws:glue:us-east-1:000000000000:catalog", null), tables,
                null, null, null, false, 300, s3(null), appendOnly, false, false);
    }

    IcebergSink sink(IcebergDestination destination) {
        Map<IcebergTable, ErrorOutput> tableErrors = new HashMap<>();
        for (IcebergTable table : destination.tables()) {
            if (table.errorOutputPrefix() != null) {
                tableErrors.put(table, errorOutput(table.errorOutputPrefix()));
            }
        }
        return new IcebergSink(destination, catalogs, tableErrors, errorOutput(null), clock);
    }

    private ErrorOutput errorOutput(String prefix) {
        ObjectStore delegating = (bucket, key, body) -> objects.put(bucket, key, body);
        return new ErrorOutput(new S3Writer(delegating, s3(prefix),
                PrefixTemplate.forErrors(prefix), new S3Writer.Naming("to-iceberg", 1, ZoneOffset.UTC, null),
                new SplittableRandom(1)), IcebergSink.ERROR_OUTPUT_TYPE);
    }

    static List<Record> rows(Table table) throws IOException {
        table.refresh();
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
            read.forEach(rows::add);
        }
        return rows;
    }

    /** The error records written under the bucket, by object key relative to the bucket. */
    Map<String, List<JsonNode>> errorRecords() throws IOException {
        Path bucket = root.resolve("objects").resolve(BUCKET);
        Map<String, List<JsonNode>> records = new HashMap<>();
        if (!Files.exists(bucket)) {
            return records;
        }
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                List<JsonNode> lines = new ArrayList<>();
                for (String line : Files.readAllLines(file)) {
                    lines.add(json.readTree(line));
                }
                records.put(bucket.relativize(file).toString(), lines);
            }
        }
        return records;
    }

    static String rawData(JsonNode errorRecord) {
        return new String(Base64.getDecoder().decode(errorRecord.get("rawData").asText()));
    }
}
