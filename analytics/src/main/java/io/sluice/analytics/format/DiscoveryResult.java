package io.sluice.analytics.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What DiscoverInputSchema answers: the inferred schema, each sample row's values read with that schema
 * ({@code ParsedInputRecords}: a value as its text in the record, null where the schema cannot read it, as KDA
 * shows a CSV header's numeric fields), and the sampled records as text ({@code RawInputRecords}). Immutable.
 */
public record DiscoveryResult(SourceSchema schema, List<List<String>> parsedRecords, List<String> rawRecords) {

    public DiscoveryResult {
        List<List<String>> rows = new ArrayList<>(parsedRecords.size());
        for (List<String> row : parsedRecords) {
            rows.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        parsedRecords = Collections.unmodifiableList(rows);
        rawRecords = List.copyOf(rawRecords);
    }
}
