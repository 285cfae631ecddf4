package io.sluice.mappings.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A mapping's FilterCriteria, compiled: a record is passed to the function if any pattern matches it. The record
 * is the event record as Lambda builds it ({@code kinesis.partitionKey}, ... ) with {@code data} replaced by the
 * decoded JSON when the data is a JSON object (patterns on {@code data} never match records whose data is not
 * JSON). Immutable and thread-safe.
 */
@FunctionalInterface
public interface EventFilter {

    /** Passes every record: a mapping without FilterCriteria. */
    EventFilter ALL = record -> true;

    boolean matches(JsonNode record);
}
