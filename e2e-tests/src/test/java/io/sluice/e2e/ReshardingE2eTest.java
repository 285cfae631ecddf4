package io.sluice.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.sluice.e2e.Errors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/** SplitShard, MergeShards and UpdateShardCount through the Java SDK, as the KCL sees their results. */
class ReshardingE2eTest extends SdkE2eTest {

    private static Map<String, Shard> shards(String name) {
        return client.listShards(b -> b.streamName(name)).shards().stream()
                .collect(Collectors.toMap(Shard::shardId, Function.identity()));
    }

    @Test
    void splitThenMergeReportsLineageEndingSequenceNumbersAndChildShards() {
        String name = KinesisContractTest.uniqueName("reshard");
        client.createStream(b -> b.streamName(name).shardCount(1));
        String before = client.putRecord(b -> b.streamName(name).partitionKey("k")
                .data(SdkBytes.fromUtf8String("before"))).sequenceNumber();
        String middle = BigInteger.ONE.shiftLeft(127).toString();
        client.splitShard(b -> b.streamName(name).shardToSplit("shardId-000000000000").newStartingHashKey(middle));

        Map<String, Shard> afterSplit = shards(name);
        assertThat(afterSplit.get("shardId-000000000000").sequenceNumberRange().endingSequenceNumber())
                .isEqualTo(before);
        assertThat(afterSplit.get("shardId-000000000001").parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(afterSplit.get("shardId-000000000002").hashKeyRange().startingHashKey()).isEqualTo(middle);
        assertThat(client.listShards(b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
                .shards()).extracting(Shard::shardId).containsExactly("shardId-000000000001", "shardId-000000000002");

        String after = client.putRecord(b -> b.streamName(name).partitionKey("k")
                .data(SdkBytes.fromUtf8String("after"))).shardId();
        assertThat(after).isIn("shardId-000000000001", "shardId-000000000002");

        String it = client.getShardIterator(b -> b.streamName(name).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        GetRecordsResponse parent = client.getRecords(b -> b.shardIterator(it));
        assertThat(parent.records()).extracting(r -> r.data().asUtf8String()).containsExactly("before");
        assertThat(parent.nextShardIterator()).isNull();
        assertThat(parent.childShards()).extracting(ChildShard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(parent.childShards().get(0).parentShards()).containsExactly("shardId-000000000000");

        assertAwsError(() -> client.mergeShards(b -> b.streamName(name).shardToMerge("shardId-000000000000")
                .adjacentShardToMerge("shardId-000000000001")), "InvalidArgumentException");
        client.mergeShards(b -> b.streamName(name).shardToMerge("shardId-000000000001")
                .adjacentShardToMerge("shardId-000000000002"));
        Shard merged = shards(name).get("shardId-000000000003");
        assertThat(merged.parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(merged.adjacentParentShardId()).isEqualTo("shardId-000000000002");
        assertThat(merged.hashKeyRange().startingHashKey()).isEqualTo("0");
    }

    @Test
    void updateShardCountScalesUniformlyAndRefusesOutOfBoundsTargets() {
        String name = KinesisContractTest.uniqueName("scale");
        client.createStream(b -> b.streamName(name).shardCount(2));
        UpdateShardCountResponse response = client.updateShardCount(b -> b.streamName(name).targetShardCount(3)
                .scalingType("UNIFORM_SCALING"));
        assertThat(response.currentShardCount()).isEqualTo(2);
        assertThat(response.targetShardCount()).isEqualTo(3);
        List<Shard> open = client.listShards(b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
                .shards();
        assertThat(open).hasSize(3);
        assertThat(client.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().openShardCount())
                .isEqualTo(3);
        assertAwsError(() -> client.updateShardCount(b -> b.streamName(name).targetShardCount(7)
                .scalingType("UNIFORM_SCALING")), "InvalidArgumentException");
        assertAwsError(() -> client.splitShard(b -> b.streamName(name).shardToSplit("shardId-000000000099")
                .newStartingHashKey("5")), "ResourceNotFoundException");
        assertAwsError(() -> client.splitShard(b -> b.streamName(name).shardToSplit(open.get(0).shardId())
                .newStartingHashKey(open.get(0).hashKeyRange().startingHashKey())), "InvalidArgumentException");
    }
}
