package io.sluice.mappings.poll;

/**
 * Told what each mapping's pollers do, for metrics (the server publishes them on {@code /metrics}, tagged by
 * mapping UUID and function). Thread-safe implementations; called from poller threads, must not block.
 */
public interface MappingObserver {

    MappingObserver NONE = new MappingObserver() {
    };

    /** An invocation finished (successful or not) with this many records. */
    default void invoked(String uuid, String function, int records, boolean error) {
    }

    /** Lambda throttled an invocation. */
    default void throttled(String uuid, String function) {
    }

    /** The age of the last record of the batch just handed to the function, in milliseconds. */
    default void iteratorAge(String uuid, String function, long ageMillis) {
    }

    /** Records discarded after retries or age ran out (sent to the on-failure destination if there is one). */
    default void dropped(String uuid, String function, int records) {
    }
}
