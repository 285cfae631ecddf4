package io.sluice.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.Clock;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Writes one CloudTrail-shaped JSON object per line to {@code <dir>/audit.log}, rotated to {@code audit.log.1},
 * {@code audit.log.2}... ({@link RotatingLineWriter}). A line:
 * <pre>
 * {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":..,"arn":..,"accountId":..,"accessKeyId":..},
 *  "eventTime":"2026-03-01T12:00:00Z","eventSource":"kinesis.amazonaws.com","eventName":"CreateStream",
 *  "awsRegion":"us-east-1","sourceIPAddress":"10.0.0.7","userAgent":"aws-cli/2.15",
 *  "requestParameters":{..},"responseElements":{..}|null,["errorCode":..,"errorMessage":..,]
 *  "requestID":..,"eventID":"&lt;uuid&gt;","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,
 *  "recipientAccountId":"111122223333","eventCategory":"Management"}
 * </pre>
 * Every API's calls go to the one log, told apart by {@code eventSource}. Management calls are always recorded.
 * Data events (Kinesis's PutRecord, PutRecords, GetRecords, GetShardIterator, SubscribeToShard; Firehose's
 * PutRecord and PutRecordBatch; as each API's definition says) are recorded only with {@code dataEvents}, and
 * never with their response; record data is never written (see {@link AuditPayload}). Thread-safe; each line reaches the operating system before
 * {@link #record} returns.
 */
public final class AuditLog implements Closeable {

    static final String FILE_NAME = "audit.log";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RotatingLineWriter writer;
    private final boolean dataEvents;
    private final Clock clock;

    /**
     * @param maxFileBytes size at which {@code audit.log} is rotated
     * @param maxFiles     how many files to keep, {@code audit.log} included
     * @param dataEvents   whether to record data-plane calls too
     */
    public AuditLog(Path dir, long maxFileBytes, int maxFiles, boolean dataEvents, Clock clock) throws IOException {
        this.writer = new RotatingLineWriter(dir, FILE_NAME, maxFileBytes, maxFiles);
        this.dataEvents = dataEvents;
        this.clock = clock;
    }

    /**
     * Appends the event, unless it is a data-plane call and those are not recorded.
     *
     * @throws UncheckedIOException if the line cannot be written; the caller decides whether that fails the call
     */
    public void record(AuditEvent event) {
        boolean dataEvent = event.dataEvent();
        if (dataEvent && !dataEvents) {
            return;
        }
        try {
            byte[] json = JSON.writeValueAsBytes(line(event, dataEvent));
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            writer.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log", e);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private ObjectNode line(AuditEvent event, boolean dataEvent) {
        ObjectNode line = NODES.objectNode();
        line.put("eventVersion", "1.09");
        line.set("userIdentity", identity(event.userIdentity()));
        line.put("eventTime", Instant.ofEpochMilli(clock.millis()).truncatedTo(ChronoUnit.SECONDS).toString());
        line.put("eventSource", event.eventSource());
        line.put("eventName", event.eventName());
        line.put("awsRegion", event.awsRegion());
        line.put("sourceIPAddress", event.sourceIpAddress());
        line.put("userAgent", event.userAgent());
        line.set("requestParameters", event.requestParameters() == null ? NODES.nullNode()
                : event.requestParameters().tree());
        line.set("responseElements", dataEvent || event.responseElements() == null ? NODES.nullNode()
                : event.responseElements().tree());
        if (event.errorCode() != null) {
            line.put("errorCode", event.errorCode());
            line.put("errorMessage", event.errorMessage());
        }
        line.put("requestID", event.requestId());
        line.put("eventID", UUID.randomUUID().toString());
        line.put("readOnly", event.readOnly());
        line.put("eventType", "AwsApiCall");
        line.put("managementEvent", !dataEvent);
        line.put("recipientAccountId", event.recipientAccountId());
        line.put("eventCategory", dataEvent ? "Data" : "Management");
        return line;
    }

    private static ObjectNode identity(AuditIdentity identity) {
        ObjectNode node = NODES.objectNode();
        if (identity != null) {
            node.put("type", identity.type());
            node.put("principalId", identity.principalId());
            node.put("arn", identity.arn());
            node.put("accountId", identity.accountId());
            node.put("accessKeyId", identity.accessKeyId());
        }
        return node;
    }
}
