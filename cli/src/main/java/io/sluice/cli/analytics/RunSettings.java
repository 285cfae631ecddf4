package io.sluice.cli.analytics;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@code sluice analytics run} reads and prints. {@code reference}, {@code referenceSchema} and
 * {@code timeField} may be null; an empty {@code streams} prints every stream the code creates and error_stream.
 */
record RunSettings(Path code, Path schema, Path input, Path reference, Path referenceSchema, String timeField,
                   OutputFormat output, List<String> streams) {

    RunSettings {
        streams = List.copyOf(streams);
    }

    /** How rows are printed; lower case because picocli matches the option's value to the constant's name. */
    enum OutputFormat { table, json }
}
