package io.sluice.analytics.app;

import java.util.List;

/**
 * What a user defines of an application and changes through the update operations: description, code, inputs,
 * outputs, reference data sources and CloudWatch logging options. Immutable.
 */
public record ApplicationDefinition(String description, String code, List<InputConfig> inputs,
                                    List<OutputConfig> outputs, List<ReferenceConfig> references,
                                    List<LoggingOption> loggingOptions) {

    public ApplicationDefinition {
        code = code == null ? "" : code;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        references = List.copyOf(references);
        loggingOptions = List.copyOf(loggingOptions);
    }

    public ApplicationDefinition withCode(String newCode) {
        return new ApplicationDefinition(description, newCode, inputs, outputs, references, loggingOptions);
    }

    public ApplicationDefinition withInputs(List<InputConfig> newInputs) {
        return new ApplicationDefinition(description, code, newInputs, outputs, references, loggingOptions);
    }

    public ApplicationDefinition withOutputs(List<OutputConfig> newOutputs) {
        return new ApplicationDefinition(description, code, inputs, newOutputs, references, loggingOptions);
    }

    public ApplicationDefinition withReferences(List<ReferenceConfig> newReferences) {
        return new ApplicationDefinition(description, code, inputs, outputs, newReferences, loggingOptions);
    }

    public ApplicationDefinition withLoggingOptions(List<LoggingOption> newOptions) {
        return new ApplicationDefinition(description, code, inputs, outputs, references, newOptions);
    }

    /** The id KDA gives the {@code n}-th (1-based) item an operation adds at {@code version}: "2.1". */
    public static String newId(long version, int n) {
        return version + "." + n;
    }
}
