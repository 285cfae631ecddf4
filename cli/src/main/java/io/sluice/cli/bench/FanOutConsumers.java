package io.sluice.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.sluice.protocol.eventstream.EventStreamMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Enhanced fan-out consumers: one SubscribeToShard per shard for a registered consumer, each on its own
 * HTTP/1.1 connection whose answer is an event stream. Each SubscribeToShardEvent counts as a read. A
 * subscription that ends (after 5 minutes, as in AWS) is renewed after the last ContinuationSequenceNumber; one
 * that fails is renewed after a second. Each subscriber is confined to its connection's event loop; {@link #start},
 * {@link #caughtUp} and {@link #stop} are for the thread running the bench.
 */
final class FanOutConsumers implements StreamReaders {

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final HttpTransport transport;
    private final BenchSettings settings;
    private final RequestFactory requests;
    private final WireCodec codec;
    private final BenchStats stats;
    private final RecordCounter counter;
    private final String consumerArn;
    private final List<Subscriber> subscribers = new ArrayList<>();

    FanOutConsumers(HttpTransport transport, BenchSettings settings, RequestFactory requests, BenchStats stats,
                    RecordCounter counter, String consumerArn) {
        this.transport = transport;
        this.settings = settings;
        this.requests = requests;
        this.codec = new WireCodec(settings.format());
        this.stats = stats;
        this.counter = counter;
        this.consumerArn = consumerArn;
    }

    @Override
    public void start(List<String> shardIds) throws InterruptedException {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (String shardId : shardIds) {
            Subscriber subscriber = new Subscriber(shardId, transport.nextLoop());
            subscribers.add(subscriber);
            ready.add(subscriber.ready);
            subscriber.loop.execute(subscriber::subscribe);
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                    .get(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            stop();
            throw new BenchException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            stop();
            throw new BenchException("no SubscribeToShard answer within " + settings.requestTimeout().toMillis()
                    + " ms");
        }
    }

    @Override
    public boolean caughtUp() {
        return subscribers.stream().allMatch(s -> s.caughtUp);
    }

    @Override
    public void stop() {
        for (Subscriber subscriber : subscribers) {
            subscriber.stopped = true;
            subscriber.loop.execute(subscriber::close);
        }
    }

    /**
     * Sharable because each renewal opens a new connection with the same subscriber; all of them live on the
     * subscriber's loop, and parts of a connection that is no longer the current one are ignored.
     */
    @ChannelHandler.Sharable
    private final class Subscriber extends SimpleChannelInboundHandler<HttpObject> {

        private final String shardId;
        private final EventLoop loop;
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final EventStreamFramer framer = new EventStreamFramer();
        private final GetRecordsParser json = new GetRecordsParser(BodyFormat.JSON);
        private final GetRecordsParser cbor = new GetRecordsParser(BodyFormat.CBOR);
        private volatile boolean stopped;
        private volatile boolean caughtUp;
        private Channel channel;
        private int status;
        private ByteBuf errorBody;
        private String continuation;
        private boolean shardEnded;

        Subscriber(String shardId, EventLoop loop) {
            this.shardId = shardId;
            this.loop = loop;
        }

        void subscribe() {
            if (stopped) {
                return;
            }
            Map<String, Object> position = new LinkedHashMap<>();
            if (continuation == null) {
                position.put("Type", settings.startPosition().name());
            } else {
                position.put("Type", "AFTER_SEQUENCE_NUMBER");
                position.put("SequenceNumber", continuation);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ConsumerARN", consumerArn);
            body.put("ShardId", shardId);
            body.put("StartingPosition", position);
            FullHttpRequest request = requests.post("SubscribeToShard", codec.encode(body));
            framer.clear();
            status = 0;
            ChannelFuture connecting = transport.connectStreaming(loop, this);
            Channel opening = connecting.channel();
            channel = opening;
            connecting.addListener(done -> {
                if (done.isSuccess()) {
                    opening.writeAndFlush(request);
                } else {
                    request.release();
                    ended(opening, ApiError.transport(done.cause()));
                }
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject part) {
            if (ctx.channel() != channel) {
                return;
            }
            if (part instanceof HttpResponse response) {
                status = response.status().code();
                errorBody = status == 200 ? null : Unpooled.buffer();
            }
            if (part instanceof HttpContent content) {
                if (errorBody != null) {
                    errorBody.writeBytes(content.content());
                } else {
                    try {
                        framer.add(content.content(), this::onMessage);
                    } catch (RuntimeException malformed) {
                        ended(channel, new ApiError(status, "UnreadableEventStream", malformed.getMessage()));
                        return;
                    }
                }
            }
            if (part instanceof LastHttpContent) {
                ended(channel, errorBody == null ? null : codec.error(status, errorBody));
            }
        }

        private void onMessage(EventStreamMessage message) {
            Map<String, String> headers = message.headers();
            if ("exception".equals(headers.get(":message-type"))) {
                stats.readRefused(new ApiError(status, ApiError.shortType(headers.getOrDefault(":exception-type",
                        "UnknownException")), new String(message.payload(), StandardCharsets.UTF_8)));
                return;
            }
            String type = headers.getOrDefault(":event-type", "");
            if (type.equals("initial-response")) {
                ready.complete(null);
            } else if (type.equals("SubscribeToShardEvent")) {
                onEvent(headers.getOrDefault(":content-type", ""), message.payload());
            }
        }

        private void onEvent(String contentType, byte[] payload) {
            GetRecordsParser parser = contentType.contains("cbor") ? cbor : json;
            try {
                GetRecordsParser.Page page = parser.parse(Unpooled.wrappedBuffer(payload), counter);
                stats.readAnswered();
                continuation = page.next();
                shardEnded = page.next() == null;
                caughtUp = shardEnded || (page.records() == 0 && page.millisBehindLatest() <= 0);
            } catch (IOException e) {
                stats.readRefused(new ApiError(status, "UnreadableEvent", String.valueOf(e.getMessage())));
            }
        }

        /** The subscription on {@code source} is over: renew it unless the run or the shard is over. */
        private void ended(Channel source, ApiError error) {
            if (source != channel) {
                return;
            }
            channel.close();
            channel = null;
            if (stopped) {
                return;
            }
            if (error != null && !ready.isDone()) {
                ready.completeExceptionally(new BenchException("SubscribeToShard for " + shardId + " failed: "
                        + error));
                return;
            }
            if (error != null) {
                stats.readRefused(error);
            }
            if (!shardEnded) {
                loop.schedule(this::subscribe, error == null ? 0 : RETRY_NANOS, TimeUnit.NANOSECONDS);
            }
        }

        void close() {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ended(ctx.channel(), new ApiError(0, "IOException", "connection closed during the subscription"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ended(ctx.channel(), ApiError.transport(cause));
        }
    }
}
