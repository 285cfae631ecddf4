package io.sluice.analytics.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the application entries of a metadata store offline, for {@code sluice data check}: every application
 * entry decodes in a version this Sluice reads. Stateless and thread-safe.
 */
public final class ApplicationMetadataCheck {

    /** What the check found: how many applications, and one line per problem. */
    public record Report(int applications, List<String> problems) {

        public Report {
            problems = List.copyOf(problems);
        }
    }

    private ApplicationMetadataCheck() {
    }

    public static Report check(Map<String, byte[]> entries) {
        ApplicationMetaCodec codec = new ApplicationMetaCodec();
        List<String> problems = new ArrayList<>();
        int applications = 0;
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (entry.getKey().startsWith(ApplicationStore.PREFIX)) {
                applications++;
                try {
                    codec.decode(entry.getKey(), entry.getValue());
                } catch (RuntimeException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return new Report(applications, problems);
    }
}
