package io.sluice.storage.kafka;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The sync's lanes pipeline end-offset requests, and a caller is only ever served by a request sent after it came. */
class MetadataSyncTest {

    private static final TopicPartition METADATA = new TopicPartition("sync-test.metadata", 0);

    /** End-offset requests of every lane, in the order they were sent; the test answers them. */
    private final BlockingQueue<CompletableFuture<Long>> requests = new LinkedBlockingQueue<>();
    private final AppliedPosition applied = new AppliedPosition();
    private final MetadataSync sync = new MetadataSync(List.of(new ScriptedEnds(), new ScriptedEnds()), METADATA,
            applied, Duration.ofSeconds(30), "test");

    /** A consumer whose end-offset requests wait until the test answers them. */
    private final class ScriptedEnds extends MockConsumer<byte[], byte[]> {

        ScriptedEnds() {
            super("earliest");
        }

        @Override
        public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
            CompletableFuture<Long> answer = new CompletableFuture<>();
            requests.add(answer);
            return Map.of(METADATA, answer.join());
        }
    }

    @AfterEach
    void close() {
        requests.forEach(request -> request.complete(0L)); // lanes blocked on an unanswered request can stop
        sync.close();
    }

    @Test
    void aSyncCalledWhileARequestIsInFlightIsServedByAnotherLaneWithoutWaitingForIt() throws Exception {
        CompletableFuture<Void> first = sync.sync();
        CompletableFuture<Long> firstRequest = nextRequest();

        CompletableFuture<Void> second = sync.sync();
        CompletableFuture<Long> secondRequest = nextRequest(); // sent while the first is still unanswered

        secondRequest.complete(7L);
        applied.advance(7);
        second.get(10, TimeUnit.SECONDS);
        assertThat(first).isNotDone();

        firstRequest.complete(3L);
        first.get(10, TimeUnit.SECONDS);
        assertThat(sync.requests()).isEqualTo(2);
    }

    @Test
    void aSyncCalledAfterEveryLaneSentItsRequestWaitsForARequestOfItsOwn() throws Exception {
        CompletableFuture<Void> first = sync.sync();
        CompletableFuture<Long> firstRequest = nextRequest();
        CompletableFuture<Void> second = sync.sync();
        CompletableFuture<Long> secondRequest = nextRequest();

        CompletableFuture<Void> third = sync.sync(); // both lanes busy: no request reads an end after this call yet
        firstRequest.complete(5L);
        secondRequest.complete(5L);
        applied.advance(5);
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(third).isNotDone();

        CompletableFuture<Long> thirdRequest = nextRequest(); // a freed lane sends one for the third caller
        thirdRequest.complete(9L);
        assertThat(third).isNotDone(); // and it waits until the applier has passed that end
        applied.advance(9);
        third.get(10, TimeUnit.SECONDS);
        assertThat(sync.requests()).isEqualTo(3);
    }

    @Test
    void callersWaitingTogetherShareOneRequest() throws Exception {
        CompletableFuture<Void> first = sync.sync();
        CompletableFuture<Long> firstRequest = nextRequest();
        CompletableFuture<Void> second = sync.sync();
        CompletableFuture<Long> secondRequest = nextRequest();
        List<CompletableFuture<Void>> waiting = List.of(sync.sync(), sync.sync(), sync.sync());

        firstRequest.complete(1L);
        CompletableFuture<Long> shared = nextRequest();
        shared.complete(4L);
        secondRequest.complete(2L);
        applied.advance(4);

        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> caller : waiting) {
            caller.get(10, TimeUnit.SECONDS);
        }
        assertThat(sync.requests()).isEqualTo(3);
        assertThat(requests).isEmpty();
    }

    private CompletableFuture<Long> nextRequest() throws InterruptedException {
        CompletableFuture<Long> request = requests.poll(10, TimeUnit.SECONDS);
        assertThat(request).as("an end-offset request was sent").isNotNull();
        return request;
    }
}
