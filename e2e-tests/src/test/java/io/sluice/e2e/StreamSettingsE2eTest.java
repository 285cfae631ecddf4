package io.sluice.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.Tag;

import java.util.HashMap;
import java.util.Map;

import static io.sluice.e2e.Errors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/** Tags, enhanced monitoring, stream mode, record size, warm throughput, resource policies, limits, settings. */
class StreamSettingsE2eTest extends SdkE2eTest {

    private static String arn(String name) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
    }

    @Test
    void tagsAreAddedListedPagedAndRemovedByNameOrArn() {
        String name = KinesisContractTest.uniqueName("tags");
        client.createStream(b -> b.streamName(name).shardCount(1).tags(Map.of("team", "data")));
        client.addTagsToStream(b -> b.streamName(name).tags(Map.of("env", "dev", "cost", "42")));
        ListTagsForStreamResponse first = client.listTagsForStream(b -> b.streamName(name).limit(2));
        assertThat(first.tags()).extracting(Tag::key).containsExactly("cost", "env");
        assertThat(first.hasMoreTags()).isTrue();
        ListTagsForStreamResponse rest = client.listTagsForStream(b -> b.streamName(name)
                .exclusiveStartTagKey("env"));
        assertThat(rest.tags()).extracting(Tag::key).containsExactly("team");
        client.removeTagsFromStream(b -> b.streamName(name).tagKeys("cost"));
        client.tagResource(b -> b.resourceARN(arn(name)).tags(Map.of("owner", "me")));
        client.untagResource(b -> b.resourceARN(arn(name)).tagKeys("env"));
        assertThat(client.listTagsForResource(b -> b.resourceARN(arn(name))).tags()).extracting(Tag::key)
                .containsExactly("owner", "team");
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            tooMany.put("k" + i, "v");
        }
        assertAwsError(() -> client.addTagsToStream(b -> b.streamName(name).tags(tooMany)),
                "InvalidArgumentException");
        assertAwsError(() -> client.addTagsToStream(b -> b.streamName(name).tags(Map.of("k".repeat(129), "v"))),
                "ValidationException");
        assertAwsError(() -> client.listTagsForResource(b -> b.resourceARN(arn("nope"))),
                "ResourceNotFoundException");
    }

    @Test
    void enhancedMonitoringReportsCurrentAndDesiredMetrics() {
        String name = KinesisContractTest.uniqueName("mon");
        client.createStream(b -> b.streamName(name).shardCount(1));
        EnableEnhancedMonitoringResponse enabled = client.enableEnhancedMonitoring(b -> b.streamName(name)
                .shardLevelMetrics(MetricsName.INCOMING_BYTES));
        assertThat(enabled.currentShardLevelMetrics()).isEmpty();
        assertThat(enabled.desiredShardLevelMetrics()).containsExactly(MetricsName.INCOMING_BYTES);
        assertThat(client.describeStream(b -> b.streamName(name)).streamDescription().enhancedMonitoring().get(0)
                .shardLevelMetrics()).containsExactly(MetricsName.INCOMING_BYTES);
        assertThat(client.disableEnhancedMonitoring(b -> b.streamName(name).shardLevelMetrics(MetricsName.ALL))
                .desiredShardLevelMetrics()).isEmpty();
    }

    @Test
    void streamModeRecordSizeAndWarmThroughputChange() {
        String name = KinesisContractTest.uniqueName("mode");
        client.createStream(b -> b.streamName(name).shardCount(2));
        assertAwsError(() -> client.updateStreamWarmThroughput(b -> b.streamName(name).warmThroughputMiBps(10)),
                "InvalidArgumentException");
        client.updateStreamMode(b -> b.streamARN(arn(name)).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        client.updateStreamWarmThroughput(b -> b.streamName(name).warmThroughputMiBps(10));
        client.updateMaxRecordSize(b -> b.streamARN(arn(name)).maxRecordSizeInKiB(2048));
        StreamDescriptionSummary summary = client.describeStreamSummary(b -> b.streamName(name))
                .streamDescriptionSummary();
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(summary.maxRecordSizeInKiB()).isEqualTo(2048);
        assertThat(summary.warmThroughput().targetMiBps()).isEqualTo(10);
        client.putRecord(b -> b.streamName(name).partitionKey("big")
                .data(SdkBytes.fromByteArray(new byte[1536 * 1024])));
        assertAwsError(() -> client.updateMaxRecordSize(b -> b.streamARN(arn(name)).maxRecordSizeInKiB(100)),
                "ValidationException");
    }

    @Test
    void resourcePoliciesAreValidatedStoredAndDeleted() {
        String name = KinesisContractTest.uniqueName("policy");
        client.createStream(b -> b.streamName(name).shardCount(1));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":[\"kinesis:GetRecords\"],"
                + "\"Resource\":\"" + arn(name) + "\"}]}";
        client.putResourcePolicy(b -> b.resourceARN(arn(name)).policy(policy));
        assertThat(client.getResourcePolicy(b -> b.resourceARN(arn(name))).policy()).isEqualTo(policy);
        assertAwsError(() -> client.putResourcePolicy(b -> b.resourceARN(arn(name)).policy("{not json")),
                "InvalidArgumentException");
        assertAwsError(() -> client.putResourcePolicy(b -> b.resourceARN(arn(name))
                .policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kinesis:*\"}]}")),
                "InvalidArgumentException");
        client.deleteResourcePolicy(b -> b.resourceARN(arn(name)));
        assertThat(client.getResourcePolicy(b -> b.resourceARN(arn(name))).policy()).isEqualTo("{}");
    }

    @Test
    void limitsAndAccountSettingsAreReported() {
        DescribeLimitsResponse limits = client.describeLimits();
        assertThat(limits.shardLimit()).isEqualTo(500);
        assertThat(limits.onDemandStreamCountLimit()).isEqualTo(50);
        assertThat(limits.openShardCount()).isNotNegative();
        assertThat(client.describeAccountSettings(b -> { }).minimumThroughputBillingCommitment().statusAsString())
                .isEqualTo("DISABLED");
        assertThat(client.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(c -> c.status("ENABLED")))
                .minimumThroughputBillingCommitment().statusAsString()).isEqualTo("ENABLED");
        assertThat(client.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(c -> c.status("DISABLED")))
                .minimumThroughputBillingCommitment().statusAsString()).isEqualTo("ENABLED_UNTIL_EARLIEST_ALLOWED_END");
    }
}
