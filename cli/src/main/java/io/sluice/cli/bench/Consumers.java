package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reading side of a run: one GetRecords loop per shard, each on its own connection. A poller that got
 * records asks again at once; after an empty answer it waits the poll interval, and after a throttled or failed
 * call a second. Each record's header gives its end-to-end latency; records not written by this run are counted
 * as read but have no latency. A shard iterator that expires is not renewed (a poller that keeps polling never
 * lets it expire). Each poller is confined to its connection's event loop; {@link #start}, {@link #caughtUp} and
 * {@link #stop} are for the thread running the bench.
 */
final class Consumers implements StreamReaders {

    private static final long BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_RECORDS_PER_CALL = 10_000;

    private final HttpTransport transport;
    private final BenchSettings settings;
    private final RequestFactory requests;
    private final WireCodec codec;
    private final BenchStats stats;
    private final RecordCounter counter;
    private final List<Poller> pollers = new ArrayList<>();

    Consumers(HttpTransport transport, BenchSettings settings, RequestFactory requests, BenchStats stats,
              RecordCounter counter) {
        this.transport = transport;
        this.settings = settings;
        this.requests = requests;
        this.codec = new WireCodec(settings.format());
        this.stats = stats;
        this.counter = counter;
    }

    /** Starts a poller per shard and returns once each has its shard iterator, so LATEST means "from now". */
    @Override
    public void start(List<String> shardIds) throws InterruptedException {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (String shardId : shardIds) {
            EventLoop loop = transport.nextLoop();
            Poller poller = new Poller(shardId, new HttpConnection(transport, loop, settings.requestTimeout()));
            pollers.add(poller);
            ready.add(poller.ready);
            loop.execute(poller::start);
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                    .get(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            stop();
            throw new BenchException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            stop();
            throw new BenchException("no shard iterator within " + settings.requestTimeout().toMillis() + " ms");
        }
    }

    /** True when every shard has ended or its last answer was empty and at the tip: the stream is read to its end. */
    @Override
    public boolean caughtUp() {
        return pollers.stream().allMatch(p -> p.caughtUp);
    }

    @Override
    public void stop() {
        for (Poller poller : pollers) {
            poller.stopped = true;
            poller.connection.close();
        }
    }

    private final class Poller implements HttpConnection.Listener {

        private final String shardId;
        private final HttpConnection connection;
        private final GetRecordsParser parser = new GetRecordsParser(settings.format());
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private volatile boolean stopped;
        private volatile boolean caughtUp;
        private String iterator;

        Poller(String shardId, HttpConnection connection) {
            this.shardId = shardId;
            this.connection = connection;
        }

        void start() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("StreamName", settings.consumedStream());
            body.put("ShardId", shardId);
            body.put("ShardIteratorType", settings.startPosition().name());
            connection.send(requests.post("GetShardIterator", codec.encode(body)), this);
        }

        private void poll() {
            if (stopped) {
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ShardIterator", iterator);
            body.put("Limit", MAX_RECORDS_PER_CALL);
            connection.send(requests.post("GetRecords", codec.encode(body)), this);
        }

        private void pollAfter(long nanos) {
            connection.loop().schedule(this::poll, nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void onResponse(int status, ByteBuf body) {
            if (stopped) {
                return;
            }
            if (iterator == null) {
                gotIterator(status, body);
                return;
            }
            if (status != 200) {
                stats.readRefused(codec.error(status, body));
                pollAfter(BACKOFF_NANOS);
                return;
            }
            stats.readAnswered();
            GetRecordsParser.Page page;
            try {
                page = parser.parse(body, counter);
            } catch (IOException e) {
                stats.readRefused(new ApiError(status, "UnreadableAnswer", String.valueOf(e.getMessage())));
                pollAfter(BACKOFF_NANOS);
                return;
            }
            caughtUp = page.next() == null || (page.records() == 0 && page.millisBehindLatest() <= 0);
            if (page.next() == null) {
                connection.close();
                return;
            }
            iterator = page.next();
            if (page.records() > 0) {
                poll();
            } else {
                pollAfter(settings.pollInterval().toNanos());
            }
        }

        private void gotIterator(int status, ByteBuf body) {
            try {
                JsonNode answer = status == 200 ? codec.decode(body) : null;
                String value = answer == null ? null : answer.path("ShardIterator").asText(null);
                if (value == null) {
                    ready.completeExceptionally(new BenchException("GetShardIterator for " + shardId + " failed: "
                            + codec.error(status, body)));
                    return;
                }
                iterator = value;
                ready.complete(null);
                poll();
            } catch (IOException e) {
                ready.completeExceptionally(new BenchException("GetShardIterator for " + shardId
                        + ": unreadable answer", e));
            }
        }

        @Override
        public void onFailure(Throwable cause) {
            if (stopped) {
                return;
            }
            if (iterator == null) {
                ready.completeExceptionally(new BenchException("GetShardIterator for " + shardId + " failed: "
                        + ApiError.transport(cause), cause));
                return;
            }
            stats.readRefused(ApiError.transport(cause));
            pollAfter(BACKOFF_NANOS);
        }
    }
}
