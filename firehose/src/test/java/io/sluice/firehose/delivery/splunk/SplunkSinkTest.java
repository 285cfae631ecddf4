package io.sluice.firehose.delivery.splunk;

import io.sluice.common.ManualClock;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SplunkDestination;
import io.sluice.firehose.delivery.Batch;
import io.sluice.firehose.delivery.DeliveryException;
import io.sluice.firehose.delivery.TestBatches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplunkSinkTest {

    private static final String CHANNEL = "0f6c5b0e-7d1f-4d8e-9a53-2a7c1c3b9d11";

    private final HecContractServer hec = new HecContractServer();
    private final ManualClock clock = new ManualClock(1_000_000);
    private final HttpClient http = HttpClient.newHttpClient();

    SplunkSinkTest() throws Exception {
    }

    @AfterEach
    void stop() {
        hec.close();
    }

    private SplunkSink sink(boolean event, String token) {
        S3Settings s3 = new S3Settings("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::b", "", null, null, null,
                null, null);
        SplunkDestination d = new SplunkDestination(hec.url(), event, token, 180, null, null, null, 300, false, s3);
        return new SplunkSink(() -> http, d, CHANNEL, Duration.ofSeconds(10), clock, clock::advance);
    }

    private static Batch batch(String... records) {
        return TestBatches.main("r", java.util.Arrays.stream(records)
                .map(r -> new Batch.Entry(r.getBytes(), 1)).toList());
    }

    private static String code(Throwable e) {
        return ((DeliveryException) e).code();
    }

    @Test
    void rawRecordsArePostedWithTheTokenAndChannelAndDeliveredOnceAcknowledged() throws Exception {
        hec.pollsBeforeAck = 3;

        sink(false, HecContractServer.TOKEN).deliver(batch("line one\n", "line two\n"));

        List<HecContractServer.Received> data = hec.received("/services/collector/raw");
        assertThat(data).singleElement().satisfies(r -> {
            assertThat(r.body()).isEqualTo("line one\nline two\n");
            assertThat(r.authorization()).isEqualTo("Splunk " + HecContractServer.TOKEN);
            assertThat(r.channel()).isEqualTo(CHANNEL);
        });
        assertThat(hec.received("/services/collector/ack")).hasSize(4)
                .allSatisfy(r -> assertThat(r.body()).isEqualTo("{\"acks\":[0]}"))
                .allSatisfy(r -> assertThat(r.channel()).isEqualTo(CHANNEL));
    }

    @Test
    void theEventEndpointWrapsPlainRecordsAndPassesHecEventsThrough() throws Exception {
        sink(true, HecContractServer.TOKEN).deliver(batch("{\"user\":\"a\"}", "not json",
                "{\"event\":\"x\",\"sourcetype\":\"aws:firehose\",\"index\":\"main\"}"));

        assertThat(hec.received("/services/collector/event")).singleElement().satisfies(r ->
                assertThat(r.body()).isEqualTo("""
                        {"event":{"user":"a"}}
                        {"event":"not json"}
                        {"event":"x","sourcetype":"aws:firehose","index":"main"}
                        """));
    }

    @Test
    void anAckThatNeverComesTimesOutAndTheNextAttemptSendsTheDataAgain() throws Exception {
        hec.acksLost = true;
        SplunkSink sink = sink(false, HecContractServer.TOKEN);
        Batch batch = batch("event\n");

        assertThatThrownBy(() -> sink.deliver(batch)).satisfies(e -> assertThat(code(e)).isEqualTo("Splunk.AckTimeout"));
        assertThat(clock.millis() - 1_000_000).isLessThanOrEqualTo(180_000);
        hec.acksLost = false;
        sink.deliver(batch);

        assertThat(hec.received("/services/collector/raw")).hasSize(2);
    }

    @Test
    void anAckEndpointThatRefusesFailsTheAttempt() {
        hec.ackRefusalStatus = 503;

        assertThatThrownBy(() -> sink(false, HecContractServer.TOKEN).deliver(batch("e\n")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Splunk.ServerError"))
                .satisfies(e -> assertThat(((DeliveryException) e).permanent()).isFalse());
    }

    @Test
    void aWrongTokenIsRetriedAsInvalidToken() {
        assertThatThrownBy(() -> sink(false, "wrong").deliver(batch("e\n")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Splunk.InvalidToken"))
                .satisfies(e -> assertThat(((DeliveryException) e).permanent()).isFalse());
    }

    @Test
    void dataSplunkCannotParseFailsForGood() {
        hec.dataStatus = 400;
        hec.dataCode = 6;

        assertThatThrownBy(() -> sink(true, HecContractServer.TOKEN).deliver(batch("{}")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Splunk.InvalidDataFormat"))
                .satisfies(e -> assertThat(((DeliveryException) e).permanent()).isTrue());
    }

    @Test
    void aSuccessWithoutAckIdIsDeliveredWithoutPolling() throws Exception {
        hec.ackIds = false;

        sink(false, HecContractServer.TOKEN).deliver(batch("e\n"));

        assertThat(hec.received("/services/collector/ack")).isEmpty();
    }

    @Test
    void anUnreachableCollectorIsConnectionRefused() throws Exception {
        hec.close();

        assertThatThrownBy(() -> sink(false, HecContractServer.TOKEN).deliver(batch("e\n")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Splunk.ConnectionRefused"));
    }
}
