package io.sluice.testkit.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A function the server serves: its handler, the runtime's serializer for the handler's event type, and the
 * answers scripted for its next invocations. Thread-safe (the script is a concurrent queue).
 */
final class RegisteredFunction<I> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaHandler<I> handler;
    private final PojoSerializer<I> input;
    private final Queue<FunctionAnswer> script = new ConcurrentLinkedQueue<>();

    RegisteredFunction(Class<I> eventType, LambdaHandler<I> handler) {
        this.handler = handler;
        this.input = RuntimeSerialization.serializerFor(eventType);
    }

    void script(FunctionAnswer answer) {
        script.add(answer);
    }

    /** The next scripted answer, or null to run the handler straight away. */
    FunctionAnswer nextScripted() {
        return script.poll();
    }

    /** Runs the handler on the payload as the Java runtime would; a failure is the function's error. */
    Outcome run(byte[] payload) {
        try {
            I event = RuntimeSerialization.read(input, payload);
            return new Outcome(RuntimeSerialization.write(handler.handleRequest(event)), null);
        } catch (Exception | Error e) {
            return new Outcome(errorBody(e), "Unhandled");
        }
    }

    /** The Java runtime's error payload: errorMessage, errorType (the class name), stackTrace lines. */
    private static byte[] errorBody(Throwable e) {
        ObjectNode body = JSON.createObjectNode();
        body.put("errorMessage", e.getMessage());
        body.put("errorType", e.getClass().getName());
        ArrayNode trace = body.putArray("stackTrace");
        for (StackTraceElement element : e.getStackTrace()) {
            trace.add(element.toString());
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** What the handler produced: the response body, and {@code Unhandled} when it failed. */
    record Outcome(byte[] body, String functionError) {
    }
}
