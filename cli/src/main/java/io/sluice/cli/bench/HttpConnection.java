package io.sluice.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One keep-alive HTTP/1.1 connection carrying one exchange at a time, opened on the first request and opened
 * again after it was closed, so that callers see a failed exchange rather than a broken connection. An exchange
 * that takes longer than the timeout fails and its connection is closed, so that a late answer is never taken
 * for the next request's.
 *
 * <p>Confined to its event loop: {@link #send} may be called from any thread but runs on the loop, and the
 * listener is called on the loop.
 */
final class HttpConnection {

    /** The outcome of one exchange. */
    interface Listener {

        /** The answer; {@code body} is released when this returns. */
        void onResponse(int status, ByteBuf body);

        /** No answer: the connection failed or closed, or the timeout passed. */
        void onFailure(Throwable cause);
    }

    private final HttpTransport transport;
    private final EventLoop loop;
    private final long timeoutNanos;
    private Channel channel;
    private Listener pending;
    private ScheduledFuture<?> timer;
    /** Counts exchanges, so that the timer of an exchange that has ended cannot fail the next one. */
    private long exchanges;

    HttpConnection(HttpTransport transport, EventLoop loop, Duration timeout) {
        this.transport = transport;
        this.loop = loop;
        this.timeoutNanos = timeout.toNanos();
    }

    EventLoop loop() {
        return loop;
    }

    /** Sends {@code request} (whose ownership passes here) once the previous exchange has ended. */
    void send(FullHttpRequest request, Listener listener) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(request, listener));
            return;
        }
        if (pending != null) {
            request.release();
            throw new IllegalStateException("an exchange is already in flight on this connection");
        }
        pending = listener;
        long exchange = ++exchanges;
        timer = loop.schedule(() -> {
            if (exchange == exchanges && pending != null) {
                fail(channel, new TimeoutException("no answer within " + Duration.ofNanos(timeoutNanos).toMillis()
                        + " ms"));
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        if (channel != null && channel.isActive()) {
            write(channel, request);
        } else {
            ChannelFuture connecting = transport.connect(loop, new ResponseHandler());
            Channel opening = connecting.channel();
            channel = opening;
            connecting.addListener(done -> {
                if (done.isSuccess()) {
                    write(opening, request);
                } else {
                    request.release();
                    fail(opening, done.cause());
                }
            });
        }
    }

    private void write(Channel target, FullHttpRequest request) {
        target.writeAndFlush(request).addListener(done -> {
            if (!done.isSuccess()) {
                fail(target, done.cause());
            }
        });
    }

    /** Ends the exchange in flight on {@code source} with a failure, if {@code source} is still the connection. */
    private void fail(Channel source, Throwable cause) {
        if (source == null || source != channel) {
            return;
        }
        channel.close();
        channel = null;
        Listener listener = finish();
        if (listener != null) {
            listener.onFailure(cause);
        }
    }

    private Listener finish() {
        Listener listener = pending;
        pending = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        return listener;
    }

    /** Closes the connection; an exchange in flight fails. */
    void close() {
        loop.execute(() -> {
            if (channel != null) {
                fail(channel, new IOException("connection closed by the bench"));
            }
        });
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (ctx.channel() != channel || pending == null) {
                return;
            }
            Listener listener = finish();
            if (!HttpUtil.isKeepAlive(response)) {
                // the server will close it: the next request opens a new connection instead of racing the close
                channel.close();
                channel = null;
            }
            listener.onResponse(response.status().code(), response.content());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ctx.channel(), new IOException("connection closed by the endpoint"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx.channel(), cause);
        }
    }
}
