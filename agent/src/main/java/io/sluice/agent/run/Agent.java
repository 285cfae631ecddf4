package io.sluice.agent.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.agent.config.AgentConfig;
import io.sluice.agent.config.FlowConfig;
import io.sluice.agent.send.AckTracker;
import io.sluice.agent.send.BatchSender;
import io.sluice.agent.send.FlowMetrics;
import io.sluice.agent.send.FlowPublisher;
import io.sluice.agent.send.RecordSender;
import io.sluice.agent.send.SendingThreads;
import io.sluice.agent.send.Sleeper;
import io.sluice.agent.tail.FlowSource;
import io.sluice.common.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A running agent: one reader thread (virtual) per flow, the shared sending threads (up to {@code maxSendingThreads}
 * platform threads, started as batches wait and ended when idle: {@link SendingThreads}), the progress line and the
 * per-file gauges, and the optional metrics and health endpoint.
 *
 * <p>{@link #close} stops gracefully within {@code shutdownTimeoutMillis}: the readers stop reading and publish
 * what they hold, the batches in flight are given the rest of the time to be sent and acknowledged, then whatever
 * is still unsent is abandoned (it is not acknowledged, so it is read again at the next start), and the sources
 * close. {@link #halt} stops at once without flushing, as a killed process would. Start, close and halt from one
 * thread; {@link #stoppedFlows} and {@link #metricsPort} from any.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    /** How long a sending thread without work lives on. */
    private static final java.time.Duration SENDER_IDLE_TIMEOUT = java.time.Duration.ofSeconds(30);
    /** How often the per-file gauges follow the files being read. */
    private static final long BACKLOG_UPDATE_MILLIS = 1000;

    private record Flow(FlowConfig config, FlowSource source, FlowReader reader, FlowPublisher publisher,
                        Thread thread) {
    }

    private final AgentConfig config;
    private final List<Flow> flows = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final SendingThreads sendingThreads;
    private final ScheduledExecutorService scheduler;
    private final PrometheusMeterRegistry registry;
    private MetricsEndpoint endpoint;
    private boolean stopped;

    private Agent(AgentConfig config, PrometheusMeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.sendingThreads = new SendingThreads(config.maxSendingThreads(), SENDER_IDLE_TIMEOUT, "agent-sender-");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("agent-progress").daemon().factory());
    }

    /**
     * Opens every flow's source and starts reading and sending.
     *
     * @param sources opens a flow's files (resumed from the checkpoints)
     * @param senders the destination of each flow
     */
    public static Agent start(AgentConfig config, SourceFactory sources, Function<FlowConfig, RecordSender> senders,
                              Clock clock) throws IOException {
        return start(config, sources, senders, clock, List.of());
    }

    /** As {@link #start(AgentConfig, SourceFactory, Function, Clock)}, closing {@code resources} when it stops. */
    static Agent start(AgentConfig config, SourceFactory sources, Function<FlowConfig, RecordSender> senders,
                       Clock clock, List<AutoCloseable> resources) throws IOException {
        Agent agent = new Agent(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        agent.resources.addAll(resources);
        try {
            agent.open(sources, senders, clock);
        } catch (IOException | RuntimeException e) {
            agent.halt();
            throw e;
        }
        return agent;
    }

    private void open(SourceFactory sources, Function<FlowConfig, RecordSender> senders, Clock clock)
            throws IOException {
        List<Progress.Flow> progress = new ArrayList<>();
        List<FileBacklogGauges> backlogs = new ArrayList<>();
        for (FlowConfig flow : config.flows()) {
            FlowSource source = sources.open(flow);
            FlowMetrics metrics = new FlowMetrics(registry, flow.id(), flow.destination().name(),
                    source::bytesBehind, source::recordsSkipped);
            BatchSender sender = new BatchSender(senders.apply(flow), flow.id(), flow.retryInitialBackoffMillis(),
                    flow.retryMaxBackoffMillis(), Sleeper.system(), ThreadLocalRandom.current(), metrics);
            FlowPublisher publisher = new FlowPublisher(flow.id(), flow.publishQueueCapacity(),
                    flow.aggregatedRecordSizeBytes(), sender, new AckTracker(source, flow.id()), sendingThreads);
            FlowReader reader = new FlowReader(flow, source, publisher, clock, Sleeper.system(), metrics);
            flows.add(new Flow(flow, source, reader, publisher, Thread.ofVirtual().unstarted(reader)));
            progress.add(new Progress.Flow(flow.id(), metrics, source::bytesBehind));
            backlogs.add(new FileBacklogGauges(registry, flow.id(), flow.destination().name(),
                    source::bytesBehindByFile));
        }
        if (config.metricsPort() > 0) {
            endpoint = new MetricsEndpoint("0.0.0.0", config.metricsPort(), registry, this::stoppedFlows);
        }
        for (Flow flow : flows) {
            flow.thread().setName("agent-reader-" + flow.config().id());
            flow.thread().start();
        }
        long interval = Math.max(1, config.progressInterval().toMillis());
        scheduler.scheduleAtFixedRate(new Progress(progress, clock), interval, interval, TimeUnit.MILLISECONDS);
        Runnable updateBacklogs = () -> backlogs.forEach(FileBacklogGauges::update);
        updateBacklogs.run();
        scheduler.scheduleWithFixedDelay(updateBacklogs, BACKLOG_UPDATE_MILLIS, BACKLOG_UPDATE_MILLIS,
                TimeUnit.MILLISECONDS);
        LOG.info("agent started: {} flows", flows.size());
    }

    /** The ids of the flows whose tailer or reader has stopped working (empty when the agent is healthy). */
    public List<String> stoppedFlows() {
        List<String> stopped = new ArrayList<>();
        for (Flow flow : flows) {
            if (!flow.source().healthy() || !flow.reader().alive()) {
                stopped.add(flow.config().id());
            }
        }
        return stopped;
    }

    /** The port of the metrics and health endpoint, or 0 when there is none. */
    public int metricsPort() {
        return endpoint == null ? 0 : endpoint.port();
    }

    /** The agent's meters, as the metrics endpoint shows them. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops gracefully within the configured shutdown timeout, sending what it can. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        try {
            for (Flow flow : flows) {
                flow.reader().stop();
            }
            for (Flow flow : flows) {
                if (!flow.thread().join(java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    flow.thread().interrupt();
                }
            }
            for (Flow flow : flows) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!flow.publisher().awaitSent(Math.max(0, left))) {
                    LOG.warn("flow {}: {} batches not sent within the shutdown timeout; they are read again at the "
                            + "next start", flow.config().id(), flow.publisher().inFlight());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        halt();
    }

    /** Stops at once: nothing more is sent or acknowledged, the sources close. */
    public void halt() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (Flow flow : flows) {
            flow.reader().stop();
            flow.thread().interrupt();
        }
        sendingThreads.shutdownNow();
        scheduler.shutdownNow();
        try {
            sendingThreads.awaitTermination(5, TimeUnit.SECONDS);
            for (Flow flow : flows) {
                flow.thread().join(java.time.Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        for (Flow flow : flows) {
            try {
                flow.source().close();
            } catch (IOException e) {
                LOG.warn("flow {}: closing its files failed", flow.config().id(), e);
            }
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", resource, e);
            }
        }
        LOG.info("agent stopped");
    }
}
