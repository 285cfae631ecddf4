package io.sluice.agent.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.agent.config.ProcessingOption.JsonFormat;
import io.sluice.agent.config.ProcessingOption.LogFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a flow's {@code dataProcessingOptions} (AWS's agent's {@code ProcessingUtilsFactory} keys): SINGLELINE,
 * CSVTOJSON, LOGTOJSON, ADDMETADATA, ADDBRACKETS; ADDEC2METADATA and USINGPLUGGIN are refused by name. Problems go to
 * the caller's list. Stateless apart from the shared mapper; one reader thread.
 */
final class ProcessingOptionReader {

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    ProcessingOptionReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The options in order; an option with problems is left out (the problems stop the start anyway). */
    List<ProcessingOption> read(JsonNode options, String where, List<String> problems) {
        List<ProcessingOption> result = new ArrayList<>();
        if (options == null) {
            return result;
        }
        if (!options.isArray()) {
            problems.add(where + ": " + options + " is not a list of processing options");
            return result;
        }
        for (int i = 0; i < options.size(); i++) {
            String place = where + "[" + i + "].";
            JsonNode option = options.get(i);
            if (!(option instanceof ObjectNode object)) {
                problems.add(where + "[" + i + "]: " + option + " is not an object");
                continue;
            }
            int before = problems.size();
            ConfigSection section = new ConfigSection(object, place, problems);
            ProcessingOption read = readOne(section);
            section.reportUnknownKeys();
            if (read != null && problems.size() == before) {
                result.add(read);
            }
        }
        return result;
    }

    private ProcessingOption readOne(ConfigSection section) {
        String name = section.string("optionName", null);
        if (name == null) {
            section.problem("optionName", "missing (SINGLELINE, CSVTOJSON, LOGTOJSON, ADDMETADATA or ADDBRACKETS)");
            return null;
        }
        return switch (name) {
            case "SINGLELINE" -> new ProcessingOption.SingleLine();
            case "ADDBRACKETS" -> new ProcessingOption.AddBrackets();
            case "CSVTOJSON" -> csvToJson(section);
            case "LOGTOJSON" -> logToJson(section);
            case "ADDMETADATA" -> addMetadata(section);
            case "ADDEC2METADATA" -> {
                section.problem("optionName", "ADDEC2METADATA is not supported yet: Sluice's agent does not read the "
                        + "EC2 instance metadata service");
                yield null;
            }
            case "USINGPLUGGIN" -> {
                section.problem("optionName", "USINGPLUGGIN is not supported: Sluice's agent loads no converter "
                        + "classes");
                yield null;
            }
            default -> {
                section.problem("optionName", "\"" + name + "\" is not one of SINGLELINE, CSVTOJSON, LOGTOJSON, "
                        + "ADDMETADATA, ADDBRACKETS");
                yield null;
            }
        };
    }

    private ProcessingOption csvToJson(ConfigSection section) {
        List<String> names = section.strings("customFieldNames");
        if (names == null || names.isEmpty()) {
            section.problem("customFieldNames", "required for CSVTOJSON: the field names, in column order");
        }
        String delimiter = section.string("delimiter", ",");
        if (delimiter.isEmpty()) {
            section.problem("delimiter", "must not be empty");
        } else if (delimiter.length() > 1) {
            try {
                Pattern.compile(delimiter);
            } catch (PatternSyntaxException e) {
                section.problem("delimiter", "\"" + delimiter + "\" is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        JsonFormat format = section.choice("jsonFormat", JsonFormat.class, JsonFormat.COMPACT);
        return names == null ? null : new ProcessingOption.CsvToJson(names, delimiter, format);
    }

    private ProcessingOption logToJson(ConfigSection section) {
        if (!section.has("logFormat")) {
            section.problem("logFormat", "required for LOGTOJSON: COMMONAPACHELOG, COMBINEDAPACHELOG, "
                    + "APACHEERRORLOG, SYSLOG or RFC3339SYSLOG");
        }
        LogFormat format = section.choice("logFormat", LogFormat.class, null);
        Pattern matchPattern = section.pattern("matchPattern");
        List<String> fields = section.strings("customFieldNames");
        JsonFormat jsonFormat = section.choice("jsonFormat", JsonFormat.class, JsonFormat.COMPACT);
        if (format == null) {
            return null;
        }
        if (matchPattern != null) {
            int groups = matchPattern.matcher("").groupCount();
            if (fields == null) {
                section.problem("customFieldNames", "required with matchPattern: one name per capturing group ("
                        + groups + ")");
                return null;
            }
            if (fields.size() != groups) {
                section.problem("customFieldNames", fields.size() + " names for the " + groups
                        + " capturing groups of matchPattern");
                return null;
            }
        } else if (fields != null && fields.size() != LogFormats.fieldNames(format).size()) {
            section.problem("customFieldNames", fields.size() + " names, but " + format + " has "
                    + LogFormats.fieldNames(format).size() + " fields " + LogFormats.fieldNames(format)
                    + "; give matchPattern for other fields");
            return null;
        }
        return new ProcessingOption.LogToJson(format, matchPattern, fields, jsonFormat);
    }

    private ProcessingOption addMetadata(ConfigSection section) {
        JsonNode metadata = section.raw("metadata");
        boolean timestamp = section.bool("timestamp", false);
        JsonFormat format = section.choice("jsonFormat", JsonFormat.class, JsonFormat.COMPACT);
        if (metadata == null) {
            section.problem("metadata", "required for ADDMETADATA: the JSON object added to each record");
            return null;
        }
        if (!metadata.isObject()) {
            section.problem("metadata", metadata + " is not a JSON object");
            return null;
        }
        Map<String, Object> values = mapper.convertValue(metadata, OBJECT);
        return new ProcessingOption.AddMetadata(values, timestamp, format);
    }
}
