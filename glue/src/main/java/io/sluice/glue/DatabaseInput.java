package io.sluice.glue;

import java.util.Map;

/** What a caller gives for a database (Glue's {@code DatabaseInput}); optional members are null when not given. */
public record DatabaseInput(String name, String description, String locationUri, Map<String, String> parameters) {

    public DatabaseInput {
        parameters = parameters == null ? null : Map.copyOf(parameters);
    }
}
