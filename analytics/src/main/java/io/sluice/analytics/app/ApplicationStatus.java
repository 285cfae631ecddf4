package io.sluice.analytics.app;

/**
 * KDA's {@code ApplicationStatus}. READY and RUNNING are at rest; the others last while a Start, Stop, update or
 * Delete is under way, and an application in one of them refuses other changes with ResourceInUseException.
 */
public enum ApplicationStatus {
    READY, STARTING, RUNNING, STOPPING, UPDATING, DELETING;

    /** Whether the application is between two states, so that no other change may begin. */
    public boolean inTransition() {
        return this != READY && this != RUNNING;
    }
}
