package io.sluice.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;

import java.util.List;

/**
 * First handler of every connection: looks at the opening bytes and installs HTTP/2 if they are the HTTP/2
 * client preface (h2c with prior knowledge, as the Java async SDK and the JS SDK v3 speak) or HTTP/1.1 otherwise,
 * then steps aside. Confined to the connection's event loop, like every Netty handler.
 */
final class ProtocolDetector extends ByteToMessageDecoder {

    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final PipelineFactory pipelines;

    ProtocolDetector(PipelineFactory pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int seen = Math.min(in.readableBytes(), PREFACE.readableBytes());
        boolean prefixOfPreface = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, 0, seen);
        if (prefixOfPreface && seen < PREFACE.readableBytes()) {
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        if (prefixOfPreface) {
            pipelines.addHttp2(pipeline);
        } else {
            pipelines.addHttp1(pipeline);
        }
        pipeline.remove(this);
    }
}
