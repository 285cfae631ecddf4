package io.sluice.protocol.eventstream;

import java.util.Map;

/**
 * One message of an AWS event stream: string headers (the only kind Kinesis sends) and a payload.
 * Header order is kept as given.
 */
public record EventStreamMessage(Map<String, String> headers, byte[] payload) {

    public EventStreamMessage {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    /** An {@code event} message of the given type with a JSON payload. */
    public static EventStreamMessage event(String eventType, byte[] json) {
        return new EventStreamMessage(Map.of(":message-type", "event", ":event-type", eventType,
                ":content-type", "application/json"), json);
    }

    /** A modeled {@code exception} message, e.g. ResourceInUseException, with {@code {"message": ...}}. */
    public static EventStreamMessage exception(String exceptionType, byte[] json) {
        return new EventStreamMessage(Map.of(":message-type", "exception", ":exception-type", exceptionType,
                ":content-type", "application/json"), json);
    }
}
