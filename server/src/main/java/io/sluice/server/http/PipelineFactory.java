package io.sluice.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Builds the handler chains of both HTTP versions so that each ends in the same aggregated-request handler.
 * HTTP/2 streams are turned into HTTP/1-style objects per stream; PINGs are answered by the frame codec.
 * Thread-safe: holds only immutable settings.
 */
final class PipelineFactory {

    private static final int IDLE_SECONDS = 300;
    /** A whole request must arrive within this; large bodies on slow links still fit comfortably. */
    private static final long REQUEST_DEADLINE_MILLIS = 60_000;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final int maxBodyBytes;
    private final RequestHandlerFactory handlers;

    PipelineFactory(int maxBodyBytes, RequestHandlerFactory handlers) {
        this.maxBodyBytes = maxBodyBytes;
        this.handlers = handlers;
    }

    void addHttp1(ChannelPipeline pipeline) {
        pipeline.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS), new IdleCloser());
        pipeline.addLast(new HttpServerCodec(4096, MAX_HEADER_BYTES, 64 * 1024));
        pipeline.addLast(new RequestDeadline(REQUEST_DEADLINE_MILLIS));
        pipeline.addLast(new HttpServerKeepAliveHandler());
        pipeline.addLast(new BoundedAggregator(maxBodyBytes));
        pipeline.addLast(handlers.create());
    }

    void addHttp2(ChannelPipeline pipeline) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxHeaderListSize(MAX_HEADER_BYTES)
                .maxConcurrentStreams(1000);
        pipeline.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS), new IdleCloser());
        pipeline.addLast(Http2FrameCodecBuilder.forServer().initialSettings(settings).build());
        pipeline.addLast(new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                stream.pipeline().addLast(new BoundedAggregator(maxBodyBytes));
                stream.pipeline().addLast(handlers.create());
            }
        }));
    }
}
