package io.sluice.cli.bench;

import io.sluice.common.Clock;

import javax.net.ssl.SSLException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One run from set-up to report: the stream; consumers, whose shard iterators are taken before the first put so
 * that LATEST misses nothing; producers; a progress line every second while they run; a drain, so that
 * consumers read the last records; the report. Runs on the calling thread, which only waits and prints: the
 * network work runs on the transport's event loops.
 */
final class BenchRun {

    private static final Duration STREAM_ACTIVE_WAIT = Duration.ofMinutes(5);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** How often the waiting thread looks at conditions it cannot be woken for (consumers caught up, drained). */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final BenchSettings settings;
    private final Ticker ticker;
    private final Clock clock;
    private final Random random;
    private final PrintWriter progress;

    /** @param progress where the set-up messages and the progress lines go */
    BenchRun(BenchSettings settings, Ticker ticker, Clock clock, Random random, PrintWriter progress) {
        this.settings = settings;
        this.ticker = ticker;
        this.clock = clock;
        this.random = random;
        this.progress = progress;
    }

    BenchReport run() throws InterruptedException, SSLException {
        String date = Instant.ofEpochMilli(clock.millis()).toString();
        int runId = random.nextInt();
        try (HttpTransport transport = new HttpTransport(settings.endpoint(), settings.ioThreads())) {
            Credentials credentials = settings.credentials();
            RequestFactory requests = new RequestFactory(settings.host(), settings.format(),
                    new SigV4Signer(credentials, settings.region(), "kinesis"), credentials.sessionToken(), clock);
            ControlPlane control = new ControlPlane(new HttpConnection(transport, transport.nextLoop(),
                    settings.requestTimeout()), requests, new WireCodec(settings.format()), settings.requestTimeout());
            StreamInfo stream = control.ensureStream(settings.stream(), settings.shards(), STREAM_ACTIVE_WAIT);
            progress.println(stream.created()
                    ? "created stream " + stream.name() + " with " + stream.openShards() + " shards"
                    : "using stream " + stream.name() + " (" + stream.openShards() + " open shards)");
            StreamInfo read = settings.readStream() == null ? stream
                    : control.ensureStream(settings.readStream(), settings.shards(), STREAM_ACTIVE_WAIT);
            if (read != stream) {
                progress.println("consumers read stream " + read.name());
            }
            BenchStats stats = new BenchStats();
            RecordCounter counter = new RecordCounter(stats, new SeenRecords(), ticker, runId);
            String consumerArn = null;
            StreamReaders consumers = null;
            if (settings.consumers() == ConsumerMode.POLLING) {
                consumers = new Consumers(transport, settings, requests, stats, counter);
            } else if (settings.consumers() == ConsumerMode.FANOUT) {
                consumerArn = control.registerConsumer(read, "sluice-bench-" + Integer.toHexString(runId),
                        STREAM_ACTIVE_WAIT);
                consumers = new FanOutConsumers(transport, settings, requests, stats, counter, consumerArn);
            }
            if (consumers != null) {
                consumers.start(control.listShards(read.name()));
            }
            BenchReport report = measure(transport, requests, stats, consumers, runId, date, stream);
            if (consumerArn != null) {
                control.deregisterConsumer(consumerArn);
            }
            if (settings.deleteStream()) {
                control.deleteStream(stream.name());
                progress.println("deleted stream " + stream.name());
            }
            return report;
        }
    }

    private BenchReport measure(HttpTransport transport, RequestFactory requests, BenchStats stats,
                                StreamReaders consumers, int runId, String date, StreamInfo stream)
            throws InterruptedException {
        Duration runFor = settings.duration() == null ? null : settings.duration().plus(settings.warmup());
        Progress ticks;
        if (settings.readOnly()) {
            ticks = new Progress(stats, true, ticker.nanos());
            long end = ticks.start + runFor.toNanos();
            awaitWithProgress(ticks, new CompletableFuture<>(), () -> consumers.caughtUp() || ticker.nanos() >= end);
        } else {
            PutBodies bodies = new PutBodies(settings.format(), settings.payload(), settings.stream(),
                    settings.recordsPerPut() == 1,
                    settings.batchShapes(), settings.recordSize(), settings.data() == RecordData.UNIQUE, random);
            RequestSchedule schedule = new RequestSchedule(ticker, runFor, settings.records(),
                    settings.recordsPerPut(), settings.rate());
            ticks = new Progress(stats, consumers != null, schedule.startNanos());
            CompletableFuture<Void> producing =
                    new Producers(transport, settings, requests, bodies, stats, ticker, runId).start(schedule);
            awaitWithProgress(ticks, producing, producing::isDone);
        }
        long producedEnd = ticker.nanos();
        if (consumers != null) {
            if (!settings.readOnly()) {
                long drainEnd = ticker.nanos() + settings.drainTimeout().toNanos();
                awaitWithProgress(ticks, new CompletableFuture<>(), () -> {
                    StatsSnapshot now = stats.snapshot(0);
                    return now.runRecordsRead() >= now.acked() || ticker.nanos() >= drainEnd;
                });
            }
            consumers.stop();
        }
        StatsSnapshot end = stats.snapshot(ticker.nanos());
        StatsSnapshot window = end.minus(ticks.baseline);
        long measuredFrom = ticks.baseline.nanos();
        long lastRead = stats.lastReadNanos();
        return new BenchReport(date, setup(stream),
                settings.readOnly() ? null : BenchReport.Produced.of(window, producedEnd - measuredFrom,
                        stats.putLatency().total()),
                consumers == null ? null : BenchReport.Consumed.of(window,
                        lastRead == Long.MIN_VALUE ? 0 : Math.max(0, lastRead - measuredFrom),
                        stats.endToEnd().total(),
                        settings.readOnly() ? null : Math.max(0, end.acked() - end.runRecordsRead())),
                stats.errors());
    }

    /** Waits until {@code over} holds, woken early by {@code wake}, printing a progress line every second. */
    private void awaitWithProgress(Progress ticks, CompletableFuture<?> wake, BooleanSupplier over)
            throws InterruptedException {
        while (!over.getAsBoolean()) {
            long now = ticker.nanos();
            ticks.endWarmup(now);
            if (now >= ticks.next) {
                ticks.print(now);
            }
            try {
                wake.get(Math.max(1, Math.min(ticks.next - now, CHECK_NANOS)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException notYet) {
                // loop: look at the condition and the clock again
            }
        }
    }

    private BenchReport.Setup setup(StreamInfo stream) {
        return new BenchReport.Setup(settings.endpoint().toString(), stream.name(), stream.openShards(),
                settings.putOperation(), settings.recordsPerPut(), settings.recordSize(), settings.concurrency(),
                settings.unlimitedRate() ? "unlimited" : String.valueOf(settings.rate()),
                settings.format().name().toLowerCase(Locale.ROOT), settings.consumers().name().toLowerCase(Locale.ROOT),
                settings.startPosition().name());
    }

    /**
     * The per-second progress (the previous snapshot, when the next line is due) and the warm-up (the snapshot
     * the measured window starts from). Used by the run's thread. A run that ends during its warm-up is reported
     * whole.
     */
    private final class Progress {

        private final BenchStats stats;
        private final boolean consuming;
        private final ProgressLine line = new ProgressLine();
        private final long start;
        private final long warmupEnd;
        private boolean warm;
        private long next;
        private StatsSnapshot previous;
        private StatsSnapshot baseline;

        Progress(BenchStats stats, boolean consuming, long start) {
            this.stats = stats;
            this.consuming = consuming;
            this.start = start;
            this.warmupEnd = start + settings.warmup().toNanos();
            this.warm = settings.warmup().isZero();
            this.next = start + SECOND;
            this.previous = StatsSnapshot.zero(start);
            this.baseline = previous;
        }

        /** At the end of the warm-up: forget its latencies and count from here. */
        void endWarmup(long now) {
            if (warm || now < warmupEnd) {
                return;
            }
            warm = true;
            stats.putLatency().reset();
            stats.endToEnd().reset();
            baseline = stats.snapshot(now);
            progress.println("warm-up over: measuring from here");
        }

        void print(long now) {
            StatsSnapshot current = stats.snapshot(now);
            progress.println(line.format(start, previous, current, stats.putLatency().interval(),
                    !settings.readOnly(), consuming));
            previous = current;
            // a line that came late does not make the next one come early
            next = Math.max(next + SECOND, now + SECOND / 2);
        }
    }
}
