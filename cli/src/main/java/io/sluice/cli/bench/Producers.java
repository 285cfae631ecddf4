package io.sluice.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The writing side of a run: {@code concurrency} lanes, each with its own connection and one put in flight.
 * A lane takes a ticket from the schedule, waits until it is due, sends a body patched from a template, counts
 * the answer and takes the next ticket. Each lane is confined to its connection's event loop; the schedule, the
 * templates and the counters they share are thread-safe.
 */
final class Producers {

    /** After a lost exchange, so that an endpoint that is down is not hammered with connection attempts. */
    private static final long RETRY_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final HttpTransport transport;
    private final BenchSettings settings;
    private final RequestFactory requests;
    private final PutBodies bodies;
    private final PutResponseParser parser;
    private final WireCodec codec;
    private final BenchStats stats;
    private final Ticker ticker;
    private final int runId;
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;

    Producers(HttpTransport transport, BenchSettings settings, RequestFactory requests, PutBodies bodies,
              BenchStats stats, Ticker ticker, int runId) {
        this.transport = transport;
        this.settings = settings;
        this.requests = requests;
        this.bodies = bodies;
        this.parser = new PutResponseParser(settings.format());
        this.codec = new WireCodec(settings.format());
        this.stats = stats;
        this.ticker = ticker;
        this.runId = runId;
    }

    /** Starts every lane; the future completes when the schedule is spent and every answer is counted. */
    CompletableFuture<Void> start(RequestSchedule schedule) {
        CompletableFuture<?>[] lanes = new CompletableFuture<?>[settings.concurrency()];
        for (int i = 0; i < lanes.length; i++) {
            EventLoop loop = transport.nextLoop();
            Lane lane = new Lane(new HttpConnection(transport, loop, settings.requestTimeout()), schedule);
            lanes[i] = lane.done;
            loop.execute(lane::next);
        }
        return CompletableFuture.allOf(lanes);
    }

    private final class Lane implements HttpConnection.Listener {

        private final HttpConnection connection;
        private final RequestSchedule schedule;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private RequestSchedule.Ticket ticket;

        Lane(HttpConnection connection, RequestSchedule schedule) {
            this.connection = connection;
            this.schedule = schedule;
        }

        void next() {
            ticket = schedule.next();
            if (ticket == null) {
                connection.close();
                done.complete(null);
                return;
            }
            long wait = ticket.dueNanos() - ticker.nanos();
            if (wait > 0) {
                connection.loop().schedule(this::send, wait, TimeUnit.NANOSECONDS);
            } else {
                send();
            }
        }

        private void send() {
            PutBodyTemplate template = bodies.next(ticket.records());
            // on the heap: SigV4 hashes the whole body, and MessageDigest reads a heap buffer without copying it
            ByteBuf body = allocator.heapBuffer(template.size());
            template.writeTo(body, runId, ticket.firstSequence(), ticker.nanos());
            connection.send(requests.post(settings.putOperation(), body), this);
        }

        @Override
        public void onResponse(int status, ByteBuf body) {
            long latency = ticker.nanos() - ticket.dueNanos();
            if (status != 200) {
                stats.putRefused(codec.error(status, body), ticket.records());
            } else if (settings.recordsPerPut() == 1) {
                stats.putAnswered(PutOutcome.allAcked(1), settings.recordSize(), latency);
            } else {
                try {
                    stats.putAnswered(parser.parse(body, ticket.records()), settings.recordSize(), latency);
                } catch (IOException e) {
                    // which records were stored is unknown: the call counts as failed with all of them
                    stats.putRefused(new ApiError(status, "UnreadableAnswer", String.valueOf(e.getMessage())),
                            ticket.records());
                }
            }
            next();
        }

        @Override
        public void onFailure(Throwable cause) {
            stats.putRefused(ApiError.transport(cause), ticket.records());
            connection.loop().schedule(this::next, RETRY_DELAY_NANOS, TimeUnit.NANOSECONDS);
        }
    }
}
