package io.sluice.agent.parse;

import io.sluice.agent.config.ProcessingOption;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSVTOJSON, as AWS's agent does it: the record is split at the delimiter (trailing empty fields dropped, as
 * {@link String#split} does), the i-th value goes to the i-th custom field name, a missing value is null and extra
 * values are dropped. A delimiter of several characters is a regular expression, as in AWS's agent ({@code "\\t"},
 * {@code "\\|"}); a single character is itself, so {@code "|"} or {@code "."} split where users expect (AWS's agent
 * would split between every character). Immutable; thread-safe.
 */
final class CsvToJsonStep implements ProcessingStep {

    private final List<String> names;
    private final Pattern delimiter;
    private final boolean distinctNames;
    private final ProcessingOption.JsonFormat format;
    /** null: PRETTYPRINT, written by Jackson's generator. */
    private final JsonLineWriter writer;

    CsvToJsonStep(ProcessingOption.CsvToJson option) {
        this.names = option.customFieldNames();
        String delimiter = option.delimiter();
        this.delimiter = Pattern.compile(delimiter.length() == 1 ? Pattern.quote(delimiter) : delimiter);
        this.distinctNames = JsonText.distinct(names);
        this.format = option.jsonFormat();
        this.writer = distinctNames && format == ProcessingOption.JsonFormat.COMPACT ? new JsonLineWriter(names)
                : null;
    }

    @Override
    public byte[] applyAsLine(String record) throws RecordConversionException {
        return writer == null ? ProcessingStep.super.applyAsLine(record) : writer.write(fields(record));
    }

    @Override
    public String apply(String record) throws RecordConversionException {
        return JsonText.writeFields(names, distinctNames, fields(record), format);
    }

    /** The value of each name, in order: null when the record has too few. */
    private String[] fields(String record) {
        String[] values = delimiter.split(record);
        String[] fields = new String[names.size()];
        System.arraycopy(values, 0, fields, 0, Math.min(values.length, fields.length));
        return fields;
    }
}
