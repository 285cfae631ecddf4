package io.sluice.firehose.delivery.search;

/**
 * The outcome of one action of a bulk request, as the cluster answered it in {@code items}.
 *
 * @param status the item's HTTP status (201 or 200 when indexed)
 * @param error  the item's {@code error} object as JSON, or null when indexed
 */
record BulkItem(int status, String error) {

    boolean indexed() {
        return error == null && status >= 200 && status < 300;
    }

    /** Whether trying again may help: the cluster was busy (429) or failed (5xx); not for mapping errors (4xx). */
    boolean retriable() {
        return status == 429 || status >= 500;
    }
}
