package io.sluice.server.lambda;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskRunner;
import io.sluice.mappings.catalog.EngineEventSources;
import io.sluice.mappings.catalog.MappingCatalog;
import io.sluice.mappings.filter.EventFilter;
import io.sluice.mappings.filter.FilterPatterns;
import io.sluice.mappings.filter.InvalidFilterException;
import io.sluice.mappings.poll.FailureDestinations;
import io.sluice.mappings.poll.MappingPollers;
import io.sluice.mappings.poll.PollerSettings;
import io.sluice.server.metrics.MappingMetrics;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Lambda event source mappings on one node: the catalogue in the engine's metadata store, the pollers as tasks on
 * the node's task runner (so in cluster mode each mapping polls on one node and moves with its checkpoints when
 * that node dies), their metrics, and the API. Works the same on the local and the Kafka backend, since all its
 * state is in the engine's stores. From the server's start/stop thread.
 */
public final class MappingsNode implements AutoCloseable {

    private final MappingCatalog catalog;
    private final MappingPollers pollers;
    private final ExecutorService transitions;
    private final LambdaFunctions functions;

    private MappingsNode(MappingCatalog catalog, MappingPollers pollers, ExecutorService transitions,
                         LambdaFunctions functions) {
        this.catalog = catalog;
        this.pollers = pollers;
        this.transitions = transitions;
        this.functions = functions;
    }

    /**
     * Loads the mappings; nothing polls before {@link #resume}.
     *
     * @param metadata     the engine's metadata store (mappings and checkpoints live there)
     * @param functions    the node's Lambda Invoke client, which this node closes
     * @param destinations where discarded batches' invocation records go
     */
    public static MappingsNode open(KinesisEngine engine, MetaStore metadata, TaskRunner tasks,
                                    LambdaFunctions functions, FailureDestinations destinations,
                                    MeterRegistry registry, Clock clock) {
        MappingPollers pollers = new MappingPollers(engine, metadata, TaskHost.on(tasks), functions.invoker(),
                destinations,
                new MappingMetrics(registry), MappingsNode::compile, PollerSettings.defaults(), clock);
        ExecutorService transitions = Executors.newVirtualThreadPerTaskExecutor();
        MappingCatalog catalog = new MappingCatalog(metadata, new EngineEventSources(engine), pollers, transitions,
                clock);
        return new MappingsNode(catalog, pollers, transitions, functions);
    }

    /** The API, for the router. */
    public LambdaService service() {
        return new LambdaService(new MappingActions(catalog, pollers));
    }

    /** Starts polling the enabled mappings; once the task runner runs. */
    public void resume() {
        catalog.resume();
    }

    /**
     * Stops finishing transitions (a transition left unfinished is finished by {@link #resume} at the next start)
     * and closes the Lambda client; the pollers' tasks stop, checkpointed, with the task runner, and Firehose and
     * analytics, which share the client, close first.
     */
    @Override
    public void close() {
        transitions.shutdownNow();
        functions.close();
    }

    /** The catalogue checked the patterns at create and update; one that does not compile here is a bug. */
    private static EventFilter compile(List<String> patterns) {
        try {
            return FilterPatterns.compile(patterns);
        } catch (InvalidFilterException e) {
            throw new IllegalStateException("a stored filter pattern does not compile: " + e.getMessage(), e);
        }
    }
}
