package io.sluice.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** One of a flow's {@code dataProcessingOptions}, as agent.json names it. Immutable values. */
public sealed interface ProcessingOption {

    /** SINGLELINE: the record's line breaks and the leading spaces after them are removed. */
    record SingleLine() implements ProcessingOption {
    }

    /**
     * CSVTOJSON: delimited fields become a JSON object with {@code customFieldNames} as keys; a delimiter of several
     * characters is a regular expression, as AWS's agent splits with it ({@code "\\t"}, {@code "\\|"}), a single
     * character is itself.
     */
    record CsvToJson(List<String> customFieldNames, String delimiter, JsonFormat jsonFormat)
            implements ProcessingOption {

        public CsvToJson {
            customFieldNames = List.copyOf(customFieldNames);
            Objects.requireNonNull(delimiter, "delimiter");
        }
    }

    /** LOGTOJSON: a log line in a known format, or matching {@code matchPattern}, becomes a JSON object. */
    record LogToJson(LogFormat logFormat, Pattern matchPattern, List<String> customFieldNames,
                     JsonFormat jsonFormat) implements ProcessingOption {

        public LogToJson {
            Objects.requireNonNull(logFormat, "logFormat");
            customFieldNames = customFieldNames == null ? null : List.copyOf(customFieldNames);
        }
    }

    /**
     * ADDMETADATA: the record becomes {@code {"metadata":..., "data":...}}, with {@code ts} first when asked.
     *
     * @param metadata the JSON object given, in its order (values are what Jackson reads: maps, lists, strings,
     *                 numbers, booleans, nulls)
     */
    record AddMetadata(Map<String, Object> metadata, boolean timestamp, JsonFormat jsonFormat)
            implements ProcessingOption {

        public AddMetadata {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            Objects.requireNonNull(jsonFormat, "jsonFormat");
        }
    }

    /** ADDBRACKETS: each record is wrapped in curly brackets, as AWS's agent does ({@code a} becomes {@code {a}}). */
    record AddBrackets() implements ProcessingOption {
    }

    enum LogFormat { COMMONAPACHELOG, COMBINEDAPACHELOG, APACHEERRORLOG, SYSLOG, RFC3339SYSLOG }

    enum JsonFormat { COMPACT, PRETTYPRINT }
}
