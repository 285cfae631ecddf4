package io.sluice.agent.parse;

import io.sluice.agent.config.LogFormats;
import io.sluice.agent.config.ProcessingOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LOGTOJSON: the whole record must match the format's expression (or {@code matchPattern}); each group becomes the
 * field of the same rank (the format's names or {@code customFieldNames}); in Apache formats "-" is null, as AWS's
 * agent writes it. A record that does not match is refused (the agent skips and counts it). Immutable; thread-safe.
 */
final class LogToJsonStep implements ProcessingStep {

    private final Pattern pattern;
    private final List<String> names;
    private final boolean dashIsNull;
    private final ProcessingOption.JsonFormat format;
    private final String description;

    LogToJsonStep(ProcessingOption.LogToJson option) {
        this.pattern = option.matchPattern() != null ? option.matchPattern() : LogFormats.pattern(option.logFormat());
        this.names = option.customFieldNames() != null ? option.customFieldNames()
                : LogFormats.fieldNames(option.logFormat());
        if (pattern.matcher("").groupCount() != names.size()) {
            throw new IllegalArgumentException(names.size() + " field names for " + pattern.matcher("").groupCount()
                    + " groups");
        }
        this.dashIsNull = LogFormats.dashIsNull(option.logFormat());
        this.format = option.jsonFormat();
        this.description = option.matchPattern() != null ? "matchPattern" : option.logFormat().name();
    }

    @Override
    public String apply(String record) throws RecordConversionException {
        Matcher matcher = pattern.matcher(record);
        if (!matcher.matches()) {
            throw new RecordConversionException("LOGTOJSON: the record does not match " + description);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String value = matcher.group(i + 1);
            fields.put(names.get(i), dashIsNull && "-".equals(value) ? null : value);
        }
        return JsonText.write(fields, format);
    }
}
