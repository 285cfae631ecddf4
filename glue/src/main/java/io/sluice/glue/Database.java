package io.sluice.glue;

import java.util.Map;

/**
 * A database as stored: its input with the name lower-cased, the catalogue it is in, when it was created (epoch
 * milliseconds) and its tags (empty when it has none).
 */
public record Database(CatalogRef catalog, DatabaseInput input, long createTime, Map<String, String> tags) {

    public Database {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public String name() {
        return input.name();
    }

    public Database withTags(Map<String, String> newTags) {
        return new Database(catalog, input, createTime, newTags);
    }
}
