package io.sluice.server.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.ManualClock;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.pipeline.ApiPipeline;
import io.sluice.server.pipeline.Pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * For tests of the Firehose API: a FirehoseService behind the request pipeline (unsigned calls allowed), on an
 * engine that delivers only when stepped, with a local key store and the local directory destination, called with
 * JSON 1.1 bodies as a client sends them. One test's thread.
 */
final class FirehoseApi implements AutoCloseable {

    /** A call's HTTP status, error type ({@code __type}, null on success) and body. */
    record Answer(int status, String type, JsonNode body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final FirehoseEngine engine;
    private final ApiPipeline service;

    private FirehoseApi(FirehoseEngine engine, ManualClock clock) {
        this.engine = engine;
        this.service = Pipeline.open(true, null, new ControlPlaneLimiter(clock, LimitSettings.off()),
                new SimpleMeterRegistry()).wrap(new FirehoseService(engine));
    }

    /** Delivery streams in {@code dir} that are ACTIVE at once. */
    static FirehoseApi open(Path dir, ManualClock clock) throws IOException {
        return new FirehoseApi(new FirehoseEngine(FirehoseConfig.defaults(dir).withStatusDelays(0, 0), clock, null,
                new LocalDirectoryObjectStore(dir.resolve("objects")), DeliveryObserver.NONE,
                new KmsBufferSealer(LocalKms.open(dir, null, List.of()),
                        LocalMetaStore.open(dir.resolve("keys")))), clock);
    }

    Answer call(String operation, String body) throws Exception {
        ApiResponse response = service.handle(ApiRequest.post("Firehose_20150804." + operation,
                "application/x-amz-json-1.1", null, body.getBytes(StandardCharsets.UTF_8)));
        JsonNode node = json.readTree(response.body());
        return new Answer(response.status(), node.path("__type").asText(null), node);
    }

    FirehoseEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
