package io.sluice.server.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiRequest;

import java.util.Objects;

/**
 * One call as it travels through the pipeline: the request, the API and operation it names, the wire format of its
 * body, and what the stages learn on the way — the {@link Caller} (set by authentication) and the decoded input
 * (set once the body is parsed). Outer stages (audit) read what inner ones set, as Armeria's request context
 * carries attributes. Confined to the one thread that serves the call.
 */
public final class ApiCall {

    private final ApiRequest request;
    private final ApiDefinition api;
    private final String operation;
    private final WireFormat format;
    private final Map<Key<?>, Object> derived = new HashMap<>(2);
    private Caller caller;
    private WireObject input;

    /** Names a value an API derives from a call; compared by identity. */
    public static final class Key<T> {
        private final String name;

        public Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    ApiCall(ApiRequest request, ApiDefinition api, String operation, WireFormat format) {
        this.request = Objects.requireNonNull(request, "request");
        this.api = Objects.requireNonNull(api, "api");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.format = Objects.requireNonNull(format, "format");
    }

    public ApiRequest request() {
        return request;
    }

    public ApiDefinition api() {
        return api;
    }

    /** The operation's name as the API's model spells it, e.g. {@code PutRecordBatch}. */
    public String operation() {
        return operation;
    }

    public WireFormat format() {
        return format;
    }

    /** The authenticated caller; null until authentication has run (or when it refused the call). */
    public Caller caller() {
        return caller;
    }

    /** The decoded body; null until it has been parsed (or when it did not parse). */
    public WireObject input() {
        return input;
    }

    /**
     * A value the API derives from this call once and reuses in later stages (authorization, the action, metrics),
     * such as a shard iterator whose signature costs an HMAC to check.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Key<T> key, Function<ApiCall, T> derive) {
        Object value = derived.get(key);
        if (value == null) {
            value = derive.apply(this);
            derived.put(key, value);
        }
        return (T) value;
    }

    void authenticated(Caller newCaller) {
        this.caller = Objects.requireNonNull(newCaller, "caller");
    }

    void decoded(WireObject newInput) {
        this.input = Objects.requireNonNull(newInput, "input");
    }
}
