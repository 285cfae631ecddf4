package io.sluice.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.ManualClock;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.protocol.sigv4.RequestSigner;
import io.sluice.protocol.sigv4.SigV4Verifier;
import io.sluice.server.auth.AuditLog;
import io.sluice.server.auth.Authorizer;
import io.sluice.server.auth.CredentialsFile;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A made-up API registered with the pipeline gets every stage, in order, and cannot be reached around them. */
class ApiPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIALS = """
            {"users": [
              {"name": "alice", "accessKeyId": "AKIAALICE", "secretAccessKey": "alice-secret", "account": "111111111111",
               "policies": [{"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": ["fake:*", "other:Read"], "Resource": "*"}]}]},
              {"name": "bob", "accessKeyId": "AKIABOB", "secretAccessKey": "bob-secret", "account": "222222222222",
               "policies": [{"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": "fake:*", "Resource": "*"},
                 {"Effect": "Deny", "Action": "fake:Echo", "Resource": "arn:aws:fake:*:*:thing/secret"}]}]}
            ]}""";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeApi api = new FakeApi();
    private AuditLog audit;
    private ApiPipeline secured;

    @BeforeEach
    void wrap() throws IOException {
        Path file = Files.writeString(dir.resolve("credentials.json"), CREDENTIALS);
        CredentialsFile credentials = CredentialsFile.load(file);
        audit = new AuditLog(dir.resolve("audit"), 1 << 20, 2, true, clock);
        LimitSettings limits = LimitSettings.parse("aws", Map.of("control-plane.CreateStream", "1"));
        secured = Pipeline.secured(credentials, new SigV4Verifier(credentials, clock),
                new Authorizer(arn -> Optional.empty()), audit, new ControlPlaneLimiter(clock, limits), registry)
                .wrap(api);
    }

    @AfterEach
    void close() throws IOException {
        audit.close();
    }

    private ApiRequest request(String operation, String body, String key, String secret, String service) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(Map.of("host", "localhost:4567",
                "content-type", "application/x-amz-json-1.1", "x-amz-target", "Fake_20260101." + operation));
        if (key != null) {
            new RequestSigner(key, secret, "eu-west-1", service).sign("POST", "/", "", headers, bytes,
                    Instant.ofEpochMilli(clock.millis())).forEach((name, value) -> headers.put(
                    name.toLowerCase(java.util.Locale.ROOT), value));
        }
        return new ApiRequest("POST", "/", headers, bytes, "10.0.0.7", UUID.randomUUID().toString());
    }

    private ApiResponse alice(String operation, String body) {
        return secured.handle(request(operation, body, "AKIAALICE", "alice-secret", "fake"));
    }

    private static JsonNode json(ApiResponse response) throws IOException {
        return JSON.readTree(response.body());
    }

    private List<JsonNode> auditLines() throws IOException {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("audit/audit.log"))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void aSignedAllowedCallPassesEveryStageAndActsInTheCallersAccountAndRegion() throws IOException {
        ApiResponse response = alice("Echo", "{\"Thing\":\"a\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).get("Account").asText()).isEqualTo("111111111111");
        assertThat(json(response).get("Region").asText()).isEqualTo("eu-west-1");
        assertThat(api.served).containsExactly("Echo");
        assertThat(api.throttled).containsExactly("Echo");
        assertThat(api.metered).containsExactly("Echo ok");
        assertThat(registry.find("sluice.api.requests").tags("api", "fake", "operation", "Echo",
                "outcome", "Success").timer().count()).isEqualTo(1);
        JsonNode line = auditLines().getFirst();
        assertThat(line.get("eventSource").asText()).isEqualTo("fake.amazonaws.com");
        assertThat(line.get("eventName").asText()).isEqualTo("Echo");
        assertThat(line.get("readOnly").asBoolean()).isTrue();
        assertThat(line.get("userIdentity").get("arn").asText()).isEqualTo("arn:aws:iam::111111111111:user/alice");
        assertThat(line.get("recipientAccountId").asText()).isEqualTo("111111111111");
    }

    @Test
    void anUnsignedCallIsRefusedBeforeTheApiSeesItAndIsAudited() throws IOException {
        ApiResponse response = secured.handle(request("Echo", "{\"Thing\":\"a\"}", null, null, null));

        assertThat(response.errorType()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(json(response).get("message").asText()).isEqualTo("Missing Authentication Token");
        assertThat(api.served).isEmpty();
        assertThat(api.throttled).isEmpty();
        assertThat(auditLines().getFirst().get("errorCode").asText()).isEqualTo("MissingAuthenticationTokenException");
    }

    @Test
    void aWrongSecretOrAnotherServicesSignatureIsRefused() {
        assertThat(secured.handle(request("Echo", "{\"Thing\":\"a\"}", "AKIAALICE", "wrong", "fake")).errorType())
                .isEqualTo("InvalidSignatureException");
        assertThat(secured.handle(request("Echo", "{\"Thing\":\"a\"}", "AKIAALICE", "alice-secret", "kinesis"))
                .errorType()).isEqualTo("InvalidSignatureException");
        assertThat(secured.handle(request("Echo", "{\"Thing\":\"a\"}", "AKIANOBODY", "x", "fake")).errorType())
                .isEqualTo("UnrecognizedClientException");
        assertThat(api.served).isEmpty();
    }

    @Test
    void aPolicyDenialNamesTheIamActionAndTheResourceTheApiNamed() throws IOException {
        ApiResponse response = secured.handle(request("Echo", "{\"Thing\":\"secret\"}", "AKIABOB", "bob-secret",
                "fake"));

        assertThat(response.errorType()).isEqualTo("AccessDeniedException");
        assertThat(json(response).get("message").asText()).contains("fake:Echo")
                .contains("arn:aws:fake:eu-west-1:222222222222:thing/secret");
        assertThat(api.served).isEmpty();
        assertThat(api.throttled).as("refused before the call rates count it").isEmpty();
        assertThat(auditLines().getFirst().get("errorCode").asText()).isEqualTo("AccessDeniedException");
    }

    @Test
    void actionsCheckWhatTheCallerMayDoOnOtherResources() throws IOException {
        String from = "{\"Thing\":\"a\",\"From\":\"arn:aws:other:eu-west-1:111111111111:x/y\"}";
        assertThat(alice("Borrow", from).status()).isEqualTo(200);
        ApiResponse denied = secured.handle(request("Borrow", from, "AKIABOB", "bob-secret", "fake"));
        assertThat(denied.errorType()).isEqualTo("AccessDeniedException");
        assertThat(json(denied).get("message").asText()).contains("other:Read");
    }

    @Test
    void aCallPastTheRateIsRefusedBeforeTheApiSeesIt() {
        assertThat(alice("Echo", "{\"Thing\":\"a\"}").status()).isEqualTo(200);
        ApiResponse second = alice("Echo", "{\"Thing\":\"a\"}");
        assertThat(second.errorType()).isEqualTo("LimitExceededException");
        assertThat(api.served).containsExactly("Echo");
    }

    @Test
    void aCrashInsideTheApiAnswersItsInternalErrorAndIsMeteredAndAudited() throws IOException {
        ApiResponse response = alice("Crash", "{\"Thing\":\"a\"}");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.errorType()).isEqualTo("InternalFailureException");
        assertThat(api.metered).containsExactly("Crash failed");
        assertThat(auditLines().getFirst().get("errorCode").asText()).isEqualTo("InternalFailureException");
    }

    @Test
    void operationsOfOtherApisAndUnknownOperationsAreNotServed() {
        assertThat(secured.accepts(request("Echo", "{}", null, null, null))).isTrue();
        ApiRequest kinesis = new ApiRequest("POST", "/", Map.of("x-amz-target", "Kinesis_20131202.ListStreams"),
                new byte[0], "127.0.0.1", "r");
        assertThat(secured.accepts(kinesis)).isFalse();
        assertThat(alice("MakeCoffee", "{}").errorType()).isEqualTo("UnknownOperationException");
        assertThat(api.served).isEmpty();
    }

    @Test
    void anOpenServerRefusesUnsignedCallsUnlessAllowedAndTrustsAnySignature() throws IOException {
        ControlPlaneLimiter limiter = new ControlPlaneLimiter(clock, LimitSettings.off());
        ApiPipeline strict = Pipeline.open(false, null, limiter, registry).wrap(api);
        ApiPipeline lenient = Pipeline.open(true, null, limiter, registry).wrap(api);

        assertThat(strict.handle(request("Echo", "{\"Thing\":\"a\"}", null, null, null)).errorType())
                .isEqualTo("MissingAuthenticationTokenException");
        ApiResponse anySignature = strict.handle(request("Echo", "{\"Thing\":\"a\"}", "anything", "x", "fake"));
        assertThat(anySignature.status()).isEqualTo(200);
        assertThat(json(anySignature).get("Account").asText()).isEqualTo("000000000000");
        assertThat(json(anySignature).get("Region").asText()).isEqualTo("eu-west-1");
        ApiResponse unsigned = lenient.handle(request("Echo", "{\"Thing\":\"a\"}", null, null, null));
        assertThat(json(unsigned).get("Region").asText()).isEqualTo("us-east-1");
    }
}
