package io.sluice.agent.parse;

import io.sluice.agent.config.ProcessingOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ADDMETADATA, as AWS's agent does it: {@code {"ts":..., "metadata":{...}, "data":"<record>"}}, {@code ts} (only when
 * asked) being the time of processing in UTC as {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}. The record is a string even
 * when an earlier option made it JSON. Immutable; thread-safe (the clock is).
 */
final class AddMetadataStep implements ProcessingStep {

    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ProcessingOption.AddMetadata option;
    private final Clock clock;

    AddMetadataStep(ProcessingOption.AddMetadata option, Clock clock) {
        this.option = option;
        this.clock = clock;
    }

    @Override
    public String apply(String record) throws RecordConversionException {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (option.timestamp()) {
            fields.put("ts", TS.format(clock.instant()));
        }
        fields.put("metadata", option.metadata());
        fields.put("data", record);
        return JsonText.write(fields, option.jsonFormat());
    }
}
