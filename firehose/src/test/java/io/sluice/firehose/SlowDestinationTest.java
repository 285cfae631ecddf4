package io.sluice.firehose;

import com.sun.net.httpserver.HttpServer;
import io.sluice.common.ManualClock;
import io.sluice.engine.task.TaskRunner;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.DestinationConfig;
import io.sluice.firehose.config.HttpEndpointDestination;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A destination that does not answer holds up its own delivery stream only: while one worker waits on it, the API
 * serves every other call, the hung stream's own control plane included, and other streams keep delivering.
 * Delivery runs on a real {@link TaskRunner}; waits are bounded generously, nothing asserts speed. (On the
 * design before the task seam, UpdateDestination waited for the worker's monitor, held through the delivery.)
 */
class SlowDestinationTest {

    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Fixture.START);
    private final CountDownLatch delivering = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService caller = Executors.newSingleThreadExecutor();
    private final ExecutorService answering = Executors.newCachedThreadPool();
    private HttpServer endpoint;
    private TaskRunner runner;
    private FirehoseEngine engine;
    private final Stored stored = new Stored();

    /** An object store that keeps what is put in memory and tells when the first object arrived. */
    private static final class Stored implements ObjectStore {
        private final CountDownLatch first = new CountDownLatch(1);
        private final List<String> bodies = new CopyOnWriteArrayList<>();

        @Override
        public void put(String bucket, String key, byte[] body) {
            bodies.add(new String(body, StandardCharsets.UTF_8));
            first.countDown();
        }

        boolean await(long timeout, TimeUnit unit) throws InterruptedException {
            return first.await(timeout, unit);
        }

        List<String> bodies() {
            return bodies;
        }
    }

    @BeforeEach
    void open() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.setExecutor(answering);
        endpoint.createContext("/", exchange -> {
            String requestId = exchange.getRequestHeaders().getFirst("X-Amz-Firehose-Request-Id");
            exchange.getRequestBody().readAllBytes();
            delivering.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = ("{\"requestId\":\"" + requestId + "\",\"timestamp\":1}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        endpoint.start();
        // idle for an hour: only the wakes of puts and changes move a task after its first step
        runner = new TaskRunner(clock, Duration.ofHours(1), Duration.ofHours(1));
        engine = new FirehoseEngine(Fixture.config(dir), clock, null, stored, DeliveryObserver.NONE, null, runner);
    }

    @AfterEach
    void close() {
        release.countDown();
        caller.shutdownNow();
        engine.close();
        runner.close();
        endpoint.stop(0);
        answering.shutdownNow();
    }

    private HttpEndpointDestination hanging() {
        return new HttpEndpointDestination("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/", "slow",
                null, new BufferingHints(1, 0), null, "NONE", List.of(), Processing.NONE, null, 60, false,
                Fixture.s3("errors", "", new BufferingHints(1, 0), Compression.UNCOMPRESSED));
    }

    private void create(String name, DestinationConfig destination) {
        engine.create(new CreateRequest(Fixture.key(name), DeliveryStreamType.DirectPut, null, null, null,
                destination, Map.of(), null, null));
    }

    private void put(String name, String record) {
        engine.put(Fixture.key(name), List.of(record.getBytes(StandardCharsets.UTF_8))).join();
    }

    @Test
    void aDestinationThatDoesNotAnswerStallsNeitherTheApiNorOtherDeliveryStreams() throws Exception {
        create("slow", hanging());
        put("slow", "stuck");
        assertThat(delivering.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the worker reached the endpoint").isTrue();

        CompletableFuture<DeliveryStreamView> calls = CompletableFuture.supplyAsync(() -> {
            engine.updateDestination(Fixture.key("slow"), "1", DeliveryStreamMeta.DESTINATION_ID,
                    current -> hanging());
            engine.tag(Fixture.key("slow"), Map.of("team", "ingest"));
            create("other", Fixture.extendedS3(Fixture.s3("bucket", "", new BufferingHints(1, 0),
                    Compression.UNCOMPRESSED), Processing.NONE));
            put("other", "delivered");
            engine.delete(Fixture.key("slow"));
            return engine.describe(Fixture.key("slow"));
        }, caller);

        DeliveryStreamView slow = calls.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(slow.status()).isEqualTo(DeliveryStreamStatus.DELETING);
        assertThat(slow.meta().version()).isEqualTo(2);
        assertThat(slow.meta().tags()).containsEntry("team", "ingest");
        assertThat(release.getCount()).as("the endpoint is still holding the first delivery").isEqualTo(1);
        assertThat(stored.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the other stream delivered").isTrue();
        assertThat(stored.bodies()).containsExactly("delivered");

        release.countDown();
        assertThat(awaitGone("slow")).as("the deletion finished once the endpoint answered").isTrue();
    }

    private boolean awaitGone(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!engine.list(Fixture.ACCOUNT, Fixture.REGION, null, null, 10).names().contains(name)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
