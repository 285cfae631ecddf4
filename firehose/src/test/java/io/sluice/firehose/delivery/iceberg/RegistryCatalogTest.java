package io.sluice.firehose.delivery.iceberg;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryCatalogTest {

    private static final String ARN = "arn:aws:glue:us-east-1:000000000000:catalog";
    private static final TableIdentifier ORDERS = TableIdentifier.of(Namespace.of("shop"), "orders");
    private static final Schema SCHEMA = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));

    @TempDir
    Path dir;
    private final MapRegistry registry = new MapRegistry();

    /** Glue as the registry sees it: one database, tables with a version id counted up on each swap. */
    private static final class MapRegistry implements IcebergTableRegistry {
        final Map<String, RegisteredTable> tables = new ConcurrentHashMap<>();
        final Set<String> databases = ConcurrentHashMap.newKeySet();
        final AtomicInteger swaps = new AtomicInteger();

        @Override
        public Optional<RegisteredTable> find(String catalogArn, String database, String table) {
            requireDatabase(database);
            return Optional.ofNullable(tables.get(database + "." + table));
        }

        @Override
        public Optional<String> databaseLocation(String catalogArn, String database) {
            requireDatabase(database);
            return Optional.empty();
        }

        @Override
        public void register(String catalogArn, String database, String table, String metadataLocation) {
            requireDatabase(database);
            if (tables.putIfAbsent(database + "." + table, new RegisteredTable(metadataLocation, "0")) != null) {
                throw new AlreadyExistsException("exists");
            }
        }

        @Override
        public void swap(String catalogArn, String database, String table, RegisteredTable expected,
                         String newMetadataLocation) {
            RegisteredTable next = new RegisteredTable(newMetadataLocation,
                    Integer.toString(Integer.parseInt(expected.versionId()) + 1));
            if (!tables.replace(database + "." + table, expected, next)) {
                throw new CommitFailedException("conflict");
            }
            swaps.incrementAndGet();
        }

        private void requireDatabase(String database) {
            if (!databases.contains(database)) {
                throw new NoSuchNamespaceException("no database %s", database);
            }
        }
    }

    private Catalog catalog() {
        return new IcebergCatalogs(Map.of()).withGlue(registry).open(ARN, dir.resolve("warehouse").toUri()
                .toString());
    }

    private static DataFile file(Table table, String name) {
        return DataFiles.builder(PartitionSpec.unpartitioned()).withPath(table.location() + "/data/" + name)
                .withFileSizeInBytes(10).withRecordCount(1).withFormat("parquet").build();
    }

    private static long metadataFiles(Path warehouse) throws Exception {
        try (Stream<Path> files = Files.walk(warehouse)) {
            return files.filter(p -> p.toString().endsWith(".metadata.json")).count();
        }
    }

    @Test
    void aTableIsCreatedUnderTheWarehouseAndEachCommitSwapsTheRegisteredMetadata() {
        registry.databases.add("shop");
        Table created = catalog().createTable(ORDERS, SCHEMA);
        String first = registry.tables.get("shop.orders").metadataLocation();

        created.newAppend().appendFile(file(created, "a.parquet")).commit();

        assertThat(created.location()).endsWith("/warehouse/shop.db/orders");
        assertThat(registry.tables.get("shop.orders").versionId()).isEqualTo("1");
        assertThat(registry.tables.get("shop.orders").metadataLocation()).isNotEqualTo(first);
        assertThat(catalog().loadTable(ORDERS).currentSnapshot().addedDataFiles(created.io())).hasSize(1);
    }

    @Test
    void aWriterThatLostTheRaceRefreshesAndCommitsAgainWithoutLosingTheWinnersFiles() throws Exception {
        registry.databases.add("shop");
        catalog().createTable(ORDERS, SCHEMA);
        Table first = catalog().loadTable(ORDERS);
        Table second = catalog().loadTable(ORDERS);

        first.newAppend().appendFile(file(first, "a.parquet")).commit();
        second.newAppend().appendFile(file(second, "b.parquet")).commit();

        Table read = catalog().loadTable(ORDERS);
        assertThat(read.newScan().planFiles()).hasSize(2);
        assertThat(registry.swaps).hasValue(2);
        // the metadata file of the losing attempt was deleted: one file per registered version
        assertThat(metadataFiles(dir.resolve("warehouse"))).isEqualTo(3);
    }

    @Test
    void aMissingTableOrDatabaseIsIcebergsOwnNotFound() {
        assertThatThrownBy(() -> catalog().loadTable(ORDERS)).isInstanceOf(NoSuchNamespaceException.class);
        registry.databases.add("shop");
        assertThatThrownBy(() -> catalog().loadTable(ORDERS)).isInstanceOf(NoSuchTableException.class);
        Map<String, String> noCatalog = new HashMap<>();
        assertThat(new IcebergCatalogs(noCatalog).available()).isFalse();
        assertThat(new IcebergCatalogs(noCatalog).withGlue(registry).available()).isTrue();
    }
}
