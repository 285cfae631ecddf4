package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PutResponseParserTest {

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void noFailedRecordMeansAllAcknowledged(BodyFormat format) throws IOException {
        ByteBuf body = encode(format, Map.of("FailedRecordCount", 0, "Records", List.of(
                Map.of("SequenceNumber", "1", "ShardId", "shardId-000000000000"),
                Map.of("SequenceNumber", "2", "ShardId", "shardId-000000000001"))));

        assertThat(new PutResponseParser(format).parse(body, 2)).isEqualTo(PutOutcome.allAcked(2));
    }

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void throttledRecordsAreCountedApartFromOtherErrors(BodyFormat format) throws IOException {
        // Records before FailedRecordCount: the parser must not rely on the order of members
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Records", List.of(
                Map.of("SequenceNumber", "1", "ShardId", "shardId-000000000000"),
                Map.of("ErrorCode", "ProvisionedThroughputExceededException", "ErrorMessage", "slow down"),
                Map.of("ErrorCode", "InternalFailure", "ErrorMessage", "oops"),
                Map.of("ErrorCode", "ProvisionedThroughputExceededException", "ErrorMessage", "slow down")));
        answer.put("FailedRecordCount", 3);
        ByteBuf body = encode(format, answer);

        PutOutcome outcome = new PutResponseParser(format).parse(body, 4);

        assertThat(outcome).isEqualTo(new PutOutcome(1, 2, Map.of("InternalFailure", 1)));
        assertThat(outcome.failedCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void anAnswerThatIsNotAnObjectIsRefused(BodyFormat format) {
        ByteBuf body = encode(format, List.of(1, 2));

        assertThatThrownBy(() -> new PutResponseParser(format).parse(body, 2)).isInstanceOf(IOException.class);
    }

    static ByteBuf encode(BodyFormat format, Object value) {
        try {
            return Unpooled.wrappedBuffer(new ObjectMapper(format.factory()).writeValueAsBytes(value));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
