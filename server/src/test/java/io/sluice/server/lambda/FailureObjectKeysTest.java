package io.sluice.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Invocation records land in an S3 on-failure destination under Lambda's key layout. */
class FailureObjectKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecordIsFiledUnderItsMappingShardAndDayAtItsTimestamp() throws Exception {
        JsonNode record = JSON.readTree("""
                {"requestContext":{"functionArn":"arn:aws:lambda:us-east-1:000000000000:function:fn"},
                 "timestamp":"2026-03-04T05:06:07.890Z",
                 "KinesisBatchInfo":{"shardId":"shardId-000000000001"}}""");
        String key = FailureObjectKeys.key("4e6b-uuid", record, 0);
        assertThat(key).matches("aws/lambda/4e6b-uuid/shardId-000000000001/2026/03/04/"
                + "2026-03-04T05\\.06\\.07-[0-9a-f-]{36}");
    }

    @Test
    void withoutTheMappingsUuidTheFunctionNameStandsInAndTheClockGivesTheTime() throws Exception {
        JsonNode record = JSON.readTree("""
                {"requestContext":{"functionArn":"arn:aws:lambda:us-east-1:000000000000:function:fn:live"}}""");
        String key = FailureObjectKeys.key(null, record, 86_400_000L);
        assertThat(key).startsWith("aws/lambda/fn_live/unknown-shard/1970/01/02/1970-01-02T00.00.00-");
    }
}
