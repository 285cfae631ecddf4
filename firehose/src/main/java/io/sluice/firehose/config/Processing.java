package io.sluice.firehose.config;

import java.util.List;

/** A ProcessingConfiguration: the processors records go through before delivery, when enabled. */
public record Processing(boolean enabled, List<Processor> processors) {

    public static final Processing NONE = new Processing(false, List.of());

    public Processing {
        processors = processors == null ? List.of() : List.copyOf(processors);
    }

    /** The processor of the given type if processing is enabled and has one, or null. */
    public Processor active(String type) {
        if (!enabled) {
            return null;
        }
        return processors.stream().filter(p -> p.type().equals(type)).findFirst().orElse(null);
    }
}
