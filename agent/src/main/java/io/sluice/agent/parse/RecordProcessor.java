package io.sluice.agent.parse;

/** A flow's dataProcessingOptions applied in order to one record. Thread-safe. */
public interface RecordProcessor {

    /**
     * The record as it is sent: as AWS's agent sends it, it ends with one newline (added unless the record, cut at
     * the size limit with a terminator ending in one, already has it), so Firehose objects stay one record per line.
     *
     * @throws RecordConversionException when the record does not fit a conversion (a line that is not the log
     *                                    format, a CSV line with too few fields): the record is skipped and counted
     */
    byte[] process(byte[] record) throws RecordConversionException;
}
