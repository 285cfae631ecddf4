package io.sluice.testkit.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads events and writes responses the way the Lambda Java runtime does: a type the serialization library knows as
 * a Lambda event ({@code KinesisEvent}, {@code KinesisTimeWindowEvent}, ...) through
 * {@link LambdaEventSerializers#serializerFor} with its mix-ins (base64 {@code data} to a ByteBuffer, epoch seconds
 * with fractions to a Date), anything else through the library's plain {@link JacksonFactory}. Stateless; the
 * library's serializers are thread-safe.
 */
final class RuntimeSerialization {

    private RuntimeSerialization() {
    }

    @SuppressWarnings("unchecked")
    static <T> PojoSerializer<T> serializerFor(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, type.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    static <T> T read(PojoSerializer<T> serializer, byte[] payload) {
        return serializer.fromJson(new ByteArrayInputStream(payload));
    }

    /** A handler's result as the runtime writes it; a null result is JSON {@code null}. */
    @SuppressWarnings("unchecked")
    static byte[] write(Object result) {
        if (result == null) {
            return "null".getBytes(StandardCharsets.UTF_8);
        }
        PojoSerializer<Object> serializer = (PojoSerializer<Object>) serializerFor(result.getClass());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(result, out);
        return out.toByteArray();
    }
}
