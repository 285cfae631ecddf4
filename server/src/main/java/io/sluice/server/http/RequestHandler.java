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
import io.sluice.common.ErrorType;
import io.sluice.protocol.ErrorBody;
import io.sluice.protocol.WireFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
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
 * carries, CORS's included. GET pages (health, metrics) are served on the executor too, never on the event loop;
 * a GET of any other path goes to the service (REST APIs such as Lambda's read with GET);
 * CORS preflights ({@code OPTIONS}) are answered without authentication.
 *
 * <p>Answers go out in request order, as HTTP/1.1 requires of pipelined requests (RFC 9112 §9.3.2): one request
 * of a connection is served at a time; requests that arrive meanwhile wait in order, and the connection stops
 * reading until the answer in progress is written. A service that throws (even an {@link Error}) is answered
 * {@code InternalFailureException} (500) with the request id, and the cause is logged, so that no client waits
 * for the idle timeout.
 *
 * <p>Threading: one handler per HTTP/1.1 connection or HTTP/2 stream. Netty calls it on the channel's event loop,
 * where the queue of waiting requests is confined; the answer is written from the executor, which Netty allows,
 * and what follows a written answer runs back on the event loop (the write's listener).
 */
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    /** Netty's HTTP/2-to-HTTP/1 conversion adds headers with this prefix; no client sent them. */
    private static final String HTTP2_EXTENSION_PREFIX = "x-http2-";
    /** The response headers a browser script may read, as AWS exposes them. */
    private static final String EXPOSED_HEADERS = "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, "
            + "x-amz-id-2, x-amz-request-id, Date";
    private static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    /** Browsers may cache a preflight answer this long (AWS answers the same). */
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "172800";
    private static final String INTERNAL_FAILURE_MESSAGE = "Internal service failure.";

    private final ApiService service;
    private final Map<String, Supplier<ApiResponse>> pages;
    private final Executor executor;
    private final InFlight inFlight;
    private final CorsPolicy cors;
    private final ArrayDeque<Call> waiting = new ArrayDeque<>();
    private boolean busy;

    /** One request, as much of it as serving and answering it need. */
    private record Call(ApiRequest request, boolean keepAlive, String origin) {
    }

    RequestHandler(ApiService service, Map<String, Supplier<ApiResponse>> pages, Executor executor,
                   InFlight inFlight, CorsPolicy cors) {
        this.service = service;
        this.pages = pages;
        this.executor = executor;
        this.inFlight = inFlight;
        this.cors = cors;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Map<String, String> headers = headers(request);
        Call call = new Call(new ApiRequest(request.method().name(), request.uri(), headers,
                ByteBufUtil.getBytes(request.content()), sourceIp(ctx), UUID.randomUUID().toString()),
                HttpUtil.isKeepAlive(request), headers.get("origin"));
        if (busy) {
            waiting.addLast(call);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        start(ctx, call);
    }

    /** Serves one call on the executor; when its answer is written, the next waiting call starts. */
    private void start(ChannelHandlerContext ctx, Call call) {
        busy = true;
        inFlight.begin();
        try {
            executor.execute(() -> {
                try {
                    ChannelFuture written;
                    try {
                        ApiResponse answer = serve(call.request());
                        written = answer.streaming() != null ? stream(ctx, call, answer) : write(ctx, call, answer);
                    } catch (RuntimeException e) {
                        LOG.error("cannot write the answer to request {}", call.request().requestId(), e);
                        written = ctx.close();
                    }
                    written.addListener(done -> next(ctx));
                } finally {
                    inFlight.end();
                }
            });
        } catch (RejectedExecutionException stopping) {
            inFlight.end();
            ctx.close();
        }
    }

    private void next(ChannelHandlerContext ctx) {
        busy = false;
        Call call = waiting.pollFirst();
        if (call != null) {
            start(ctx, call);
        } else if (ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private ApiResponse serve(ApiRequest request) {
        try {
            if (request.method().equals(HttpMethod.OPTIONS.name())) {
                return preflight(request);
            }
            if (request.method().equals(HttpMethod.GET.name())) {
                Supplier<ApiResponse> page = pages.get(new QueryStringDecoder(request.uri()).path());
                if (page != null) {
                    return page.get();
                }
            }
            return service.handle(request);
        } catch (RuntimeException | Error e) {
            LOG.error("internal failure serving {} {} (request {})", request.method(), request.target(),
                    request.requestId(), e);
            WireFormat format = WireFormat.forContentType(request.contentType());
            ErrorType type = ErrorType.INTERNAL_FAILURE;
            return new ApiResponse(type.httpStatus(), format.contentType(),
                    ErrorBody.encode(format, type.awsName(), INTERNAL_FAILURE_MESSAGE), type.awsName());
        }
    }

    /** A CORS preflight: allowed for an allowed origin, with the methods and the headers the browser asked for. */
    private ApiResponse preflight(ApiRequest request) {
        if (cors.allowOrigin(request.header("origin")) == null) {
            return new ApiResponse(403, "text/plain", new byte[0], null);
        }
        return new ApiResponse(200, "text/plain", new byte[0], null);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        waiting.clear();
        super.channelInactive(ctx);
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
    private ChannelFuture stream(ChannelHandlerContext ctx, Call call, ApiResponse answer) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .set("x-amzn-RequestId", call.request().requestId())
                .set("x-amz-id-2", randomId());
        answer.headers().forEach(response.headers()::set);
        cors(response.headers(), call);
        HttpUtil.setTransferEncodingChunked(response, true);
        HttpUtil.setKeepAlive(response, call.keepAlive());
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
            return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ctx.close();
        } catch (RuntimeException e) {
            LOG.error("streamed response failed (request {})", call.request().requestId(), e);
            return ctx.close();
        }
    }

    private ChannelFuture write(ChannelHandlerContext ctx, Call call, ApiResponse answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                .set("x-amzn-RequestId", call.request().requestId())
                .set("x-amz-id-2", randomId());
        if (answer.errorType() != null) {
            headers.set("x-amzn-ErrorType", answer.errorType());
        }
        answer.headers().forEach(headers::set);
        cors(headers, call);
        if (call.request().method().equals(HttpMethod.OPTIONS.name()) && answer.status() == 200) {
            String requested = call.request().header("access-control-request-headers");
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                    .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS);
            if (requested != null) {
                headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested);
            }
        }
        HttpUtil.setKeepAlive(response, call.keepAlive());
        return ctx.writeAndFlush(response);
    }

    /** The CORS headers of every answer, errors included, for an allowed origin. */
    private void cors(HttpHeaders headers, Call call) {
        String allowOrigin = cors.allowOrigin(call.origin());
        if (allowOrigin == null) {
            return;
        }
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin)
                .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        if (!cors.anyOrigin()) {
            headers.set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
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
