package io.sluice.analytics.app;

/**
 * Runs applications: what the API's Start, Stop and Update operations and the server's start-up call. The
 * registry of applications (their configuration, versions and statuses) calls it; it keeps each running
 * application's positions and resumes them.
 *
 * <p><b>Threading</b>: thread-safe.
 */
public interface ApplicationRunner extends AutoCloseable {

    /**
     * Checks that the application can work (its code compiles against its inputs and reference tables, every
     * source and destination exists, reference data loads) and starts it in the background, reading each input
     * from {@code position}.
     */
    void start(ApplicationConfig config, StartingPosition position) throws ApplicationConfigurationException;

    /**
     * Runs here an application another node started or updated (a cluster's nodes each see it RUNNING through the
     * catalogue): from the positions that node stored, without storing any; a no-op when it already runs here at
     * this configuration. Where the task actually steps is the task placement's choice.
     */
    void follow(ApplicationConfig config) throws ApplicationConfigurationException;

    /** Stops a running application and keeps its positions for LAST_STOPPED_POINT; no-op when not running. */
    void stop(String applicationArn);

    /**
     * A running application's configuration changed: it continues from where it is with the new one (code,
     * outputs, reference data reloaded).
     */
    void update(ApplicationConfig config) throws ApplicationConfigurationException;

    boolean isRunning(String applicationArn);

    /** Forgets a deleted application's positions. */
    void delete(String applicationArn);

    @Override
    void close();
}
