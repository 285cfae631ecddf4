package io.sluice.cli.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The bench's client side of the network: its own event loops (apart from a server that may run in the same
 * process, so that the two do not share threads), TLS with host name checks for https endpoints, and the
 * HTTP/1.1 pipeline of each connection. Thread-safe.
 */
final class HttpTransport implements AutoCloseable {

    /** GetRecords may answer 10 MiB of data, which is a third larger in base64. */
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final EventLoopGroup group;
    private final SslContext ssl;
    private final String host;
    private final int port;

    HttpTransport(URI endpoint, int ioThreads) throws SSLException {
        boolean https = endpoint.getScheme().equalsIgnoreCase("https");
        this.host = endpoint.getHost();
        this.port = endpoint.getPort() >= 0 ? endpoint.getPort() : https ? 443 : 80;
        this.ssl = https ? SslContextBuilder.forClient().build() : null;
        this.group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("sluice-bench-io", true));
    }

    /** An event loop for a new connection: the connection and the code driving it then stay on it. */
    EventLoop nextLoop() {
        return group.next();
    }

    /** Opens a connection on {@code loop} whose aggregated responses go to {@code handler}. */
    ChannelFuture connect(EventLoop loop, ChannelHandler handler) {
        return connect(loop, handler, true);
    }

    /** Opens a connection whose response parts go to {@code handler} as they come: for streamed answers. */
    ChannelFuture connectStreaming(EventLoop loop, ChannelHandler handler) {
        return connect(loop, handler, false);
    }

    private ChannelFuture connect(EventLoop loop, ChannelHandler handler, boolean aggregate) {
        return new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (ssl != null) {
                            pipeline.addLast(tls(channel));
                        }
                        pipeline.addLast(new HttpClientCodec());
                        if (aggregate) {
                            pipeline.addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES));
                        }
                        pipeline.addLast(handler);
                    }
                })
                .connect(host, port);
    }

    private SslHandler tls(Channel channel) {
        SslHandler handler = ssl.newHandler(channel.alloc(), host, port);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return handler;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
