package io.sluice.glue;

/**
 * A database as stored: its input with the name lower-cased, the catalogue it is in, and when it was created
 * (epoch milliseconds).
 */
public record Database(CatalogRef catalog, DatabaseInput input, long createTime) {

    public String name() {
        return input.name();
    }
}
