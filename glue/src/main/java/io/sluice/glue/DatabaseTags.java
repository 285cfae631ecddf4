package io.sluice.glue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tags of the catalogue's databases (Glue's tables have none). Threading as {@link GlueCatalog}'s. */
public final class DatabaseTags {

    /** Glue's limit on a resource's tags. */
    public static final int MAX_TAGS = 50;

    private final GlueCatalog catalog;
    private final CatalogStore store;
    private final CatalogChanges changes;

    DatabaseTags(GlueCatalog catalog, CatalogStore store, CatalogChanges changes) {
        this.catalog = catalog;
        this.store = store;
        this.changes = changes;
    }

    public Map<String, String> get(CatalogRef c, String database) {
        return catalog.getDatabase(c, database).tags();
    }

    /**
     * Adds tags (a key the database has gets the new value); more than {@link #MAX_TAGS} in all is an
     * InvalidInputException.
     */
    public void add(CatalogRef c, String database, Map<String, String> add) {
        change(c, database, tags -> {
            tags.putAll(add);
            if (tags.size() > MAX_TAGS) {
                throw TableRules.invalid("A resource can have at most " + MAX_TAGS + " tags.");
            }
        });
    }

    /** Removes tags; keys the database does not have are ignored. */
    public void remove(CatalogRef c, String database, List<String> keys) {
        change(c, database, tags -> keys.forEach(tags::remove));
    }

    private void change(CatalogRef c, String database, java.util.function.Consumer<Map<String, String>> edit) {
        String name = TableRules.fold(database);
        changes.run(() -> {
            Database current = catalog.getDatabase(c, name);
            Map<String, String> tags = new TreeMap<>(current.tags());
            edit.accept(tags);
            store.put(CatalogKeys.database(c, name), current.withTags(tags));
            return null;
        });
    }
}
