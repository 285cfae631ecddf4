package io.sluice.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.sluice.common.ManualClock;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.sigv4.SigningCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SigningCredentials ALICE = new SigningCredentials("AKIAALICE", "secret", null,
            "111122223333", "arn:aws:iam::111122223333:user/alice");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00.789Z").toEpochMilli());

    private static AuditPayload json(String body) {
        return AuditPayload.of(WireFormat.JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    private static final java.util.Set<String> KINESIS_DATA_EVENTS = java.util.Set.of("PutRecord", "PutRecords",
            "GetRecords", "GetShardIterator", "SubscribeToShard");

    private static AuditEvent event(String name, AuditPayload request, AuditPayload response, String errorCode) {
        return new AuditEvent("kinesis.amazonaws.com", KINESIS_DATA_EVENTS.contains(name),
                name.startsWith("Describe") || name.startsWith("List") || name.startsWith("Get"), name, "eu-west-1", "10.0.0.7", "aws-cli/2.15", AuditIdentity.of(ALICE), request,
                response, errorCode, errorCode == null ? null : "Stream orders not found", "req-1", "111122223333");
    }

    private List<JsonNode> lines(String file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(file))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void aControlPlaneCallIsOneCloudTrailShapedLine() throws IOException {
        try (AuditLog log = new AuditLog(dir, 1 << 20, 3, false, clock)) {
            log.record(event("CreateStream", json("{\"StreamName\":\"orders\",\"ShardCount\":2}"),
                    json("{}"), null));
        }

        JsonNode line = lines("audit.log").getFirst();
        assertThat(line.get("eventVersion").asText()).isEqualTo("1.09");
        assertThat(line.get("eventTime").asText()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(line.get("eventSource").asText()).isEqualTo("kinesis.amazonaws.com");
        assertThat(line.get("eventName").asText()).isEqualTo("CreateStream");
        assertThat(line.get("awsRegion").asText()).isEqualTo("eu-west-1");
        assertThat(line.get("sourceIPAddress").asText()).isEqualTo("10.0.0.7");
        assertThat(line.get("userAgent").asText()).isEqualTo("aws-cli/2.15");
        assertThat(line.get("userIdentity")).isEqualTo(JSON.readTree("""
                {"type":"IAMUser","principalId":"AKIAALICE","arn":"arn:aws:iam::111122223333:user/alice",
                 "accountId":"111122223333","accessKeyId":"AKIAALICE"}"""));
        assertThat(line.get("requestParameters")).isEqualTo(JSON.readTree("{\"StreamName\":\"orders\",\"ShardCount\":2}"));
        assertThat(line.get("responseElements")).isEqualTo(JSON.readTree("{}"));
        assertThat(line.has("errorCode")).isFalse();
        assertThat(line.get("requestID").asText()).isEqualTo("req-1");
        assertThat(UUID.fromString(line.get("eventID").asText())).isNotNull();
        assertThat(line.get("readOnly").asBoolean()).isFalse();
        assertThat(line.get("eventType").asText()).isEqualTo("AwsApiCall");
        assertThat(line.get("managementEvent").asBoolean()).isTrue();
        assertThat(line.get("eventCategory").asText()).isEqualTo("Management");
        assertThat(line.get("recipientAccountId").asText()).isEqualTo("111122223333");
        assertThat(Files.readString(dir.resolve("audit.log"))).doesNotContain("secret");
    }

    @Test
    void aFailedCallCarriesItsErrorAndReadsAreReadOnly() throws IOException {
        try (AuditLog log = new AuditLog(dir, 1 << 20, 3, false, clock)) {
            log.record(event("DescribeStream", json("{\"StreamName\":\"orders\"}"), null,
                    "ResourceNotFoundException"));
        }

        JsonNode line = lines("audit.log").getFirst();
        assertThat(line.get("errorCode").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(line.get("errorMessage").asText()).isEqualTo("Stream orders not found");
        assertThat(line.get("readOnly").asBoolean()).isTrue();
        assertThat(line.get("responseElements").isNull()).isTrue();
    }

    @Test
    void dataPlaneCallsAreLeftOutUnlessAskedFor() throws IOException {
        try (AuditLog log = new AuditLog(dir, 1 << 20, 3, false, clock)) {
            log.record(event("PutRecord", json("{\"StreamName\":\"orders\"}"), null, null));
            log.record(event("GetRecords", json("{\"ShardIterator\":\"x\"}"), null, null));
            log.record(event("ListStreams", json("{}"), json("{\"StreamNames\":[]}"), null));
        }

        assertThat(lines("audit.log")).extracting(l -> l.get("eventName").asText()).containsExactly("ListStreams");
    }

    @Test
    void firehoseRecordDataIsNeverWritten() throws IOException {
        try (AuditLog log = new AuditLog(dir, 1 << 20, 3, true, clock)) {
            log.record(new AuditEvent("firehose.amazonaws.com", true, false, "PutRecord", "eu-west-1", "10.0.0.7",
                    null, AuditIdentity.of(ALICE), json("{\"DeliveryStreamName\":\"d\",\"Record\":{\"Data\":\"c2VjcmV0\"}}"),
                    null, null, null, "req-1", "111122223333"));
            log.record(new AuditEvent("firehose.amazonaws.com", true, false, "PutRecordBatch", "eu-west-1",
                    "10.0.0.7", null, AuditIdentity.of(ALICE),
                    json("{\"DeliveryStreamName\":\"d\",\"Records\":[{\"Data\":\"c2VjcmV0\"}]}"),
                    null, null, null, "req-2", "111122223333"));
        }

        List<JsonNode> lines = lines("audit.log");
        assertThat(lines.get(0).get("requestParameters")).isEqualTo(JSON.readTree(
                "{\"DeliveryStreamName\":\"d\",\"Record\":{}}"));
        assertThat(lines.get(0).get("eventSource").asText()).isEqualTo("firehose.amazonaws.com");
        assertThat(Files.readString(dir.resolve("audit.log"))).doesNotContain("c2VjcmV0");
    }

    @Test
    void dataPlaneCallsAskedForAreDataEventsWithoutResponseOrRecordData() throws IOException {
        try (AuditLog log = new AuditLog(dir, 1 << 20, 3, true, clock)) {
            log.record(event("PutRecords", json("""
                    {"StreamName":"orders","Records":[{"Data":"c2VjcmV0","PartitionKey":"a"},
                     {"Data":"c2VjcmV0","PartitionKey":"b","ExplicitHashKey":"1"}]}"""),
                    json("{\"Records\":[{\"SequenceNumber\":\"1\"}]}"), null));
            log.record(event("PutRecord", json("{\"StreamName\":\"orders\",\"Data\":\"c2VjcmV0\",\"PartitionKey\":\"a\"}"),
                    null, null));
        }

        List<JsonNode> lines = lines("audit.log");
        assertThat(lines.get(0).get("requestParameters")).isEqualTo(JSON.readTree("""
                {"StreamName":"orders","Records":[{"PartitionKey":"a"},{"PartitionKey":"b","ExplicitHashKey":"1"}]}"""));
        assertThat(lines.get(0).get("responseElements").isNull()).isTrue();
        assertThat(lines.get(0).get("eventCategory").asText()).isEqualTo("Data");
        assertThat(lines.get(0).get("managementEvent").asBoolean()).isFalse();
        assertThat(lines.get(1).get("requestParameters")).isEqualTo(JSON.readTree(
                "{\"StreamName\":\"orders\",\"PartitionKey\":\"a\"}"));
        assertThat(Files.readString(dir.resolve("audit.log"))).doesNotContain("c2VjcmV0");
    }

    @Test
    void cborBodiesAreShownAsJsonWithoutRecordData() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (CBORGenerator gen = new CBORFactory().createGenerator(body)) {
            gen.writeStartObject();
            gen.writeStringField("StreamName", "orders");
            gen.writeFieldName("Data");
            gen.writeBinary(new byte[] {1, 2, 3});
            gen.writeFieldName("Timestamp");
            gen.writeTag(1);
            gen.writeNumber(1722052630682L);
            gen.writeEndObject();
        }

        JsonNode tree = AuditPayload.of(WireFormat.CBOR, body.toByteArray()).tree();

        assertThat(tree).isEqualTo(JSON.readTree("{\"StreamName\":\"orders\",\"Timestamp\":1722052630682}"));
    }

    @Test
    void anUnreadableBodyIsShownAsNull() {
        assertThat(json("{broken").tree().isNull()).isTrue();
        assertThat(json("[1]").tree().isNull()).isTrue();
        assertThat(AuditPayload.of(WireFormat.CBOR, new byte[] {(byte) 0xff}).tree().isNull()).isTrue();
    }

    @Test
    void filesRotateAndAtMostMaxFilesAreKept() throws IOException {
        try (AuditLog log = new AuditLog(dir, 1500, 3, false, clock)) {
            for (int i = 0; i < 20; i++) {
                log.record(event("CreateStream", json("{\"StreamName\":\"s" + i + "\"}"), null, null));
            }
        }

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("audit.log", "audit.log.1", "audit.log.2");
        }
        List<JsonNode> newest = lines("audit.log");
        assertThat(newest.getLast().at("/requestParameters/StreamName").asText()).isEqualTo("s19");
        assertThat(lines("audit.log.1").getLast().at("/requestParameters/StreamName").asText())
                .isEqualTo("s" + (19 - newest.size()));
        for (String file : List.of("audit.log", "audit.log.1", "audit.log.2")) {
            assertThat(Files.size(dir.resolve(file))).isLessThanOrEqualTo(1500);
        }
    }

    @Test
    void concurrentRecordsNeverInterleave() throws Exception {
        int threads = 4;
        int perThread = 200;
        try (AuditLog log = new AuditLog(dir, 1 << 24, 2, false, clock)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.record(event("CreateStream", json("{\"StreamName\":\"t" + id + "-" + i + "\"}"), null,
                                null));
                    }
                }));
            }
            for (Thread writer : writers) {
                writer.join();
            }
        }

        assertThat(lines("audit.log")).hasSize(threads * perThread)
                .extracting(l -> l.at("/requestParameters/StreamName").asText()).doesNotHaveDuplicates();
    }

    @Test
    void anUnverifiedCallerIsOfUnknownType() throws IOException {
        try (AuditLog log = new AuditLog(dir, 1 << 20, 1, false, clock)) {
            log.record(new AuditEvent("kinesis.amazonaws.com", false, true, "ListStreams", "us-east-1", "127.0.0.1", null,
                    AuditIdentity.unverified("local", "000000000000"), null, null, null, null, "r", "000000000000"));
        }

        JsonNode identity = lines("audit.log").getFirst().get("userIdentity");
        assertThat(identity.get("type").asText()).isEqualTo("Unknown");
        assertThat(identity.get("accessKeyId").asText()).isEqualTo("local");
        assertThat(identity.get("arn").isNull()).isTrue();
    }
}
