package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Encodes and decodes the small bodies of the calls off the hot path (stream set-up, shard iterators, GetRecords
 * requests, error answers) with a Jackson tree model. The hot path has its own streaming parsers. Thread-safe.
 */
final class WireCodec {

    private final ObjectMapper mapper;

    WireCodec(BodyFormat format) {
        this.mapper = new ObjectMapper(format.factory());
    }

    ByteBuf encode(Map<String, ?> body) {
        try {
            return Unpooled.wrappedBuffer(mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode decode(ByteBuf body) throws IOException {
        return mapper.readTree(new ByteBufInputStream(body.duplicate()));
    }

    /** The error an answer with a status other than 200 stands for, even when its body is not the API's. */
    ApiError error(int status, ByteBuf body) {
        try {
            JsonNode tree = decode(body);
            String type = tree.path("__type").asText("");
            String message = tree.has("message") ? tree.path("message").asText() : tree.path("Message").asText("");
            if (!type.isEmpty()) {
                return new ApiError(status, ApiError.shortType(type), message);
            }
        } catch (IOException | RuntimeException notTheApisError) {
            // a proxy or a load balancer answered: the status is all there is
        }
        return new ApiError(status, "HTTP" + status, "answer without an AWS error body");
    }
}
