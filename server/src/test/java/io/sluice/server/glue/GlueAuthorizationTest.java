package io.sluice.server.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.ManualClock;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.glue.GlueCatalog;
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
 * The Glue API behind the secured pipeline: SigV4 for {@code glue}, IAM actions {@code glue:<Operation>} on the
 * catalogue, database and table ARNs, and the audit log's {@code glue.amazonaws.com} events.
 */
class GlueAuthorizationTest {

    private static final String CREDENTIALS = """
            {"users": [
              {"name": "etl", "accessKeyId": "AKIAETL", "secretAccessKey": "etl-secret", "account": "333333333333",
               "policies": [{"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": ["glue:CreateDatabase", "glue:CreateTable", "glue:GetTable"],
                  "Resource": "*"},
                 {"Effect": "Deny", "Action": "glue:GetTable",
                  "Resource": "arn:aws:glue:eu-west-1:333333333333:table/sales/salaries"}]}]}
            ]}""";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_765_000_000_000L);
    private final ObjectMapper json = new ObjectMapper();
    private LocalMetaStore store;
    private AuditLog audit;
    private ApiPipeline secured;

    @BeforeEach
    void open() throws IOException {
        CredentialsFile credentials = CredentialsFile.load(Files.writeString(dir.resolve("credentials.json"),
                CREDENTIALS));
        store = LocalMetaStore.open(dir.resolve("meta"));
        audit = new AuditLog(dir.resolve("audit"), 1 << 20, 2, true, clock);
        secured = Pipeline.secured(credentials, new SigV4Verifier(credentials, clock),
                new Authorizer(arn -> Optional.empty()), audit,
                new ControlPlaneLimiter(clock, LimitSettings.off()), new SimpleMeterRegistry())
                .wrap(new GlueService(new GlueCatalog(store, clock)));
    }

    @AfterEach
    void close() throws IOException {
        audit.close();
        store.close();
    }

    private ApiResponse call(String operation, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(Map.of("host", "localhost:4567",
                "content-type", "application/x-amz-json-1.1", "x-amz-target", "AWSGlue." + operation));
        new RequestSigner("AKIAETL", "etl-secret", "eu-west-1", "glue").sign("POST", "/", "", headers, bytes,
                Instant.ofEpochMilli(clock.millis())).forEach((name, value) -> headers.put(
                name.toLowerCase(Locale.ROOT), value));
        return secured.handle(new ApiRequest("POST", "/", headers, bytes, "10.0.0.7", UUID.randomUUID().toString()));
    }

    @Test
    void callsAreAuthorizedAsGlueActionsOnTheTablesArnAndAudited() throws IOException {
        assertThat(call("CreateDatabase", "{\"DatabaseInput\":{\"Name\":\"sales\"}}").status()).isEqualTo(200);
        for (String table : new String[]{"orders", "salaries"}) {
            assertThat(call("CreateTable", "{\"DatabaseName\":\"sales\",\"TableInput\":{\"Name\":\"" + table
                    + "\"}}").status()).isEqualTo(200);
        }
        ApiResponse orders = call("GetTable", "{\"DatabaseName\":\"sales\",\"Name\":\"orders\"}");
        assertThat(json.readTree(orders.body()).at("/Table/CatalogId").asText()).isEqualTo("333333333333");

        ApiResponse salaries = call("GetTable", "{\"DatabaseName\":\"SALES\",\"Name\":\"Salaries\"}");
        assertThat(salaries.errorType()).isEqualTo("AccessDeniedException");
        assertThat(json.readTree(salaries.body()).get("message").asText()).contains("glue:GetTable",
                "arn:aws:glue:eu-west-1:333333333333:table/sales/salaries");
        assertThat(call("DeleteTable", "{\"DatabaseName\":\"sales\",\"Name\":\"orders\"}").errorType())
                .isEqualTo("AccessDeniedException");

        JsonNode first = json.readTree(Files.readAllLines(dir.resolve("audit/audit.log")).getFirst());
        assertThat(first.get("eventSource").asText()).isEqualTo("glue.amazonaws.com");
        assertThat(first.get("eventName").asText()).isEqualTo("CreateDatabase");
    }
}
