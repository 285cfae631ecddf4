package io.sluice.mappings.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.mappings.invoke.LambdaInvoker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A function in memory: answers each event with what its handler says, and keeps every event it was given. */
final class ScriptedFunction implements LambdaInvoker {

    /** What the function does with one event. */
    interface Handler {
        Invocation handle(JsonNode event) throws IOException;
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> payloads = Collections.synchronizedList(new ArrayList<>());
    private volatile Handler handler = event -> ok("");

    static Invocation ok(String body) {
        return new Invocation(200, null, body.getBytes(StandardCharsets.UTF_8));
    }

    static Invocation unhandled() {
        return new Invocation(200, "Unhandled", "{\"errorMessage\":\"boom\"}".getBytes(StandardCharsets.UTF_8));
    }

    void answer(Handler next) {
        handler = next;
    }

    @Override
    public Invocation invoke(String function, byte[] payload) throws IOException {
        JsonNode event = JSON.readTree(payload);
        events.add(event);
        payloads.add(new String(payload, StandardCharsets.UTF_8));
        return handler.handle(event);
    }

    List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Every event exactly as it was sent. */
    List<String> payloads() {
        return List.copyOf(payloads);
    }

    int invocations() {
        return events.size();
    }

    /** The data of every record of every event, decoded, in invocation order. */
    List<String> deliveredData() {
        List<String> out = new ArrayList<>();
        for (JsonNode event : events()) {
            out.addAll(data(event));
        }
        return out;
    }

    static List<String> data(JsonNode event) {
        return map(event, r -> new String(Base64.getDecoder().decode(r.get("kinesis").get("data").asText()),
                StandardCharsets.UTF_8));
    }

    static List<String> sequenceNumbers(JsonNode event) {
        return map(event, r -> r.get("kinesis").get("sequenceNumber").asText());
    }

    private static List<String> map(JsonNode event, Function<JsonNode, String> f) {
        List<String> out = new ArrayList<>();
        event.get("Records").forEach(r -> out.add(f.apply(r)));
        return out;
    }

    void clear() {
        events.clear();
        payloads.clear();
    }
}
