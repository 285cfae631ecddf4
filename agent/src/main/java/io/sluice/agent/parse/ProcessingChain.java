package io.sluice.agent.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A flow's dataProcessingOptions in order, framing each record as AWS's agent sends it: with one trailing newline (a
 * Firehose object of many records stays one record per line). A record that already ends with a newline (cut at the
 * size limit with the default truncatedRecordTerminator) gets no second one; options see the record without it, as
 * AWS's converters strip it before converting. Text is UTF-8. Immutable; thread-safe.
 */
final class ProcessingChain implements RecordProcessor {

    private final List<ProcessingStep> steps;

    ProcessingChain(List<ProcessingStep> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public byte[] process(byte[] record) throws RecordConversionException {
        boolean endsWithNewline = record.length > 0 && record[record.length - 1] == '\n';
        if (steps.isEmpty()) {
            if (endsWithNewline) {
                return record;
            }
            byte[] framed = Arrays.copyOf(record, record.length + 1);
            framed[record.length] = '\n';
            return framed;
        }
        String text = new String(record, 0, endsWithNewline ? record.length - 1 : record.length,
                StandardCharsets.UTF_8);
        int last = steps.size() - 1;
        for (int i = 0; i < last; i++) {
            text = steps.get(i).apply(text);
        }
        return steps.get(last).applyAsLine(text);
    }
}
