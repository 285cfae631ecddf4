package io.sluice.server.analytics;

import io.sluice.analytics.app.StartingPosition;
import io.sluice.common.Clock;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.engine.GetRecordsResult;
import io.sluice.engine.IteratorType;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.ReadRecord;
import io.sluice.engine.ShardMeta;
import io.sluice.engine.StreamKey;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads sample records of a Kinesis stream through the engine's data plane, as DiscoverInputSchema does: up to
 * {@value #MAX_RECORDS} records, shard by shard. TRIM_HORIZON reads from each shard's oldest record. NOW reads
 * what arrived in the last {@value #NOW_LOOKBACK_MILLIS} ms: KDA samples what arrives during a few seconds after
 * the call, which a synchronous call of Sluice cannot wait for, so it looks back as far instead.
 *
 * <p>Thread-safe (the engine is; each call keeps its own state).
 */
final class StreamSampler {

    static final int MAX_RECORDS = 100;
    static final long NOW_LOOKBACK_MILLIS = 10_000;
    private static final int READS_PER_SHARD = 10;

    private final KinesisEngine kinesis;
    private final Clock clock;

    StreamSampler(KinesisEngine kinesis, Clock clock) {
        this.kinesis = kinesis;
        this.clock = clock;
    }

    List<byte[]> sample(String streamArn, StartingPosition position) {
        StreamArn arn = StreamArn.parseOrNull(streamArn);
        if (arn == null) {
            throw ServiceException.invalidArgument("ResourceARN " + streamArn + " is not a Kinesis stream ARN.");
        }
        if (position == StartingPosition.LAST_STOPPED_POINT) {
            throw ServiceException.invalidArgument("InputStartingPosition LAST_STOPPED_POINT needs an application "
                    + "that stopped; discovery reads from NOW or TRIM_HORIZON.");
        }
        StreamKey key = new StreamKey(arn.account(), arn.region(), arn.streamName());
        List<ShardMeta> shards;
        try {
            shards = kinesis.describe(key).meta().shards();
        } catch (ServiceException e) {
            if (e.type() == ErrorType.RESOURCE_NOT_FOUND) {
                throw ServiceException.invalidArgument("Kinesis stream " + streamArn + " does not exist.");
            }
            throw e;
        }
        List<byte[]> records = new ArrayList<>();
        for (ShardMeta shard : shards) {
            String iterator = position == StartingPosition.TRIM_HORIZON
                    ? kinesis.records().getShardIterator(key, shard.id().toString(), IteratorType.TRIM_HORIZON,
                    null, null)
                    : kinesis.records().getShardIterator(key, shard.id().toString(), IteratorType.AT_TIMESTAMP,
                    null, clock.millis() - NOW_LOOKBACK_MILLIS);
            for (int read = 0; read < READS_PER_SHARD && iterator != null && records.size() < MAX_RECORDS; read++) {
                GetRecordsResult result = kinesis.records().getRecords(iterator, MAX_RECORDS - records.size());
                for (ReadRecord record : result.records()) {
                    records.add(record.data());
                }
                if (result.records().isEmpty() && result.millisBehindLatest() == 0) {
                    break;
                }
                iterator = result.nextShardIterator();
            }
        }
        return records;
    }
}
