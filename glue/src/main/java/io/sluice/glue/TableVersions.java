package io.sluice.glue;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

/**
 * The versions of the catalogue's tables: each one a snapshot of the table made by CreateTable or UpdateTable
 * (numbered "0", "1", ...), kept until its table goes, DeleteTableVersion removes it, or an UpdateTable with
 * SkipArchive replaces it. Threading as {@link GlueCatalog}'s.
 */
public final class TableVersions {

    private final GlueCatalog catalog;
    private final CatalogStore store;
    private final CatalogChanges changes;

    TableVersions(GlueCatalog catalog, CatalogStore store, CatalogChanges changes) {
        this.catalog = catalog;
        this.store = store;
        this.changes = changes;
    }

    /** One version of a table; the current one when {@code versionId} is null. */
    public Table get(CatalogRef c, String databaseName, String name, String versionId) {
        Table current = catalog.getTable(c, databaseName, name);
        if (versionId == null) {
            return current;
        }
        long version = number(versionId);
        return changes.found(() -> store.table(CatalogKeys.version(c, current.databaseName(), current.name(),
                version)), () -> "Version " + versionId + " of table " + current.name() + " not found.");
    }

    /** The versions of a table, oldest first. */
    public Page<Table> list(CatalogRef c, String databaseName, String name, String token, int max) {
        Table current = catalog.getTable(c, databaseName, name);
        String prefix = CatalogKeys.versions(c, current.databaseName(), current.name());
        String after = PageTokens.after(prefix, token);
        return store.page(prefix, after == null ? null : CatalogKeys.versionDigits(number(after)), max,
                v -> true, Table.class, Table::versionId);
    }

    /** Deletes an archived version; the current version goes only with its table. */
    public void delete(CatalogRef c, String databaseName, String name, String versionId) {
        long version = number(versionId);
        changes.run(() -> {
            Table current = catalog.getTable(c, databaseName, name);
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

    /** A VersionId as the number it stands for (keys hold it as 10 digits). */
    static long number(String versionId) {
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
}
