package io.sluice.agent.parse;

import io.sluice.agent.config.LogFormats;
import io.sluice.agent.config.ProcessingOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LOGTOJSON: the whole record must match the format's expression (or {@code matchPattern}); each group becomes the
 * field of the same rank (the format's names or {@code customFieldNames}); in Apache formats "-" is null, as AWS's
 * agent writes it. A record that does not match is refused (the agent skips and counts it). The Apache access
 * formats are read by {@link ApacheAccessFields} first, the expression deciding the lines it leaves. Immutable;
 * thread-safe.
 */
final class LogToJsonStep implements ProcessingStep {

    private final Pattern pattern;
    private final List<String> names;
    private final boolean distinctNames;
    private final boolean dashIsNull;
    /** null: no fast reading; else whether the format is the combined one. */
    private final Boolean apacheCombined;
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
        this.distinctNames = new HashSet<>(names).size() == names.size();
        this.dashIsNull = LogFormats.dashIsNull(option.logFormat());
        this.apacheCombined = option.matchPattern() != null ? null : switch (option.logFormat()) {
            case COMMONAPACHELOG -> Boolean.FALSE;
            case COMBINEDAPACHELOG -> Boolean.TRUE;
            default -> null;
        };
        this.format = option.jsonFormat();
        this.description = option.matchPattern() != null ? "matchPattern" : option.logFormat().name();
    }

    @Override
    public String apply(String record) throws RecordConversionException {
        String[] values = new String[names.size()];
        if (apacheCombined == null || !ApacheAccessFields.read(record, apacheCombined, values)) {
            Matcher matcher = pattern.matcher(record);
            if (!matcher.matches()) {
                throw new RecordConversionException("LOGTOJSON: the record does not match " + description);
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = matcher.group(i + 1);
            }
        }
        if (dashIsNull) {
            for (int i = 0; i < values.length; i++) {
                if ("-".equals(values[i])) {
                    values[i] = null;
                }
            }
        }
        if (distinctNames) {
            return JsonText.writeStrings(names, values, format);
        }
        // repeated custom names: the last value is written at the first place, as a map does
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            fields.put(names.get(i), values[i]);
        }
        return JsonText.write(fields, format);
    }
}
