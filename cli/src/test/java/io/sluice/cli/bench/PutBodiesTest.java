package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PutBodiesTest {

    @Test
    void singleRecordCallsGoOutWithManyDifferentPartitionKeys() throws IOException {
        PutBodies bodies = new PutBodies(BodyFormat.JSON, Payload.BINARY, "s", true, Set.of(1), 100, new Random(1));
        Set<String> keys = new HashSet<>();

        for (int i = 0; i < 2000; i++) {
            keys.add(partitionKey(bodies.next(1)));
        }

        assertThat(keys).hasSizeGreaterThanOrEqualTo(1000);
    }

    @Test
    void servesEachShapeItWasBuiltFor() {
        PutBodies bodies = new PutBodies(BodyFormat.CBOR, Payload.BINARY, "s", false, Set.of(500, 7), 100, new Random(1));

        assertThat(bodies.next(500).records()).isEqualTo(500);
        assertThat(bodies.next(7).records()).isEqualTo(7);
        assertThatThrownBy(() -> bodies.next(8)).hasMessageContaining("no template of 8 records");
    }

    private static String partitionKey(PutBodyTemplate template) throws IOException {
        ByteBuf body = Unpooled.buffer();
        template.writeTo(body, 0, 0, 0);
        JsonNode tree = new ObjectMapper().readTree(ByteBufUtil.getBytes(body));
        return tree.path("PartitionKey").asText();
    }
}
