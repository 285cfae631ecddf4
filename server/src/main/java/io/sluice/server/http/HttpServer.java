package io.sluice.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The listening sockets: HTTP/1.1 and HTTP/2 on each port (prior knowledge in clear text; over TLS with or
 * without ALPN), each POST served by an {@link ApiService} on a virtual thread, each GET by one of the plain pages
 * (health, metrics), each answered in request order with CORS's headers. Start and stop from one thread.
 */
public final class HttpServer {

    /** Far more than clients open (the SDKs pool a few dozen each), far fewer than the file descriptors allowed. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final InFlight inFlight = new InFlight();
    private final PipelineFactory pipelines;
    private final ConnectionLimit connectionLimit;
    private final List<Channel> listeners = new ArrayList<>();

    /** A server that takes up to {@link #DEFAULT_MAX_CONNECTIONS} connections at once, from any browser origin. */
    public HttpServer(int maxBodyBytes, ApiService service, Map<String, Supplier<ApiResponse>> pages) {
        this(maxBodyBytes, DEFAULT_MAX_CONNECTIONS, CorsPolicy.ANY, service, pages);
    }

    public HttpServer(int maxBodyBytes, int maxConnections, CorsPolicy cors, ApiService service,
                      Map<String, Supplier<ApiResponse>> pages) {
        this.connectionLimit = new ConnectionLimit(maxConnections);
        this.pipelines = new PipelineFactory(maxBodyBytes,
                new RequestHandlerFactory(service, Map.copyOf(pages), executor, inFlight, cors));
    }

    /** Listens on a port; with TLS when {@code tls} is given. Returns the port bound (for port 0). */
    public int listen(String host, int port, SslContext tls) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        channel.pipeline().addLast(connectionLimit);
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                        }
                        channel.pipeline().addLast(new ProtocolDetector(pipelines));
                    }
                });
        Channel listener = bootstrap.bind(host, port).sync().channel();
        listeners.add(listener);
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops accepting, lets requests in flight finish (up to the grace period), then closes every connection. */
    public void stop(long graceMillis) throws InterruptedException {
        for (Channel listener : listeners) {
            listener.close().sync();
        }
        inFlight.awaitIdle(graceMillis);
        executor.shutdown();
        executor.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
        connections.close().awaitUninterruptibly(graceMillis);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(graceMillis);
    }
}
