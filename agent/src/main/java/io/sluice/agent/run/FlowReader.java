package io.sluice.agent.run;

import io.sluice.agent.config.FlowConfig;
import io.sluice.agent.send.FlowMetrics;
import io.sluice.agent.send.FlowPublisher;
import io.sluice.agent.send.RecordBuffer;
import io.sluice.agent.send.Sleeper;
import io.sluice.agent.tail.FlowSource;
import io.sluice.agent.tail.TailedRecord;
import io.sluice.common.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * A flow's reading loop: polls its source, gathers records in the flow's buffer and publishes the buffer when a
 * bound is reached (records, bytes, or age); sleeps {@code minTimeBetweenFilePollsMillis} when nothing new was
 * written. {@link #step} is one turn of the loop, so that tests drive it by hand with a manual clock.
 *
 * <p>Runs on one thread (the flow's reader); {@link #stop} and {@link #alive} may be called from any thread.
 */
public final class FlowReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowReader.class);
    /** The wait after the source failed to read, before it tries again. */
    private static final long ERROR_PAUSE_MILLIS = 1000;

    private final FlowConfig flow;
    private final FlowSource source;
    private final FlowPublisher publisher;
    private final Clock clock;
    private final Sleeper sleeper;
    private final FlowMetrics metrics;
    private final RecordBuffer buffer;
    private volatile boolean stopping;
    private volatile boolean alive = true;

    public FlowReader(FlowConfig flow, FlowSource source, FlowPublisher publisher, Clock clock, Sleeper sleeper,
                      FlowMetrics metrics) {
        this.flow = flow;
        this.source = source;
        this.publisher = publisher;
        this.clock = clock;
        this.sleeper = sleeper;
        this.metrics = metrics;
        this.buffer = new RecordBuffer(flow.maxBufferSizeRecords(), flow.maxBufferSizeBytes(),
                flow.maxBufferAgeMillis());
    }

    /**
     * Reads what is new, publishing every buffer that fills up, then the buffer if it is due by age.
     *
     * @return whether any record was read
     */
    public boolean step() throws IOException, InterruptedException {
        List<TailedRecord> records = source.poll(Math.max(1, buffer.room()));
        long bytes = 0;
        for (TailedRecord record : records) {
            if (buffer.wouldOverflow(record)) {
                flush();
            }
            buffer.add(record, clock.millis());
            bytes += record.data().length;
            if (buffer.full()) {
                flush();
            }
        }
        metrics.parsed(records.size(), bytes);
        if (buffer.due(clock.millis())) {
            flush();
        }
        return !records.isEmpty();
    }

    /** Publishes what the buffer holds, waiting while the flow's publish queue is full. */
    public void flush() throws InterruptedException {
        if (!buffer.isEmpty()) {
            publisher.publish(buffer.drain());
        }
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                boolean read;
                try {
                    read = step();
                } catch (IOException e) {
                    LOG.error("flow {}: reading its files failed; trying again", flow.id(), e);
                    sleeper.sleep(ERROR_PAUSE_MILLIS);
                    continue;
                }
                if (!read) {
                    sleeper.sleep(flow.minTimeBetweenFilePollsMillis());
                }
            }
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("flow {}: its reader stopped on an unexpected error", flow.id(), e);
        } finally {
            alive = false;
        }
    }

    /** Has the loop publish what it holds and end; the thread is interrupted if that takes too long. */
    public void stop() {
        stopping = true;
    }

    /** Whether the loop still runs (false after {@link #stop}, or after an error that ended it). */
    public boolean alive() {
        return alive;
    }
}
