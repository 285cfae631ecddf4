package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A trivial Kinesis responder: every PutRecords succeeds with an answer encoded once, the stream is always ACTIVE,
 * nothing is stored. It costs next to nothing per call, so a bench against it measures the bench's own ceiling.
 * Run it apart with {@code java -cp cli/target/test-classes:cli/target/classes:cli/target/lib/*
 * io.sluice.cli.bench.CannedKinesis 4700}. One event loop thread; thread-safe.
 */
final class CannedKinesis implements AutoCloseable {

    private static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Map<BodyFormat, Map<String, byte[]>> answers = Map.of(
            BodyFormat.JSON, answers(BodyFormat.JSON), BodyFormat.CBOR, answers(BodyFormat.CBOR));
    private final Channel listener;

    CannedKinesis(int port) throws InterruptedException {
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                new Responder());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private static Map<String, byte[]> answers(BodyFormat format) {
        List<Map<String, String>> results = new ArrayList<>();
        for (int i = 0; i < BenchSettings.MAX_RECORDS_PER_PUT; i++) {
            results.add(Map.of("SequenceNumber", "49590338271490256608559692538361571095921575989136588898",
                    "ShardId", "shardId-000000000000"));
        }
        ObjectMapper mapper = new ObjectMapper(format.factory());
        try {
            return Map.of(
                    "PutRecords", putRecords(mapper, results),
                    "PutRecord", mapper.writeValueAsBytes(results.get(0)),
                    "DescribeStreamSummary", mapper.writeValueAsBytes(Map.of("StreamDescriptionSummary", Map.of(
                            "StreamName", "canned", "StreamStatus", "ACTIVE", "OpenShardCount", 4,
                            "StreamARN", "arn:aws:kinesis:us-east-1:000000000000:stream/canned"))),
                    "", mapper.writeValueAsBytes(Map.of("__type", "UnknownOperationException",
                            "message", "not canned")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** FailedRecordCount first, as Sluice and AWS write it. */
    private static byte[] putRecords(ObjectMapper mapper, List<Map<String, String>> results) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("FailedRecordCount", 0);
        answer.put("Records", results);
        return mapper.writeValueAsBytes(answer);
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static void main(String[] args) throws InterruptedException {
        CannedKinesis responder = new CannedKinesis(args.length > 0 ? Integer.parseInt(args[0]) : 4700);
        System.out.println("canned Kinesis responder on 127.0.0.1:" + responder.port());
        responder.listener.closeFuture().sync();
    }

    private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String contentType = String.valueOf(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
            BodyFormat format = contentType.contains("cbor") ? BodyFormat.CBOR : BodyFormat.JSON;
            String target = String.valueOf(request.headers().get("x-amz-target"));
            Map<String, byte[]> canned = answers.get(format);
            byte[] body = canned.get(target.substring(target.indexOf('.') + 1));
            HttpResponseStatus status = body == null ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.OK;
            if (body == null) {
                body = canned.get("");
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(response);
        }
    }
}
