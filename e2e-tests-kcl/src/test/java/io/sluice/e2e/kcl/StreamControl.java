package io.sluice.e2e.kcl;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

/** The control-plane calls the tests make: create a stream, list its shards, split one. */
final class StreamControl {

    private final KinesisAsyncClient kinesis;

    StreamControl(KinesisAsyncClient kinesis) {
        this.kinesis = kinesis;
    }

    void create(String stream, int shards) {
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards)).join();
        awaitActive(stream);
    }

    List<Shard> shards(String stream) {
        return kinesis.listShards(r -> r.streamName(stream)).join().shards();
    }

    Shard shard(String stream, String shardId) {
        return shards(stream).stream().filter(s -> s.shardId().equals(shardId)).findFirst().orElseThrow();
    }

    /** Splits the shard into two children of equal hash ranges, and waits until the stream is ACTIVE again. */
    void splitInHalves(String stream, String shardId) {
        Shard parent = shard(stream, shardId);
        BigInteger start = new BigInteger(parent.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(parent.hashKeyRange().endingHashKey());
        BigInteger middle = start.add(end).add(BigInteger.ONE).shiftRight(1);
        kinesis.splitShard(r -> r.streamName(stream).shardToSplit(shardId).newStartingHashKey(middle.toString()))
                .join();
        awaitActive(stream);
    }

    private void awaitActive(String stream) {
        Deadline deadline = Deadline.in(Duration.ofSeconds(10));
        while (kinesis.describeStreamSummary(r -> r.streamName(stream)).join()
                .streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            deadline.sleepOrFail("stream " + stream + " to become ACTIVE");
        }
    }
}
