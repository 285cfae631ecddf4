package io.sluice.agent.parse;

import io.sluice.agent.config.ProcessingOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CSVTOJSON, as AWS's agent does it: the record is split at the delimiter (a regular expression; trailing empty
 * fields dropped, as {@link String#split} does), the i-th value goes to the i-th custom field name, a missing value
 * is null and extra values are dropped. Immutable; thread-safe.
 */
final class CsvToJsonStep implements ProcessingStep {

    private final List<String> names;
    private final Pattern delimiter;
    private final ProcessingOption.JsonFormat format;

    CsvToJsonStep(ProcessingOption.CsvToJson option) {
        this.names = option.customFieldNames();
        this.delimiter = Pattern.compile(option.delimiter());
        this.format = option.jsonFormat();
    }

    @Override
    public String apply(String record) throws RecordConversionException {
        String[] values = delimiter.split(record);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            fields.put(names.get(i), i < values.length ? values[i] : null);
        }
        return JsonText.write(fields, format);
    }
}
