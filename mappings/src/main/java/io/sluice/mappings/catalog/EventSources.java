package io.sluice.mappings.catalog;

/**
 * Whether an event source exists, as the catalogue checks at create: the seam to the Kinesis engine
 * ({@link EngineEventSources}), so the catalogue's rules can be tested without one.
 *
 * <p><b>Threading</b>: implementations are thread-safe.
 */
@FunctionalInterface
public interface EventSources {

    /**
     * True if {@code arn} names a stream of {@code account}/{@code region} that exists (not being deleted), or a
     * registered enhanced fan-out consumer of such a stream.
     */
    boolean exists(String account, String region, String arn);
}
