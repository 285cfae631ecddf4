package io.sluice.server.firehose;

import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.Processor;
import io.sluice.firehose.config.ProcessorParameter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a ProcessingConfiguration, checking it against the model. An update's ProcessingConfiguration replaces the
 * base's whole, as AWS does. Stateless.
 */
final class ProcessingReader {

    private static final List<String> TYPES = List.of("RecordDeAggregation", "Decompression",
            "CloudWatchLogProcessing", "Lambda", "MetadataExtraction", "AppendDelimiterToRecord");
    private static final List<String> PARAMETERS = List.of("LambdaArn", "NumberOfRetries",
            "MetadataExtractionQuery", "JsonParsingEngine", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds",
            "SubRecordType", "Delimiter", "CompressionFormat", "DataMessageExtraction");

    Processing read(WireObject in, String path, Validator v, Processing base) {
        if (in == null) {
            return base == null ? Processing.NONE : base;
        }
        Boolean enabled = in.bool("Enabled");
        List<WireObject> items = in.objects("Processors");
        List<Processor> processors = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            String p = path + ".processors." + (i + 1) + ".member";
            WireObject item = items.get(i);
            String type = item.string("Type");
            v.required(p + ".type", type).oneOf(p + ".type", type, TYPES);
            List<WireObject> params = item.objects("Parameters");
            List<ProcessorParameter> parameters = new ArrayList<>();
            for (int j = 0; params != null && j < params.size(); j++) {
                String pp = p + ".parameters." + (j + 1) + ".member";
                String name = params.get(j).string("ParameterName");
                String value = params.get(j).string("ParameterValue");
                v.required(pp + ".parameterName", name).oneOf(pp + ".parameterName", name, PARAMETERS)
                        .required(pp + ".parameterValue", value).length(pp + ".parameterValue", value, 1, 5120)
                        .pattern(pp + ".parameterValue", value, Patterns.NON_BLANK);
                parameters.add(new ProcessorParameter(name, value));
            }
            processors.add(new Processor(type, parameters));
        }
        // AWS treats a configuration with processors and no Enabled member as enabled
        return new Processing(enabled == null ? !processors.isEmpty() : enabled, processors);
    }
}
