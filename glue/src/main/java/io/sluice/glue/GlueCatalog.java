package io.sluice.glue;

import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.MetaStore;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Sluice's AWS Glue Data Catalog: databases, tables and table versions of each catalogue ({@link CatalogRef}), with
 * Glue's rules: names folded to lower case, AlreadyExistsException, EntityNotFoundException, InvalidInputException
 * (a Hive type, an expression, a paging token), a new version on every update unless SkipArchive, and a database's
 * tables deleted with it; table versions through {@link #versions()} and database tags through {@link #tags()}.
 * Kept in the engine's {@link MetaStore} ({@link CatalogStore}), so it works on one node and across a cluster's
 * nodes.
 *
 * <p>Threading: thread-safe. Reads answer from this node's view without locks (a lookup that finds nothing first
 * catches up with changes other nodes committed); changes run as retried atomic changes, atomic across nodes, so
 * two nodes racing to create one table give one success and one AlreadyExistsException ({@link CatalogChanges}). A
 * store failure surfaces as {@link UncheckedIOException}.
 */
public final class GlueCatalog {

    /** Glue's page size when the caller gives no MaxResults. */
    public static final int DEFAULT_PAGE = 100;

    private final CatalogStore store;
    private final CatalogChanges changes;
    private final Clock clock;
    private final TableVersions versions;
    private final DatabaseTags tags;

    public GlueCatalog(MetaStore metaStore, Clock clock) {
        this.changes = new CatalogChanges(metaStore);
        this.store = new CatalogStore(metaStore, changes::inChange);
        this.clock = clock;
        this.versions = new TableVersions(this, store, changes);
        this.tags = new DatabaseTags(this, store, changes);
    }

    /** GetTableVersion(s), DeleteTableVersion. */
    public TableVersions versions() {
        return versions;
    }

    /** The databases' tags. */
    public DatabaseTags tags() {
        return tags;
    }

    public Database createDatabase(CatalogRef c, DatabaseInput input, Map<String, String> tags) {
        DatabaseInput folded = new DatabaseInput(TableRules.fold(input.name()), input.description(),
                input.locationUri(), input.parameters());
        String key = CatalogKeys.database(c, folded.name());
        return changes.run(() -> {
            if (store.database(key) != null) {
                throw new ServiceException(ErrorType.ALREADY_EXISTS, "Database already exists.");
            }
            Database database = new Database(c, folded, clock.millis(), tags);
            store.put(key, database);
            return database;
        });
    }

    public Database getDatabase(CatalogRef c, String name) {
        return changes.found(() -> store.database(CatalogKeys.database(c, TableRules.fold(name))),
                () -> "Database " + TableRules.fold(name) + " not found.");
    }

    public Page<Database> getDatabases(CatalogRef c, String token, int max) {
        String prefix = CatalogKeys.databases(c);
        changes.catchUp();
        return store.page(prefix, PageTokens.after(prefix, token), max, v -> true, Database.class, Database::name);
    }

    /** Replaces a database's definition (it keeps its name and creation time: renaming is refused). */
    public void updateDatabase(CatalogRef c, String name, DatabaseInput input) {
        String folded = TableRules.fold(name);
        if (!TableRules.fold(input.name()).equals(folded)) {
            throw TableRules.invalid("Renaming a database is not supported.");
        }
        changes.run(() -> {
            Database current = getDatabase(c, folded);
            store.put(CatalogKeys.database(c, folded), new Database(c, new DatabaseInput(folded,
                    input.description(), input.locationUri(), input.parameters()), current.createTime(),
                    current.tags()));
            return null;
        });
    }

    /** Deletes a database and, as Glue does, every table in it with all their versions. */
    public void deleteDatabase(CatalogRef c, String name) {
        String folded = TableRules.fold(name);
        changes.run(() -> {
            getDatabase(c, folded);
            for (Object t : List.copyOf(store.range(CatalogKeys.tables(c, folded), null).values())) {
                dropTable(c, folded, ((Table) t).name());
            }
            store.remove(CatalogKeys.database(c, folded));
            return null;
        });
    }

    public Table createTable(CatalogRef c, String databaseName, TableInput input) {
        String db = TableRules.fold(databaseName);
        TableInput table = TableRules.normalize(input);
        return changes.run(() -> {
            getDatabase(c, db);
            String key = CatalogKeys.table(c, db, table.name());
            if (store.table(key) != null) {
                throw new ServiceException(ErrorType.ALREADY_EXISTS, "Table already exists.");
            }
            long now = clock.millis();
            Table created = new Table(c, db, table, now, now, "0");
            store.put(key, created);
            store.put(CatalogKeys.version(c, db, table.name(), 0), created);
            return created;
        });
    }

    public Table getTable(CatalogRef c, String databaseName, String name) {
        String db = TableRules.fold(databaseName);
        String table = TableRules.fold(name);
        return changes.found(() -> store.table(CatalogKeys.table(c, db, table)), () -> {
            getDatabase(c, db);
            return "Table " + table + " not found.";
        });
    }

    /**
     * The tables of a database whose names match {@code expression} (all if null or empty): a Java regular
     * expression matched against the whole name, case-insensitively, where a {@code *} not after a {@code .}
     * stands for any characters, as in Hive's table patterns ({@code orders*} and {@code orders.*} both list the
     * tables whose names start with orders).
     */
    public Page<Table> getTables(CatalogRef c, String databaseName, String expression, String token, int max) {
        String db = TableRules.fold(databaseName);
        getDatabase(c, db);
        Predicate<Table> filter = TableExpression.of(expression);
        String prefix = CatalogKeys.tables(c, db);
        changes.catchUp();
        return store.page(prefix, PageTokens.after(prefix, token), max, filter, Table.class, Table::name);
    }

    /**
     * Makes {@code input} the table's new current version (the version id counts up), keeping the previous
     * version unless {@code skipArchive}.
     *
     * @param expectedVersion the version the caller read (null: any); another current version is a
     *                        ConcurrentModificationException
     */
    public Table updateTable(CatalogRef c, String databaseName, TableInput input, boolean skipArchive,
                             String expectedVersion) {
        String db = TableRules.fold(databaseName);
        TableInput table = TableRules.normalize(input);
        return changes.run(() -> {
            Table current = getTable(c, db, table.name());
            if (expectedVersion != null && !expectedVersion.equals(current.versionId())) {
                throw new ServiceException(ErrorType.CONCURRENT_MODIFICATION, "Update table failed due to "
                        + "concurrent modifications: the table's version is " + current.versionId() + ", not "
                        + expectedVersion + ".");
            }
            long version = Long.parseLong(current.versionId()) + 1;
            Table updated = new Table(c, db, table, current.createTime(), clock.millis(), Long.toString(version));
            store.put(CatalogKeys.table(c, db, table.name()), updated);
            store.put(CatalogKeys.version(c, db, table.name(), version), updated);
            if (skipArchive) {
                store.remove(CatalogKeys.version(c, db, table.name(), version - 1));
            }
            return updated;
        });
    }

    public void deleteTable(CatalogRef c, String databaseName, String name) {
        String db = TableRules.fold(databaseName);
        String table = TableRules.fold(name);
        changes.run(() -> {
            getTable(c, db, table);
            dropTable(c, db, table);
            return null;
        });
    }

    private void dropTable(CatalogRef c, String db, String table) {
        for (String key : List.copyOf(store.range(CatalogKeys.versions(c, db, table), null).keySet())) {
            store.remove(key);
        }
        store.remove(CatalogKeys.table(c, db, table));
    }
}
