package io.sluice.mappings.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A mapping's FilterCriteria, compiled ({@link FilterPatterns#compile}): a record is passed to the function if any
 * pattern matches it. The record given is the one {@link KinesisFilterView#of} builds: the event record as Lambda
 * puts it in {@code Records} ({@code kinesis.partitionKey}, {@code kinesis.sequenceNumber}, {@code eventID}, ...)
 * without {@code kinesis.data}, and with the record's data parsed as JSON at the top level as {@code data}, absent
 * when the data is not valid JSON (then patterns on {@code data} never match). Immutable and thread-safe.
 */
@FunctionalInterface
public interface EventFilter {

    /** Passes every record: a mapping without FilterCriteria. */
    EventFilter ALL = record -> true;

    boolean matches(JsonNode record);
}
