package io.sluice.glue;

/** One of a StorageDescriptor's SortColumns (Glue's {@code Order}): a column, 1 ascending or 0 descending. */
public record SortOrder(String column, int sortOrder) {
}
