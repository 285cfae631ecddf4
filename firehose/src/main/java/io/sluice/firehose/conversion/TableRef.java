package io.sluice.firehose.conversion;

/**
 * A SchemaConfiguration's table: {@code catalogId} and {@code region} may be null (the caller's account and
 * region), {@code versionId} null or "LATEST" for the current version.
 */
public record TableRef(String catalogId, String region, String databaseName, String tableName, String versionId) {
}
