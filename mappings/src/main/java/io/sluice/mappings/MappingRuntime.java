package io.sluice.mappings;

/**
 * What the catalogue asks of the pollers: the seam between the control plane (catalogue, API) and the data plane
 * (pollers, invocation, checkpoints). The pollers run as tasks on the engine's {@code TaskRunner}, so in cluster
 * mode each mapping polls on one node and moves when that node dies, resuming from its checkpoints in the
 * metadata store.
 *
 * <p><b>Threading</b>: thread-safe; calls return without waiting for a poller's step.
 */
public interface MappingRuntime {

    /** Starts polling for an enabled mapping, or restarts it with new settings (checkpoints are kept). */
    void run(EventSourceMapping mapping);

    /** Stops a mapping's poller (disabled or deleted); its checkpoints stay. */
    void stop(String uuid);

    /** Removes a deleted mapping's checkpoints and window state; call after {@link #stop}. */
    void forget(String uuid);

    /**
     * Lambda's {@code LastProcessingResult}: {@code No records processed}, {@code OK}, or
     * {@code PROBLEM: <what>}, as last seen by this node's poller (null if it never ran here).
     */
    String lastProcessingResult(String uuid);
}
