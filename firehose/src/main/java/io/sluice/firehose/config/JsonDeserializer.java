package io.sluice.firehose.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Map;

/** The Deserializer of an InputFormatConfiguration: how JSON records are read into a table's columns. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JsonDeserializer.OpenX.class, name = "OpenXJsonSerDe"),
        @JsonSubTypes.Type(value = JsonDeserializer.Hive.class, name = "HiveJsonSerDe")
})
public sealed interface JsonDeserializer {

    /**
     * The OpenX JSON SerDe.
     *
     * @param columnToJsonKeyMappings column name to the JSON key that fills it (for keys that are not valid
     *                                column names); empty for none
     */
    record OpenX(boolean convertDotsInJsonKeysToUnderscores, boolean caseInsensitive,
                 Map<String, String> columnToJsonKeyMappings) implements JsonDeserializer {

        public OpenX {
            columnToJsonKeyMappings = columnToJsonKeyMappings == null ? Map.of()
                    : Map.copyOf(columnToJsonKeyMappings);
        }
    }

    /**
     * The Apache Hive JSON SerDe.
     *
     * @param timestampFormats Joda-Time patterns, or {@code millis} for epoch milliseconds, tried in order; empty
     *                         for the default ({@code yyyy-MM-dd HH:mm:ss[.fffffffff]})
     */
    record Hive(List<String> timestampFormats) implements JsonDeserializer {

        public Hive {
            timestampFormats = timestampFormats == null ? List.of() : List.copyOf(timestampFormats);
        }
    }
}
