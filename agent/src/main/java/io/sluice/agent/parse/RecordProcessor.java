package io.sluice.agent.parse;

/** A flow's dataProcessingOptions applied in order to one record. Thread-safe. */
public interface RecordProcessor {

    /**
     * The record as it is sent.
     *
     * @throws RecordConversionException when the record does not fit a conversion (a line that is not the log
     *                                    format, a CSV line with too few fields): the record is skipped and counted
     */
    byte[] process(byte[] record) throws RecordConversionException;
}
