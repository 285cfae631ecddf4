package io.sluice.firehose.delivery.search;

/**
 * One document of a bulk request: where it goes and its source (one line of JSON).
 *
 * @param id   the document id, or null to let the cluster choose one
 * @param type the mapping type, or null for clusters without types
 */
record BulkDocument(String index, String type, String id, byte[] source) {
}
