package io.sluice.agent.parse;

/**
 * One dataProcessingOption applied to a record's text (without its trailing newline). Implementations are immutable
 * and thread-safe.
 */
interface ProcessingStep {

    String apply(String record) throws RecordConversionException;
}
