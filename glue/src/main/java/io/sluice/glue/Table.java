package io.sluice.glue;

/**
 * One version of a table as stored: its input (names lower-cased), the database it is in, when the table was
 * created and this version made (epoch milliseconds), and the version's id ("0" for the first, then counting up).
 */
public record Table(CatalogRef catalog, String databaseName, TableInput input, long createTime, long updateTime,
                    String versionId) {

    public String name() {
        return input.name();
    }
}
