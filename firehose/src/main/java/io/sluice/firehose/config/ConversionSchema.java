package io.sluice.firehose.config;

import io.sluice.firehose.conversion.TableRef;

/**
 * A SchemaConfiguration: the Glue table whose columns converted records take. {@code catalogId}, {@code region}
 * and {@code versionId} may be null (the caller's account, the server's region, the latest version).
 */
public record ConversionSchema(String roleArn, String catalogId, String databaseName, String tableName,
                               String region, String versionId) {

    public TableRef table() {
        return new TableRef(catalogId, region, databaseName, tableName, versionId);
    }
}
