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

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The listening socket: HTTP/1.1 and HTTP/2 (prior knowledge) on one port, each POST served by an
 * {@link ApiService} on a virtual thread, each GET by one of the plain pages (health, metrics). Start and stop
 * from one thread.
 */
public final class HttpServer {

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final InFlight inFlight = new InFlight();
    private final Channel listener;

    public HttpServer(String host, int port, int maxBodyBytes, ApiService service,
                      Map<String, Supplier<ApiResponse>> pages) throws InterruptedException {
        PipelineFactory pipelines = new PipelineFactory(maxBodyBytes,
                new RequestHandlerFactory(service, Map.copyOf(pages), executor, inFlight));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        channel.pipeline().addLast(new ProtocolDetector(pipelines));
                    }
                });
        this.listener = bootstrap.bind(host, port).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops accepting, lets requests in flight finish (up to the grace period), then closes every connection. */
    public void stop(long graceMillis) throws InterruptedException {
        listener.close().sync();
        inFlight.awaitIdle(graceMillis);
        executor.shutdown();
        executor.awaitTermination(graceMillis, TimeUnit.MILLISECONDS);
        connections.close().awaitUninterruptibly(graceMillis);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(graceMillis);
    }
}
