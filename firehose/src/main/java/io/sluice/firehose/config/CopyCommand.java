package io.sluice.firehose.config;

import java.util.Objects;

/**
 * A Redshift destination's CopyCommand: the table rows are loaded into, its columns (a comma-separated list, or
 * null for all of them in order), and the Redshift COPY options as given (null for none).
 */
public record CopyCommand(String dataTableName, String dataTableColumns, String copyOptions) {

    public CopyCommand {
        Objects.requireNonNull(dataTableName, "dataTableName");
    }
}
