package io.sluice.analytics.app;

import java.util.List;

/** One page of ListApplications, in name order. Immutable. */
public record ApplicationPage(List<Application> applications, boolean hasMore) {

    public ApplicationPage {
        applications = List.copyOf(applications);
    }
}
