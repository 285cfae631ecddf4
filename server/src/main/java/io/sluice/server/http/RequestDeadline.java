package io.sluice.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Gives an HTTP/1.1 request a deadline from its first bytes to its last: a client that trickles a request in
 * (slowloris) is cut off instead of holding a connection and a buffer forever. Confined to the connection's event
 * loop.
 */
final class RequestDeadline extends ChannelDuplexHandler {

    private final long timeoutMillis;
    private ScheduledFuture<?> deadline;

    RequestDeadline(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest && deadline == null) {
            deadline = ctx.executor().schedule(() -> {
                ctx.close();
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
        if (msg instanceof LastHttpContent && deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (deadline != null) {
            deadline.cancel(false);
        }
        super.channelInactive(ctx);
    }
}
