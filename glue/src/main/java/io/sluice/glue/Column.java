package io.sluice.glue;

import java.util.Map;

/**
 * A column: its name (lower-cased, as Glue stores it), its Hive type as given ({@link HiveTypes} checks it), and
 * optional comment and parameters (null when not given).
 */
public record Column(String name, String type, String comment, Map<String, String> parameters) {

    public Column {
        parameters = parameters == null ? null : Map.copyOf(parameters);
    }
}
