package io.sluice.glue;

import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.store.RetriedChanges;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Sluice's AWS Glue Data Catalog: databases, tables and table versions of each catalogue ({@link CatalogRef}), with
 * Glue's rules: names folded to lower case, AlreadyExistsException, EntityNotFoundException, InvalidInputException
 * (a Hive type, an expression, a paging token), a new version on every update unless SkipArchive, and a database's
 * tables deleted with it. Kept in the engine's {@link MetaStore} ({@link CatalogStore}), so it works on one node and
 * across a cluster's nodes.
 *
 * <p>Threading: thread-safe. Reads answer from this node's view without locks (a lookup that finds nothing first
 * catches up with changes other nodes committed); changes run as {@link RetriedChanges}, atomic across nodes, so
 * two nodes racing to create one table give one success and one AlreadyExistsException. A store failure surfaces as
 * {@link UncheckedIOException}.
 */
public final class GlueCatalog {

    /** Glue's page size when the caller gives no MaxResults. */
    public static final int DEFAULT_PAGE = 100;

    private final CatalogStore store;
    private final RetriedChanges changes;
    private final Clock clock;

    public GlueCatalog(MetaStore metaStore, Clock clock) {
        this.store = new CatalogStore(metaStore);
        this.changes = new RetriedChanges(metaStore, "Glue catalogue");
        this.clock = clock;
    }

    /** Glue's limit on a resource's tags. */
    public static final int MAX_TAGS = 50;

    public Database createDatabase(CatalogRef c, DatabaseInput input, Map<String, String> tags) {
        DatabaseInput folded = new DatabaseInput(TableRules.fold(input.name()), input.description(),
                input.locationUri(), input.parameters());
        String key = CatalogKeys.database(c, folded.name());
        return change(() -> {
            if (store.database(key) != null) {
                throw new ServiceException(ErrorType.ALREADY_EXISTS, "Database already exists.");
            }
            Database database = new Database(c, folded, clock.millis(), tags);
            store.put(key, database);
            return database;
        });
    }

    public Database getDatabase(CatalogRef c, String name) {
        return found(() -> store.database(CatalogKeys.database(c, TableRules.fold(name))),
                () -> "Database " + TableRules.fold(name) + " not found.");
    }

    public Page<Database> getDatabases(CatalogRef c, String token, int max) {
        String prefix = CatalogKeys.databases(c);
        return page(prefix, PageTokens.after(prefix, token), max, v -> true, Database.class, Database::name);
    }

    /** Replaces a database's definition (it keeps its name and creation time: renaming is refused). */
    public void updateDatabase(CatalogRef c, String name, DatabaseInput input) {
        String folded = TableRules.fold(name);
        if (!TableRules.fold(input.name()).equals(folded)) {
            throw TableRules.invalid("Renaming a database is not supported.");
        }
        change(() -> {
            Database current = getDatabase(c, folded);
            store.put(CatalogKeys.database(c, folded), new Database(c, new DatabaseInput(folded,
                    input.description(), input.locationUri(), input.parameters()), current.createTime(),
                    current.tags()));
            return null;
        });
    }

    /** A database's tags. */
    public Map<String, String> databaseTags(CatalogRef c, String name) {
        return getDatabase(c, name).tags();
    }

    /**
     * Adds tags to a database (a key it has gets the new value); more than {@link #MAX_TAGS} in all is an
     * InvalidInputException.
     */
    public void tagDatabase(CatalogRef c, String name, Map<String, String> add) {
        String folded = TableRules.fold(name);
        change(() -> {
            Database current = getDatabase(c, folded);
            Map<String, String> tags = new TreeMap<>(current.tags());
            tags.putAll(add);
            if (tags.size() > MAX_TAGS) {
                throw TableRules.invalid("A resource can have at most " + MAX_TAGS + " tags.");
            }
            store.put(CatalogKeys.database(c, folded), current.withTags(tags));
            return null;
        });
    }

    /** Removes tags from a database; keys it does not have are ignored. */
    public void untagDatabase(CatalogRef c, String name, List<String> remove) {
        String folded = TableRules.fold(name);
        change(() -> {
            Database current = getDatabase(c, folded);
            Map<String, String> tags = new TreeMap<>(current.tags());
            remove.forEach(tags::remove);
            store.put(CatalogKeys.database(c, folded), current.withTags(tags));
            return null;
        });
    }

    /** Deletes a database and, as Glue does, every table in it with all their versions. */
    public void deleteDatabase(CatalogRef c, String name) {
        String folded = TableRules.fold(name);
        change(() -> {
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
        return change(() -> {
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
        return found(() -> store.table(CatalogKeys.table(c, db, table)), () -> {
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
        return page(prefix, PageTokens.after(prefix, token), max, filter, Table.class, Table::name);
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
        return change(() -> {
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
        change(() -> {
            getTable(c, db, table);
            dropTable(c, db, table);
            return null;
        });
    }

    /** One version of a table; the current one when {@code versionId} is null. */
    public Table getTableVersion(CatalogRef c, String databaseName, String name, String versionId) {
        Table current = getTable(c, databaseName, name);
        if (versionId == null) {
            return current;
        }
        long version = versionNumber(versionId);
        return found(() -> store.table(CatalogKeys.version(c, current.databaseName(), current.name(), version)),
                () -> "Version " + versionId + " of table " + current.name() + " not found.");
    }

    /** The versions of a table, oldest first. */
    public Page<Table> getTableVersions(CatalogRef c, String databaseName, String name, String token, int max) {
        Table current = getTable(c, databaseName, name);
        String prefix = CatalogKeys.versions(c, current.databaseName(), current.name());
        String after = PageTokens.after(prefix, token);
        return page(prefix, after == null ? null : String.format("%010d", versionNumber(after)), max, v -> true,
                Table.class, Table::versionId);
    }

    /** Deletes an archived version; the current version goes only with its table. */
    public void deleteTableVersion(CatalogRef c, String databaseName, String name, String versionId) {
        long version = versionNumber(versionId);
        change(() -> {
            Table current = getTable(c, databaseName, name);
            if (current.versionId().equals(Long.toString(version))) {
                throw TableRules.invalid("Version " + versionId + " is the table's current version; it cannot be "
                        + "deleted.");
            }
            String key = CatalogKeys.version(c, current.databaseName(), current.name(), version);
            if (store.table(key) == null) {
                throw new ServiceException(ErrorType.ENTITY_NOT_FOUND, "Version " + versionId + " of table "
                        + current.name() + " not found.");
            }
            store.remove(key);
            return null;
        });
    }

    private void dropTable(CatalogRef c, String db, String table) {
        for (String key : List.copyOf(store.range(CatalogKeys.versions(c, db, table), null).keySet())) {
            store.remove(key);
        }
        store.remove(CatalogKeys.table(c, db, table));
    }

    private static long versionNumber(String versionId) {
        try {
            long version = Long.parseLong(versionId);
            if (version >= 0 && version <= 9_999_999_999L) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw TableRules.invalid("Version ID " + versionId + " is not valid: version IDs are whole numbers.");
    }

    private <T> Page<T> page(String prefix, String after, int max, Predicate<T> filter, Class<T> type,
                             java.util.function.Function<T, String> tokenOf) {
        List<T> items = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, Object> entry : store.range(prefix, after).entrySet()) {
            T item = type.cast(entry.getValue());
            if (!filter.test(item)) {
                continue;
            }
            if (items.size() == max) {
                return new Page<>(items, PageTokens.next(prefix, last));
            }
            items.add(item);
            last = tokenOf.apply(item);
        }
        return new Page<>(items, null);
    }

    private <T> T found(Supplier<T> lookup, Supplier<String> notFound) {
        T value = lookup.get();
        if (value == null) {
            changes.catchUp();
            value = lookup.get();
        }
        if (value == null) {
            throw new ServiceException(ErrorType.ENTITY_NOT_FOUND, notFound.get());
        }
        return value;
    }

    private <T> T change(Supplier<T> change) {
        try {
            return changes.run(change::get);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
