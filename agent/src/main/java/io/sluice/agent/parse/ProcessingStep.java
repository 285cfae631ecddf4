package io.sluice.agent.parse;

import java.nio.charset.StandardCharsets;

/**
 * One dataProcessingOption applied to a record's text (without its trailing newline). Implementations are immutable
 * and thread-safe.
 */
interface ProcessingStep {

    String apply(String record) throws RecordConversionException;

    /**
     * {@link #apply}'s text as the record is sent when this step is the last: UTF-8 with a newline at the end. Steps
     * that can write those bytes directly override it.
     */
    default byte[] applyAsLine(String record) throws RecordConversionException {
        return (apply(record) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
