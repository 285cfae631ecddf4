package io.sluice.testkit.lambda;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import io.sluice.common.ManualClock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.PutRecordsEntry;
import io.sluice.engine.PutResult;
import io.sluice.engine.StreamKey;
import io.sluice.engine.StreamMode;
import io.sluice.engine.StreamObserver;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.task.Task;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskId;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.MappingState;
import io.sluice.mappings.StartingPosition;
import io.sluice.mappings.invoke.HttpLambdaInvoker;
import io.sluice.mappings.poll.MappingObserver;
import io.sluice.mappings.poll.MappingPollers;
import io.sluice.mappings.poll.PollerSettings;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handlers written against aws-lambda-java-events, run by the Lambda runtime's own serialization behind the Invoke
 * API, receive the mapping pollers' events through {@link HttpLambdaInvoker} exactly as they would in AWS.
 */
class MappingPollersHandlerTest {

    private static final StreamKey STREAM = new StreamKey("123456789012", "us-east-1", "orders");
    private static final String UUID = "0b7e3a52-5a0c-4c36-9d7e-7a1a6f1d2c11";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_700_000_000_250L);
    private final Map<TaskId, Task> tasks = new ConcurrentHashMap<>();
    private LambdaInvokeServer lambda;
    private KinesisEngine engine;
    private MappingPollers pollers;

    @BeforeEach
    void open() throws IOException {
        lambda = LambdaInvokeServer.start();
        EngineStores stores = EngineStores.local(dir, new LogConfig(1 << 20, 3_600_000, 4096, false), clock);
        engine = new KinesisEngine(stores, LocalKms.open(dir, null, List.of()),
                EngineConfig.defaults().withStatusDelays(0, 0, 0).withLimits(LimitSettings.off()), clock,
                StreamObserver.NONE);
        engine.streams().create(STREAM, 1, StreamMode.PROVISIONED, null);
        TaskHost host = new TaskHost() {
            @Override
            public void start(Task task) {
                tasks.put(task.id(), task);
            }

            @Override
            public void stop(TaskId id) {
                Task task = tasks.remove(id);
                if (task != null) {
                    task.onClose();
                }
            }

            @Override
            public void wake(TaskId id) {
                // stepped by hand
            }
        };
        pollers = new MappingPollers(engine, stores.metadata(), host,
                new HttpLambdaInvoker(HttpClient.newHttpClient(), lambda.endpoint(), Duration.ofSeconds(10), null,
                        clock),
                (arn, record) -> {
                    throw new IOException("no destination in this test");
                }, MappingObserver.NONE, PollerSettings.defaults(), clock);
    }

    @AfterEach
    void close() {
        tasks.keySet().forEach(id -> tasks.remove(id).onClose());
        engine.close();
        lambda.close();
    }

    private void run(String function, boolean itemFailures, int tumblingSeconds) {
        MappingSettings settings = new MappingSettings(100, 0, StartingPosition.TRIM_HORIZON, null, 1, false, -1,
                -1, itemFailures, tumblingSeconds, List.of(), null, true);
        pollers.run(new EventSourceMapping(UUID, "123456789012", "us-east-1", lambda.functionArn(function),
                STREAM.arn().toString(), settings, MappingState.ENABLED, "USER_INITIATED", 0, Map.of()));
    }

    private void steps(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            for (Task task : tasks.values()) {
                if (i == 0) {
                    task.resume();
                }
                task.doWork();
            }
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private PutResult put(String key, String data) {
        return engine.records().putRecord(STREAM, new PutRecordsEntry(data.getBytes(StandardCharsets.UTF_8), key,
                null)).join();
    }

    @Test
    void aKinesisEventHandlerReadsEveryFieldAndItsPartialBatchResponseIsHonoured() throws Exception {
        List<KinesisEvent> events = Collections.synchronizedList(new ArrayList<>());
        lambda.register("consumer", KinesisEvent.class, event -> {
            events.add(event);
            if (events.size() > 1) {
                return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
            }
            return StreamsEventResponse.builder().withBatchItemFailures(List.of(
                    StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(
                            event.getRecords().get(1).getKinesis().getSequenceNumber()).build())).build();
        });
        PutResult first = put("key-1", "Hello, this is a test.");
        put("key-2", "second");
        put("key-3", "third");
        run("consumer", true, 0);

        steps(3);

        assertThat(events).hasSize(2);
        KinesisEvent.KinesisEventRecord record = events.getFirst().getRecords().getFirst();
        String seq = first.sequenceNumber().format();
        assertThat(record.getEventSource()).isEqualTo("aws:kinesis");
        assertThat(record.getEventVersion()).isEqualTo("1.0");
        assertThat(record.getEventName()).isEqualTo("aws:kinesis:record");
        assertThat(record.getEventID()).isEqualTo("shardId-000000000000:" + seq);
        assertThat(record.getInvokeIdentityArn()).isEqualTo("arn:aws:iam::123456789012:role/lambda-execution-role");
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(record.getEventSourceARN()).isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/orders");
        assertThat(record.getKinesis().getKinesisSchemaVersion()).isEqualTo("1.0");
        assertThat(record.getKinesis().getPartitionKey()).isEqualTo("key-1");
        assertThat(record.getKinesis().getSequenceNumber()).isEqualTo(seq);
        assertThat(StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString())
                .isEqualTo("Hello, this is a test.");
        assertThat(record.getKinesis().getApproximateArrivalTimestamp().getTime()).isEqualTo(1_700_000_000_250L);
        assertThat(events.get(1).getRecords()).extracting(r -> r.getKinesis().getPartitionKey())
                .containsExactly("key-2", "key-3");
        assertThat(pollers.lastProcessingResult(UUID)).isEqualTo("OK");
    }

    @Test
    void aTimeWindowHandlerGetsItsStateBackAndAFinalInvocation() throws Exception {
        List<KinesisTimeWindowEvent> events = Collections.synchronizedList(new ArrayList<>());
        lambda.register("window", KinesisTimeWindowEvent.class, event -> {
            events.add(event);
            int count = Integer.parseInt(event.getState() == null ? "0"
                    : event.getState().getOrDefault("count", "0")) + event.getRecords().size();
            return TimeWindowEventResponse.builder().withState(Map.of("count", Integer.toString(count)))
                    .withBatchItemFailures(List.of()).build();
        });
        put("k", "a");
        run("window", false, 30);
        steps(1);
        put("k", "b");

        steps(40);

        assertThat(events).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events.get(1).getState()).containsEntry("count", "1");
        KinesisTimeWindowEvent last = events.get(2);
        assertThat(last.getIsFinalInvokeForWindow()).isTrue();
        assertThat(last.getState()).containsEntry("count", "2");
        assertThat(last.getShardId()).isEqualTo("shardId-000000000000");
        assertThat(last.getWindow().getStart()).isEqualTo("2023-11-14T22:13:00Z");
        assertThat(last.getWindow().getEnd()).isEqualTo("2023-11-14T22:13:30Z");
    }
}
