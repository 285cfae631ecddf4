package io.sluice.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Turns an aggregated HTTP request into an {@link ApiRequest}, serves it on the executor (a virtual thread per
 * request: the API layer may block on a group commit), and writes the answer with the headers every AWS response
 * carries. Netty calls it on the channel's event loop; the answer is written from the executor, which Netty allows.
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    /** Netty's HTTP/2-to-HTTP/1 conversion adds headers with this prefix; no client sent them. */
    private static final String HTTP2_EXTENSION_PREFIX = "x-http2-";

    private final ApiService service;
    private final Map<String, Supplier<ApiResponse>> pages;
    private final Executor executor;
    private final InFlight inFlight;

    RequestHandler(ApiService service, Map<String, Supplier<ApiResponse>> pages, Executor executor,
                   InFlight inFlight) {
        this.service = service;
        this.pages = pages;
        this.executor = executor;
        this.inFlight = inFlight;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.method() == HttpMethod.GET) {
            Supplier<ApiResponse> page = pages.get(new QueryStringDecoder(request.uri()).path());
            write(ctx, keepAlive, page != null ? page.get() : new ApiResponse(404, "text/plain",
                    "Not found\n".getBytes(StandardCharsets.UTF_8), null), UUID.randomUUID().toString());
            return;
        }
        ApiRequest call = new ApiRequest(request.method().name(), request.uri(), headers(request),
                ByteBufUtil.getBytes(request.content()), sourceIp(ctx), UUID.randomUUID().toString());
        inFlight.begin();
        try {
            executor.execute(() -> {
                try {
                    ApiResponse answer = service.handle(call);
                    if (answer.streaming() != null) {
                        stream(ctx, keepAlive, answer, call.requestId());
                    } else {
                        write(ctx, keepAlive, answer, call.requestId());
                    }
                } finally {
                    inFlight.end();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.end();
            ctx.close();
        }
    }

    /** Every header by lower-case name; repeated headers joined with commas, as SigV4 canonicalises them. */
    private static Map<String, String> headers(FullHttpRequest request) {
        Map<String, String> headers = new java.util.HashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.merge(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue(),
                    (a, b) -> a + "," + b);
        }
        headers.keySet().removeIf(name -> name.startsWith(HTTP2_EXTENSION_PREFIX));
        return headers;
    }

    private static String sourceIp(ChannelHandlerContext ctx) {
        java.net.SocketAddress address = ctx.channel() instanceof io.netty.handler.codec.http2.Http2StreamChannel
                stream ? stream.parent().remoteAddress() : ctx.channel().remoteAddress();
        return address instanceof java.net.InetSocketAddress inet ? inet.getAddress().getHostAddress() : "unknown";
    }

    /** Headers first, then each chunk as the producer makes it, then the end of the body. */
    private void stream(ChannelHandlerContext ctx, boolean keepAlive, ApiResponse answer, String requestId) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .set("x-amzn-RequestId", requestId)
                .set("x-amz-id-2", randomId());
        HttpUtil.setTransferEncodingChunked(response, true);
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response);
        try {
            answer.streaming().stream(chunk -> {
                if (!ctx.channel().isActive() || inFlight.stopping()) {
                    return false;
                }
                ChannelFuture written = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
                written.await();
                return written.isSuccess();
            });
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.close();
        } catch (RuntimeException e) {
            LOG.error("streamed response failed", e);
            ctx.close();
        }
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, ApiResponse answer, String requestId) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                .set("x-amzn-RequestId", requestId)
                .set("x-amz-id-2", randomId());
        if (answer.errorType() != null) {
            headers.set("x-amzn-ErrorType", answer.errorType());
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response);
    }

    private static String randomId() {
        byte[] bytes = new byte[48];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing connection after error", cause);
        ctx.close();
    }
}
