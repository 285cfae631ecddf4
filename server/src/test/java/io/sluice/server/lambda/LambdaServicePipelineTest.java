package io.sluice.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.ManualClock;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingRuntime;
import io.sluice.mappings.catalog.MappingCatalog;
import io.sluice.protocol.sigv4.RequestSigner;
import io.sluice.protocol.sigv4.SigV4Verifier;
import io.sluice.server.auth.AuditLog;
import io.sluice.server.auth.Authorizer;
import io.sluice.server.auth.CredentialsFile;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.pipeline.ApiPipeline;
import io.sluice.server.pipeline.Pipeline;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda's mapping API behind the request pipeline: calls signed for {@code lambda} by a user allowed
 * {@code lambda:*} pass; IAM refuses an action the user is denied with Lambda's 403; a signature for another
 * service is refused; every call is audited as {@code lambda.amazonaws.com} and metered.
 */
class LambdaServicePipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM = "arn:aws:kinesis:eu-west-1:111111111111:stream/orders";
    private static final String CREDENTIALS = """
            {"users": [
              {"name": "alice", "accessKeyId": "AKIAALICE", "secretAccessKey": "alice-secret", "account": "111111111111",
               "policies": [{"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": "lambda:*", "Resource": "*"}]}]},
              {"name": "bob", "accessKeyId": "AKIABOB", "secretAccessKey": "bob-secret", "account": "111111111111",
               "policies": [{"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": "lambda:*", "Resource": "*"},
                 {"Effect": "Deny", "Action": "lambda:CreateEventSourceMapping", "Resource": "*"}]}]}
            ]}""";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private LocalMetaStore store;
    private AuditLog audit;
    private ApiPipeline lambda;

    @BeforeEach
    void wrap() throws IOException {
        CredentialsFile credentials = CredentialsFile.load(Files.writeString(dir.resolve("c.json"), CREDENTIALS));
        audit = new AuditLog(dir.resolve("audit"), 1 << 20, 2, true, clock);
        store = LocalMetaStore.open(dir.resolve("meta"));
        MappingCatalog catalog = new MappingCatalog(store, (account, region, arn) -> arn.equals(STREAM),
                new StoppedRuntime(), Runnable::run, clock);
        lambda = Pipeline.secured(credentials, new SigV4Verifier(credentials, clock),
                new Authorizer(arn -> Optional.empty()), audit,
                new ControlPlaneLimiter(clock, LimitSettings.parse("aws", Map.of())), registry)
                .wrap(new LambdaService(new MappingActions(catalog, new StoppedRuntime())));
    }

    @AfterEach
    void close() throws IOException {
        audit.close();
        store.close();
    }

    @Test
    void anAllowedCallIsServedAuditedAsLambdaAndMetered() throws IOException {
        ApiResponse created = lambda.handle(request("POST", "/2015-03-31/event-source-mappings/", "{\"FunctionName\":"
                + "\"fn\",\"EventSourceArn\":\"" + STREAM + "\",\"StartingPosition\":\"LATEST\"}", "AKIAALICE",
                "alice-secret", "lambda"));

        assertThat(created.status()).as(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        JsonNode mapping = JSON.readTree(created.body());
        assertThat(mapping.get("FunctionArn").asText()).isEqualTo("arn:aws:lambda:eu-west-1:111111111111:function:fn");
        ApiResponse got = lambda.handle(request("GET", "/2015-03-31/event-source-mappings/"
                + mapping.get("UUID").asText(), "", "AKIAALICE", "alice-secret", "lambda"));
        assertThat(got.status()).isEqualTo(200);
        JsonNode line = JSON.readTree(Files.readAllLines(dir.resolve("audit/audit.log")).getFirst());
        assertThat(line.get("eventSource").asText()).isEqualTo("lambda.amazonaws.com");
        assertThat(line.get("eventName").asText()).isEqualTo("CreateEventSourceMapping");
        assertThat(registry.find("sluice.api.requests").tags("api", "lambda", "operation",
                "GetEventSourceMapping", "outcome", "Success").timer().count()).isEqualTo(1);
    }

    @Test
    void aDeniedActionIsRefusedWithLambdas403BeforeTheCatalogueSeesIt() throws IOException {
        ApiResponse refused = lambda.handle(request("POST", "/2015-03-31/event-source-mappings/",
                "{\"FunctionName\":\"fn\",\"EventSourceArn\":\"" + STREAM + "\",\"StartingPosition\":\"LATEST\"}",
                "AKIABOB", "bob-secret", "lambda"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorType()).isEqualTo("AccessDeniedException");
        assertThat(JSON.readTree(refused.body()).get("message").asText())
                .contains("lambda:CreateEventSourceMapping");
        ApiResponse list = lambda.handle(request("GET", "/2015-03-31/event-source-mappings/", "", "AKIABOB",
                "bob-secret", "lambda"));
        assertThat(JSON.readTree(list.body()).get("EventSourceMappings")).isEmpty();
    }

    @Test
    void aSignatureForAnotherServiceIsRefused() {
        ApiResponse refused = lambda.handle(request("GET", "/2015-03-31/event-source-mappings/", "", "AKIAALICE",
                "alice-secret", "kinesis"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorType()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void aLambdaOperationSluiceDoesNotServeSaysSo() throws IOException {
        ApiResponse invoke = lambda.handle(request("POST", "/2015-03-31/functions/fn/invocations", "{}",
                "AKIAALICE", "alice-secret", "lambda"));

        assertThat(invoke.status()).isEqualTo(404);
        assertThat(invoke.errorType()).isEqualTo("UnknownOperationException");
        assertThat(JSON.readTree(invoke.body()).get("message").asText()).contains("event source mapping");
    }

    private ApiRequest request(String method, String uri, String body, String key, String secret, String service) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(Map.of("host", "localhost:4567"));
        if (!body.isEmpty()) {
            headers.put("content-type", "application/json");
        }
        int query = uri.indexOf('?');
        new RequestSigner(key, secret, "eu-west-1", service).sign(method, query < 0 ? uri : uri.substring(0, query),
                query < 0 ? "" : uri.substring(query + 1), headers, bytes, Instant.ofEpochMilli(clock.millis()))
                .forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        return new ApiRequest(method, uri, headers, bytes, "10.0.0.7", UUID.randomUUID().toString());
    }

    /** Pollers that never run: this test is about the API. */
    private static final class StoppedRuntime implements MappingRuntime {
        @Override
        public void run(EventSourceMapping mapping) {
        }

        @Override
        public void stop(String uuid) {
        }

        @Override
        public void forget(String uuid) {
        }

        @Override
        public String lastProcessingResult(String uuid) {
            return null;
        }
    }
}
