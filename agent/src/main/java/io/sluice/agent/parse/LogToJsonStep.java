package io.sluice.agent.parse;

import io.sluice.agent.config.LogFormats;
import io.sluice.agent.config.ProcessingOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LOGTOJSON: the whole record must match the format's expression (or {@code matchPattern}); each group becomes the
 * field of the same rank (the format's names or {@code customFieldNames}); in Apache formats "-" is null, as AWS's
 * agent writes it. A record that does not match is refused (the agent skips and counts it). The Apache access
 * formats are read by {@link ApacheAccessFields} first, the expression deciding the lines it leaves; COMPACT JSON is
 * written by {@link JsonLineWriter}. Immutable; thread-safe.
 */
final class LogToJsonStep implements ProcessingStep {

    private final Pattern pattern;
    private final List<String> names;
    private final boolean dashIsNull;
    private final boolean distinctNames;
    /** null: no fast reading; else whether the format is the combined one. */
    private final Boolean apacheCombined;
    private final ProcessingOption.JsonFormat format;
    /** null: the fields are written through a map (PRETTYPRINT, or repeated custom names). */
    private final JsonLineWriter writer;
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
        this.apacheCombined = option.matchPattern() != null ? null : switch (option.logFormat()) {
            case COMMONAPACHELOG -> Boolean.FALSE;
            case COMBINEDAPACHELOG -> Boolean.TRUE;
            default -> null;
        };
        this.format = option.jsonFormat();
        this.distinctNames = JsonText.distinct(names);
        this.writer = distinctNames && format == ProcessingOption.JsonFormat.COMPACT ? new JsonLineWriter(names)
                : null;
        this.description = option.matchPattern() != null ? "matchPattern" : option.logFormat().name();
    }

    @Override
    public String apply(String record) throws RecordConversionException {
        if (writer != null) {
            byte[] line = applyAsLine(record);
            return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
        }
        return JsonText.writeFields(names, distinctNames, groups(record), format);
    }

    @Override
    public byte[] applyAsLine(String record) throws RecordConversionException {
        if (writer == null) {
            return ProcessingStep.super.applyAsLine(record);
        }
        if (apacheCombined != null) {
            int[] bounds = new int[2 * names.size()];
            if (ApacheAccessFields.read(record, apacheCombined, bounds)) {
                return writer.write(record, bounds, dashIsNull);
            }
        }
        return writer.write(groups(record));
    }

    /** The expression's groups, "-" as null where the format says so. */
    private String[] groups(String record) throws RecordConversionException {
        Matcher matcher = pattern.matcher(record);
        if (!matcher.matches()) {
            throw new RecordConversionException("LOGTOJSON: the record does not match " + description);
        }
        String[] values = new String[names.size()];
        for (int i = 0; i < values.length; i++) {
            String value = matcher.group(i + 1);
            values[i] = dashIsNull && "-".equals(value) ? null : value;
        }
        return values;
    }
}
