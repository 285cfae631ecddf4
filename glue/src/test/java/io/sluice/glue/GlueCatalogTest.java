package io.sluice.glue;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.LocalMetaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlueCatalogTest {

    static final CatalogRef CATALOG = new CatalogRef("000000000000", "us-east-1");

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_765_000_000_000L);
    private LocalMetaStore store;
    private GlueCatalog catalog;

    @BeforeEach
    void open() throws Exception {
        store = LocalMetaStore.open(dir);
        catalog = new GlueCatalog(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static TableInput table(String name, String... columns) {
        List<Column> list = new ArrayList<>();
        for (int i = 0; i < columns.length; i += 2) {
            list.add(new Column(columns[i], columns[i + 1], null, null));
        }
        return new TableInput(name, null, null, null, null, null, new StorageDescriptor(list, "s3://b/" + name,
                null, null, null, false, null, null, null, null, null, null, false), null, null, null,
                "EXTERNAL_TABLE", Map.of());
    }

    private static void assertError(Runnable call, ErrorType type, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void namesAreFoldedToLowerCaseAsGlueStoresThem() {
        catalog.createDatabase(CATALOG, new DatabaseInput("Sales", "d", null, null), null);
        Table created = catalog.createTable(CATALOG, "SALES", table("Orders", "OrderId", "BIGINT", "Total",
                "decimal(10,2)"));
        assertThat(created.name()).isEqualTo("orders");
        assertThat(created.databaseName()).isEqualTo("sales");
        assertThat(created.versionId()).isEqualTo("0");
        assertThat(created.input().storageDescriptor().columns()).extracting(Column::name, Column::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orderid", "BIGINT"),
                        org.assertj.core.groups.Tuple.tuple("total", "decimal(10,2)"));
        assertThat(catalog.getTable(CATALOG, "sales", "ORDERS")).isEqualTo(created);
        assertThat(catalog.getDatabase(CATALOG, "sAlEs").name()).isEqualTo("sales");
    }

    @Test
    void duplicatesAndMissingParentsGetGluesErrors() {
        catalog.createDatabase(CATALOG, new DatabaseInput("sales", null, null, null), null);
        assertError(() -> catalog.createDatabase(CATALOG, new DatabaseInput("SALES", null, null, null), null),
                ErrorType.ALREADY_EXISTS, "Database already exists.");
        catalog.createTable(CATALOG, "sales", table("orders", "id", "int"));
        assertError(() -> catalog.createTable(CATALOG, "sales", table("orders", "id", "int")),
                ErrorType.ALREADY_EXISTS, "Table already exists.");
        assertError(() -> catalog.createTable(CATALOG, "nope", table("orders")), ErrorType.ENTITY_NOT_FOUND,
                "Database nope not found.");
        assertError(() -> catalog.getTable(CATALOG, "sales", "nope"), ErrorType.ENTITY_NOT_FOUND,
                "Table nope not found.");
        assertError(() -> catalog.getTable(CATALOG, "nope", "orders"), ErrorType.ENTITY_NOT_FOUND,
                "Database nope not found.");
        assertError(() -> catalog.getDatabase(new CatalogRef("000000000000", "eu-west-1"), "sales"),
                ErrorType.ENTITY_NOT_FOUND, "Database sales not found.");
    }

    @Test
    void badColumnTypesAndRepeatedNamesAreInvalidInput() {
        catalog.createDatabase(CATALOG, new DatabaseInput("d", null, null, null), null);
        assertError(() -> catalog.createTable(CATALOG, "d", table("t", "a", "array<int")), ErrorType.INVALID_INPUT,
                "Column a: Invalid type 'array<int'");
        assertError(() -> catalog.createTable(CATALOG, "d", table("t", "a", "int", "A", "string")),
                ErrorType.INVALID_INPUT, "column name a is used more than once");
        TableInput clash = new TableInput("t", null, null, null, null, null, table("t", "dt", "date")
                .storageDescriptor(), List.of(new Column("DT", "string", null, null)), null, null, null, null);
        assertError(() -> catalog.createTable(CATALOG, "d", clash), ErrorType.INVALID_INPUT,
                "partition key name dt is used more than once");
        assertError(() -> catalog.getTables(CATALOG, "d", "(", null, 10), ErrorType.INVALID_INPUT,
                "Expression ( is not a valid pattern");
    }

    @Test
    void updatesMakeNewVersionsAndSkipArchiveReplacesTheCurrentOne() {
        catalog.createDatabase(CATALOG, new DatabaseInput("d", null, null, null), null);
        catalog.createTable(CATALOG, "d", table("t", "a", "int"));
        clock.advance(Duration.ofSeconds(5));
        Table v1 = catalog.updateTable(CATALOG, "d", table("t", "a", "int", "b", "string"), false, "0");
        assertThat(v1.versionId()).isEqualTo("1");
        assertThat(v1.createTime()).isEqualTo(1_765_000_000_000L);
        assertThat(v1.updateTime()).isEqualTo(1_765_000_005_000L);
        Table v2 = catalog.updateTable(CATALOG, "d", table("t", "a", "int", "c", "date"), true, null);
        assertThat(catalog.versions().list(CATALOG, "d", "t", null, 100).items()).extracting(Table::versionId)
                .containsExactly("0", "2");
        assertThat(catalog.versions().get(CATALOG, "d", "t", "0").input().storageDescriptor().columns())
                .extracting(Column::name).containsExactly("a");
        assertThat(catalog.versions().get(CATALOG, "d", "t", null)).isEqualTo(v2);
        assertError(() -> catalog.versions().get(CATALOG, "d", "t", "1"), ErrorType.ENTITY_NOT_FOUND,
                "Version 1 of table t not found.");
        assertError(() -> catalog.versions().get(CATALOG, "d", "t", "x"), ErrorType.INVALID_INPUT,
                "Version ID x is not valid");
        assertError(() -> catalog.updateTable(CATALOG, "d", table("t"), false, "1"),
                ErrorType.CONCURRENT_MODIFICATION, "version is 2, not 1");

        assertError(() -> catalog.versions().delete(CATALOG, "d", "t", "2"), ErrorType.INVALID_INPUT,
                "current version");
        catalog.versions().delete(CATALOG, "d", "t", "0");
        assertThat(catalog.versions().list(CATALOG, "d", "t", null, 100).items()).extracting(Table::versionId)
                .containsExactly("2");
    }

    @Test
    void listingsPageInNameOrderWithTokensAndFilterByExpression() {
        catalog.createDatabase(CATALOG, new DatabaseInput("d", null, null, null), null);
        for (String name : List.of("orders_2", "orders_1", "clicks", "orders_3", "refunds")) {
            catalog.createTable(CATALOG, "d", table(name));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<Table> page = catalog.getTables(CATALOG, "d", "orders*", token, 2);
            page.items().forEach(t -> seen.add(t.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsExactly("orders_1", "orders_2", "orders_3");
        assertThat(pages).isEqualTo(2);
        assertThat(catalog.getTables(CATALOG, "d", "clicks|refunds", null, 100).items()).extracting(Table::name)
                .containsExactly("clicks", "refunds");
        assertThat(catalog.getTables(CATALOG, "d", "ORDERS_.", null, 100).items()).hasSize(3);

        catalog.createDatabase(CATALOG, new DatabaseInput("e", null, null, null), null);
        String dbToken = catalog.getDatabases(CATALOG, null, 1).nextToken();
        catalog.createDatabase(CATALOG, new DatabaseInput("f", null, null, null), null);
        Page<Database> rest = catalog.getDatabases(CATALOG, dbToken, 10);
        assertThat(rest.items()).extracting(Database::name).containsExactly("e", "f");
        assertThat(rest.nextToken()).isNull();
        assertError(() -> catalog.getTables(CATALOG, "d", null, dbToken, 2), ErrorType.INVALID_INPUT,
                "next token is not valid");
        assertError(() -> catalog.getTables(CATALOG, "d", null, "%%%", 2), ErrorType.INVALID_INPUT,
                "next token is not valid");
    }

    @Test
    void deletingADatabaseDeletesItsTablesAndTheirVersions() {
        catalog.createDatabase(CATALOG, new DatabaseInput("d", null, null, null), null);
        catalog.createTable(CATALOG, "d", table("t"));
        catalog.updateTable(CATALOG, "d", table("t", "a", "int"), false, null);
        catalog.deleteDatabase(CATALOG, "D");
        assertThat(store.entries().keySet()).noneMatch(k -> k.startsWith("glue/"));
        catalog.createDatabase(CATALOG, new DatabaseInput("d", null, null, null), null);
        assertError(() -> catalog.getTable(CATALOG, "d", "t"), ErrorType.ENTITY_NOT_FOUND, "Table t not found.");
        assertError(() -> catalog.deleteDatabase(CATALOG, "x"), ErrorType.ENTITY_NOT_FOUND, "Database x not found.");
    }

    @Test
    void updatingADatabaseKeepsItsCreationAndRefusesARename() {
        catalog.createDatabase(CATALOG, new DatabaseInput("d", "old", null, null), null);
        clock.advance(Duration.ofSeconds(1));
        catalog.updateDatabase(CATALOG, "d", new DatabaseInput("D", "new", "s3://x/", Map.of("k", "v")));
        Database updated = catalog.getDatabase(CATALOG, "d");
        assertThat(updated.input()).isEqualTo(new DatabaseInput("d", "new", "s3://x/", Map.of("k", "v")));
        assertThat(updated.createTime()).isEqualTo(1_765_000_000_000L);
        assertError(() -> catalog.updateDatabase(CATALOG, "d", new DatabaseInput("e", null, null, null)),
                ErrorType.INVALID_INPUT, "Renaming a database is not supported.");
    }

    @Test
    void databaseTagsAreAddedReplacedAndRemovedWithinGluesLimit() {
        catalog.createDatabase(CATALOG, new DatabaseInput("d", null, null, null), Map.of("team", "web"));
        catalog.tags().add(CATALOG, "D", Map.of("team", "data", "env", "dev"));
        catalog.tags().remove(CATALOG, "d", List.of("env", "absent"));
        assertThat(catalog.tags().get(CATALOG, "d")).isEqualTo(Map.of("team", "data"));
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("k" + i, "v");
        }
        assertError(() -> catalog.tags().add(CATALOG, "d", many), ErrorType.INVALID_INPUT, "at most 50 tags");
        catalog.updateDatabase(CATALOG, "d", new DatabaseInput("d", "kept tags", null, null));
        assertThat(catalog.tags().get(CATALOG, "d")).containsEntry("team", "data");
    }

    @Test
    void theCatalogueSurvivesAReopen() throws Exception {
        catalog.createDatabase(CATALOG, new DatabaseInput("d", null, null, null), null);
        catalog.createTable(CATALOG, "d", table("t", "a", "struct<x:int>"));
        Table v1 = catalog.updateTable(CATALOG, "d", table("t", "a", "struct<x:int,y:string>"), false, null);
        store.close();
        store = LocalMetaStore.open(dir);
        GlueCatalog reopened = new GlueCatalog(store, clock);
        assertThat(reopened.getTable(CATALOG, "d", "t")).isEqualTo(v1);
        assertThat(reopened.versions().list(CATALOG, "d", "t", null, 10).items()).hasSize(2);
        assertThat(reopened.updateTable(CATALOG, "d", table("t"), false, null).versionId()).isEqualTo("2");
    }
}
