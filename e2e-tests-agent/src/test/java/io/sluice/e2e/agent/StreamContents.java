package io.sluice.e2e.agent;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads every record of a stream with the AWS SDK (GetShardIterator TRIM_HORIZON, GetRecords to the end). */
final class StreamContents {

    private StreamContents() {
    }

    /** The records' data as text, shard after shard, each shard in its order. */
    static List<String> read(KinesisClient kinesis, String stream) {
        List<String> records = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current).limit(10_000));
                for (Record record : response.records()) {
                    records.add(record.data().asString(StandardCharsets.UTF_8));
                }
                if (response.records().isEmpty() && response.millisBehindLatest() == 0) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return records;
    }
}
