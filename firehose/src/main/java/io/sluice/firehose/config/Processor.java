package io.sluice.firehose.config;

import java.util.List;

/** One processor of a ProcessingConfiguration: its type (Lambda, RecordDeAggregation, ...) and parameters. */
public record Processor(String type, List<ProcessorParameter> parameters) {

    public Processor {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** The value of the named parameter, or {@code fallback} if it is not given. */
    public String parameter(String name, String fallback) {
        for (ProcessorParameter p : parameters) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return fallback;
    }
}
