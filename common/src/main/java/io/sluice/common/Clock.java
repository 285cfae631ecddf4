package io.sluice.common;

/**
 * The source of wall-clock time for every time-dependent rule (retention, iterator expiry, status delays).
 * Injected through constructors so that tests control time with {@link ManualClock}.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Clock {

    /** Milliseconds since the Unix epoch. */
    long millis();

    /** The system clock. */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
