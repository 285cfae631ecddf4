package io.sluice.agent.run;

import io.sluice.agent.config.FlowConfig;
import io.sluice.agent.testing.Agents;
import io.sluice.agent.testing.FakeSender;
import io.sluice.agent.testing.FakeSource;
import io.sluice.agent.testing.Flows;
import io.sluice.common.Clock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class AgentTest {

    private final FakeSource source = new FakeSource();
    private final FakeSender destination = new FakeSender();

    @Test
    void closingFlushesTheBuffersAndAcknowledgesWhatWasSent() throws Exception {
        FlowConfig flow = Flows.kinesis(500, 1 << 20, 600_000, 10);
        Agent agent = Agent.start(Agents.config(0, List.of(flow)), f -> source, f -> destination, Clock.system());
        source.write("a", "b", "c");
        await(() -> source.bytesBehind() == 0);

        agent.close();

        assertThat(destination.accepted).containsExactly("a", "b", "c");
        assertThat(source.lastAcknowledgedOffset()).isEqualTo(6);
        assertThat(source.closed).isTrue();
    }

    @Test
    void haltingSendsNothingMoreAndAcknowledgesNothingMore() throws Exception {
        FlowConfig flow = Flows.kinesis(500, 1 << 20, 600_000, 10);
        Agent agent = Agent.start(Agents.config(0, List.of(flow)), f -> source, f -> destination, Clock.system());
        source.write("a", "b", "c");
        await(() -> source.bytesBehind() == 0);

        agent.halt();

        assertThat(destination.requests).isEmpty();
        assertThat(source.acknowledged).isEmpty();
        assertThat(source.closed).isTrue();
    }

    @Test
    void theHealthCheckFailsWhenATailerStopsAndTheMetricsNameTheFlow() throws Exception {
        FlowConfig flow = Flows.kinesis(1, 1 << 20, 600_000, 10);
        int port = Agents.freePort();
        try (Agent agent = Agent.start(Agents.config(port, List.of(flow)), f -> source, f -> destination,
                Clock.system())) {
            source.write("a");
            await(() -> destination.accepted.size() == 1);
            assertThat(get(port, "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.body()).contains("agent_bytes_sent_total{destination=\"logs\",flow=\""
                    + flow.id() + "\"} 1.0", "agent_record_send_attempts_total", "agent_service_errors_total",
                    "agent_record_send_errors_total", "agent_bytes_behind", "agent_records_skipped_total",
                    "agent_file_bytes_behind{destination=\"logs\",file=\"fake.log\",flow=\"" + flow.id() + "\"} 0.0");

            source.healthy = false;
            HttpResponse<String> health = get(port, "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains(flow.id());
            assertThat(agent.stoppedFlows()).containsExactly(flow.id());
        }
    }

    @Test
    void theProgressLineCountsRecordsAndSaysHowFarBehindTheTailerIs() throws Exception {
        io.sluice.agent.send.FlowMetrics metrics = new io.sluice.agent.send.FlowMetrics(
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), "f", "logs", () -> 0, () -> 2);
        metrics.parsed(3, 600);
        io.sluice.common.ManualClock clock = new io.sluice.common.ManualClock(0);
        Progress progress = new Progress(List.of(new Progress.Flow("f", metrics, () -> 3 << 20)), clock);
        clock.advance(java.time.Duration.ofSeconds(60));
        assertThat(progress.lines()).containsExactly(
                "Agent: Progress: 3 records parsed (600 bytes), 2 skipped, and 0 records sent successfully to "
                        + "destinations. Uptime: 60000 ms",
                "Flow f: Tailer is 3.00 MB (3145728 bytes) behind.");
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 2_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
