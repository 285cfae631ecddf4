package io.sluice.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.sluice.e2e.Errors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Data Streams operation of the core, its paging, its iterator types and its bad inputs, driven through the
 * real AWS SDK for Java v2 sync client. Subclasses choose the wire format (CBOR, the SDK default, or JSON).
 */
abstract class KinesisContractTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);

    abstract KinesisClient client();

    static String uniqueName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    String createStream(int shards) {
        String name = uniqueName("s");
        client().createStream(b -> b.streamName(name).shardCount(shards));
        return name;
    }

    @Test
    void createdStreamIsActiveWithShardsSplittingTheHashSpaceEvenly() {
        String name = createStream(3);
        DescribeStreamResponse described = client().describeStream(b -> b.streamName(name));
        assertThat(described.streamDescription().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(described.streamDescription().streamARN())
                .isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + name);
        assertThat(described.streamDescription().retentionPeriodHours()).isEqualTo(24);
        assertThat(described.streamDescription().streamCreationTimestamp())
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        List<Shard> shards = described.streamDescription().shards();
        assertThat(shards).extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        BigInteger width = TWO_128.divide(BigInteger.valueOf(3));
        assertThat(new BigInteger(shards.get(0).hashKeyRange().startingHashKey())).isEqualTo(BigInteger.ZERO);
        assertThat(new BigInteger(shards.get(1).hashKeyRange().startingHashKey())).isEqualTo(width);
        assertThat(new BigInteger(shards.get(2).hashKeyRange().endingHashKey()))
                .isEqualTo(TWO_128.subtract(BigInteger.ONE));
        assertThat(shards.get(0).sequenceNumberRange().startingSequenceNumber()).matches("[1-9]\\d*");
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNull();
    }

    @Test
    void describeStreamSummaryCountsOpenShards() {
        String name = createStream(2);
        StreamDescriptionSummary summary = client().describeStreamSummary(b -> b.streamName(name))
                .streamDescriptionSummary();
        assertThat(summary.openShardCount()).isEqualTo(2);
        assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(summary.consumerCount()).isZero();
    }

    @Test
    void onDemandStreamStartsWithFourShards() {
        String name = uniqueName("od");
        client().createStream(b -> b.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        StreamDescriptionSummary summary = client().describeStreamSummary(b -> b.streamName(name))
                .streamDescriptionSummary();
        assertThat(summary.openShardCount()).isEqualTo(4);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
    }

    @Test
    void describeStreamPagesThroughShards() {
        String name = createStream(5);
        DescribeStreamResponse first = client().describeStream(b -> b.streamName(name).limit(2));
        assertThat(first.streamDescription().shards()).hasSize(2);
        assertThat(first.streamDescription().hasMoreShards()).isTrue();
        DescribeStreamResponse rest = client().describeStream(b -> b.streamName(name)
                .exclusiveStartShardId("shardId-000000000001"));
        assertThat(rest.streamDescription().shards()).extracting(Shard::shardId)
                .containsExactly("shardId-000000000002", "shardId-000000000003", "shardId-000000000004");
        assertThat(rest.streamDescription().hasMoreShards()).isFalse();
    }

    @Test
    void deletedStreamGoesAway() {
        String name = createStream(1);
        client().deleteStream(b -> b.streamName(name));
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline
                && client().listStreams().streamNames().contains(name)) {
            Thread.onSpinWait();
        }
        assertAwsError(() -> client().describeStream(b -> b.streamName(name)), "ResourceNotFoundException");
    }

    @Test
    void listStreamsIsSortedAndPages() {
        List<String> names = IntStream.range(0, 5).mapToObj(i -> createStream(1)).toList();
        List<String> all = new ArrayList<>();
        ListStreamsResponse page = client().listStreams(b -> b.limit(2));
        all.addAll(page.streamNames());
        while (page.hasMoreStreams()) {
            String token = page.nextToken();
            assertThat(token).isNotBlank();
            page = client().listStreams(b -> b.limit(2).nextToken(token));
            all.addAll(page.streamNames());
        }
        assertThat(all).containsAll(names).isSorted().doesNotHaveDuplicates();
        ListStreamsResponse after = client().listStreams(b -> b.exclusiveStartStreamName(names.get(0)));
        assertThat(after.streamNames()).doesNotContain(names.get(0)).contains(names.get(1));
        assertThat(after.streamSummaries()).isNotEmpty();
        assertThat(after.streamSummaries().get(0).streamARN()).contains(":stream/");
    }

    @Test
    void listShardsPagesWithNextToken() {
        String name = createStream(5);
        ListShardsResponse first = client().listShards(b -> b.streamName(name).maxResults(2));
        assertThat(first.shards()).hasSize(2);
        List<String> ids = new ArrayList<>(first.shards().stream().map(Shard::shardId).toList());
        String token = first.nextToken();
        while (token != null) {
            String current = token;
            ListShardsResponse next = client().listShards(b -> b.nextToken(current).maxResults(2));
            next.shards().forEach(s -> ids.add(s.shardId()));
            token = next.nextToken();
        }
        assertThat(ids).hasSize(5).doesNotHaveDuplicates().isSorted();
        String tokenOfFirst = first.nextToken();
        assertAwsError(() -> client().listShards(b -> b.streamName(name).nextToken(tokenOfFirst)),
                "InvalidArgumentException");
        assertAwsError(() -> client().listShards(b -> b.nextToken("bm90IGEgdG9rZW4=")), "InvalidArgumentException");
    }

    @Test
    void listShardsAppliesEveryShardFilter() {
        String name = createStream(3);
        for (ShardFilterType type : List.of(ShardFilterType.AT_LATEST, ShardFilterType.AT_TRIM_HORIZON,
                ShardFilterType.FROM_TRIM_HORIZON)) {
            assertThat(client().listShards(b -> b.streamName(name).shardFilter(f -> f.type(type))).shards())
                    .as(type.toString()).hasSize(3);
        }
        for (ShardFilterType type : List.of(ShardFilterType.AT_TIMESTAMP, ShardFilterType.FROM_TIMESTAMP)) {
            assertThat(client().listShards(b -> b.streamName(name)
                    .shardFilter(f -> f.type(type).timestamp(Instant.now()))).shards()).as(type.toString()).hasSize(3);
        }
        assertThat(client().listShards(b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID)
                .shardId("shardId-000000000000"))).shards()).extracting(Shard::shardId)
                .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(client().listShards(b -> b.streamName(name).exclusiveStartShardId("shardId-000000000001"))
                .shards()).extracting(Shard::shardId).containsExactly("shardId-000000000002");
        assertAwsError(() -> client().listShards(b -> b.streamName(name)
                .shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID))), "InvalidArgumentException");
    }

    @Test
    void putRecordIsReadBackIntactWithArrivalTimeAndPartitionKey() {
        String name = createStream(1);
        byte[] data = new byte[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        PutRecordResponse put = client().putRecord(b -> b.streamName(name).partitionKey("clé-ü-☃")
                .data(SdkBytes.fromByteArray(data)));
        assertThat(put.shardId()).isEqualTo("shardId-000000000000");
        PutRecordResponse empty = client().putRecord(b -> b.streamName(name).partitionKey("k")
                .data(SdkBytes.fromByteArray(new byte[0])));
        assertThat(new BigInteger(empty.sequenceNumber())).isGreaterThan(new BigInteger(put.sequenceNumber()));

        GetRecordsResponse got = client().getRecords(b -> b.shardIterator(iterator(name, "shardId-000000000000",
                ShardIteratorType.TRIM_HORIZON)));
        assertThat(got.records()).hasSize(2);
        Record first = got.records().get(0);
        assertThat(first.data().asByteArray()).isEqualTo(data);
        assertThat(first.partitionKey()).isEqualTo("clé-ü-☃");
        assertThat(first.sequenceNumber()).isEqualTo(put.sequenceNumber());
        assertThat(first.approximateArrivalTimestamp())
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        assertThat(got.records().get(1).data().asByteArray()).isEmpty();
        assertThat(got.millisBehindLatest()).isZero();
        assertThat(got.nextShardIterator()).isNotBlank();
        GetRecordsResponse none = client().getRecords(b -> b.shardIterator(got.nextShardIterator()));
        assertThat(none.records()).isEmpty();
        assertThat(none.nextShardIterator()).isNotBlank();
    }

    @Test
    void recordsRouteByPartitionKeyHashOrExplicitHashKey() throws Exception {
        String name = createStream(4);
        BigInteger width = TWO_128.divide(BigInteger.valueOf(4));
        for (int i = 0; i < 20; i++) {
            String key = "key-" + i;
            BigInteger hash = new BigInteger(1, MessageDigest.getInstance("MD5")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
            int expected = Math.min(3, hash.divide(width).intValue());
            PutRecordResponse put = client().putRecord(b -> b.streamName(name).partitionKey(key)
                    .data(SdkBytes.fromUtf8String("x")));
            assertThat(put.shardId()).isEqualTo(String.format("shardId-%012d", expected));
        }
        PutRecordResponse explicit = client().putRecord(b -> b.streamName(name).partitionKey("any")
                .explicitHashKey(width.multiply(BigInteger.TWO).toString()).data(SdkBytes.fromUtf8String("x")));
        assertThat(explicit.shardId()).isEqualTo("shardId-000000000002");
        PutRecordResponse top = client().putRecord(b -> b.streamName(name).partitionKey("any")
                .explicitHashKey(TWO_128.subtract(BigInteger.ONE).toString()).data(SdkBytes.fromUtf8String("x")));
        assertThat(top.shardId()).isEqualTo("shardId-000000000003");
        assertAwsError(() -> client().putRecord(b -> b.streamName(name).partitionKey("any")
                .explicitHashKey(TWO_128.toString()).data(SdkBytes.fromUtf8String("x"))), "InvalidArgumentException");
    }

    @Test
    void putRecordsOfFiveHundredReturnsOneResultPerRecordInOrder() {
        String name = createStream(3);
        List<PutRecordsRequestEntry> entries = IntStream.range(0, 500)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("pk-" + i)
                        .data(SdkBytes.fromUtf8String("record-" + i)).build())
                .toList();
        PutRecordsResponse response = client().putRecords(b -> b.streamName(name).records(entries));
        assertThat(response.failedRecordCount()).isZero();
        assertThat(response.records()).hasSize(500).allSatisfy(r -> {
            assertThat(r.errorCode()).isNull();
            assertThat(r.sequenceNumber()).isNotBlank();
        });
        Map<String, List<String>> expectedByShard = new TreeMap<>();
        for (int i = 0; i < 500; i++) {
            PutRecordsResultEntry result = response.records().get(i);
            expectedByShard.computeIfAbsent(result.shardId(), k -> new ArrayList<>()).add("record-" + i);
        }
        for (Map.Entry<String, List<String>> shard : expectedByShard.entrySet()) {
            List<String> read = readAll(name, shard.getKey()).stream().map(r -> r.data().asUtf8String()).toList();
            assertThat(read).isEqualTo(shard.getValue());
        }
    }

    @Test
    void everyIteratorTypeStartsWhereItSays() throws InterruptedException {
        String name = createStream(1);
        String shard = "shardId-000000000000";
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            seqs.add(client().putRecord(b -> b.streamName(name).partitionKey("k")
                    .data(SdkBytes.fromUtf8String("r" + n))).sequenceNumber());
        }
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        seqs.add(client().putRecord(b -> b.streamName(name).partitionKey("k")
                .data(SdkBytes.fromUtf8String("r3"))).sequenceNumber());

        assertThat(dataFrom(iterator(name, shard, ShardIteratorType.TRIM_HORIZON))).containsExactly("r0", "r1", "r2", "r3");
        String latest = iterator(name, shard, ShardIteratorType.LATEST);
        assertThat(dataFrom(latest)).isEmpty();
        String at = client().getShardIterator(b -> b.streamName(name).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(seqs.get(1)))
                .shardIterator();
        assertThat(dataFrom(at)).containsExactly("r1", "r2", "r3");
        String after = client().getShardIterator(b -> b.streamName(name).shardId(shard)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(seqs.get(1)))
                .shardIterator();
        assertThat(dataFrom(after)).containsExactly("r2", "r3");
        String atTime = client().getShardIterator(b -> b.streamName(name).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(between)).shardIterator();
        assertThat(dataFrom(atTime)).containsExactly("r3");
        client().putRecord(b -> b.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("r4")));
        assertThat(dataFrom(latest)).containsExactly("r4");
    }

    @Test
    void getRecordsHonoursLimitAndContinuesWithNextIterator() {
        String name = createStream(1);
        List<PutRecordsRequestEntry> entries = IntStream.range(0, 10)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k")
                        .data(SdkBytes.fromUtf8String("r" + i)).build()).toList();
        client().putRecords(b -> b.streamName(name).records(entries));
        GetRecordsResponse first = client().getRecords(b -> b.limit(3)
                .shardIterator(iterator(name, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)));
        assertThat(first.records()).extracting(r -> r.data().asUtf8String()).containsExactly("r0", "r1", "r2");
        GetRecordsResponse rest = client().getRecords(b -> b.shardIterator(first.nextShardIterator()));
        assertThat(rest.records()).hasSize(7);
        assertThat(rest.records().get(0).data().asUtf8String()).isEqualTo("r3");
    }

    @Test
    void streamArnAddressesTheStream() {
        String name = createStream(1);
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
        PutRecordResponse put = client().putRecord(b -> b.streamARN(arn).partitionKey("k")
                .data(SdkBytes.fromUtf8String("via-arn")));
        assertThat(put.shardId()).isEqualTo("shardId-000000000000");
        assertThat(client().describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary().streamName())
                .isEqualTo(name);
        String it = client().getShardIterator(b -> b.streamARN(arn).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertThat(dataFrom(it)).containsExactly("via-arn");
        assertThat(client().listShards(b -> b.streamARN(arn)).shards()).hasSize(1);
    }

    @Test
    void retentionPeriodChangesWithinAwsBounds() {
        String name = createStream(1);
        client().increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(48));
        assertThat(client().describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary()
                .retentionPeriodHours()).isEqualTo(48);
        assertAwsError(() -> client().increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(30)),
                "InvalidArgumentException");
        assertAwsError(() -> client().decreaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(72)),
                "InvalidArgumentException");
        assertAwsError(() -> client().decreaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(12)),
                "InvalidArgumentException");
        assertAwsError(() -> client().increaseStreamRetentionPeriod(b -> b.streamName(name)
                .retentionPeriodHours(8761)), "InvalidArgumentException");
        client().decreaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(24));
        assertThat(client().describeStream(b -> b.streamName(name)).streamDescription().retentionPeriodHours())
                .isEqualTo(24);
    }

    @Test
    void badInputsGetTheAwsErrorTypes() {
        String name = createStream(2);
        String missing = uniqueName("missing");
        AwsServiceException notFound = assertAwsError(() -> client().describeStream(b -> b.streamName(missing)),
                "ResourceNotFoundException");
        assertThat(notFound.statusCode()).isEqualTo(400);
        assertThat(notFound.awsErrorDetails().errorMessage()).contains(missing).contains("not found");
        assertAwsError(() -> client().putRecord(b -> b.streamName(missing).partitionKey("k")
                .data(SdkBytes.fromUtf8String("x"))), "ResourceNotFoundException");
        assertAwsError(() -> client().createStream(b -> b.streamName(name).shardCount(1)), "ResourceInUseException");
        assertAwsError(() -> client().putRecord(b -> b.streamName(name).partitionKey("")
                .data(SdkBytes.fromUtf8String("x"))), "ValidationException");
        assertAwsError(() -> client().putRecord(b -> b.streamName(name).partitionKey("k".repeat(257))
                .data(SdkBytes.fromUtf8String("x"))), "ValidationException");
        assertAwsError(() -> client().putRecord(b -> b.streamName(name).partitionKey("k")
                .data(SdkBytes.fromByteArray(new byte[1024 * 1024 + 1]))), "ValidationException");
        List<PutRecordsRequestEntry> tooMany = IntStream.range(0, 501)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k")
                        .data(SdkBytes.fromUtf8String("x")).build()).toList();
        assertAwsError(() -> client().putRecords(b -> b.streamName(name).records(tooMany)), "ValidationException");
        assertAwsError(() -> client().putRecords(b -> b.streamName(name).records(List.of())), "ValidationException");
        assertAwsError(() -> client().getShardIterator(b -> b.streamName(name).shardId("shardId-000000000009")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)), "ResourceNotFoundException");
        assertAwsError(() -> client().getRecords(b -> b.shardIterator("not-an-iterator")), "InvalidArgumentException");
        String it = iterator(name, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);
        String tampered = it.substring(0, 10) + (it.charAt(10) == 'A' ? 'B' : 'A') + it.substring(11);
        assertAwsError(() -> client().getRecords(b -> b.shardIterator(tampered)), "InvalidArgumentException");
        assertAwsError(() -> client().getRecords(b -> b.shardIterator(it).limit(10001)), "ValidationException");
        assertAwsError(() -> client().createStream(b -> b.streamName("bad name!").shardCount(1)),
                "ValidationException");
        assertAwsError(() -> client().createStream(b -> b.streamName("x".repeat(129)).shardCount(1)),
                "ValidationException");
        assertAwsError(() -> client().createStream(b -> b.streamName(uniqueName("zero")).shardCount(0)),
                "ValidationException");
        String otherShardSeq = client().putRecord(b -> b.streamName(name).partitionKey("k")
                .explicitHashKey("0").data(SdkBytes.fromUtf8String("x"))).sequenceNumber();
        assertAwsError(() -> client().getShardIterator(b -> b.streamName(name).shardId("shardId-000000000001")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(otherShardSeq)),
                "InvalidArgumentException");
        assertAwsError(() -> client().getShardIterator(b -> b.streamName(name).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.now().plus(Duration.ofHours(1)))),
                "InvalidArgumentException");
        assertAwsError(() -> client().registerStreamConsumer(b -> b.streamARN(
                "arn:aws:kinesis:us-east-1:000000000000:stream/" + missing).consumerName("c")),
                "ResourceNotFoundException");
    }

    String iterator(String stream, String shard, ShardIteratorType type) {
        return client().getShardIterator(b -> b.streamName(stream).shardId(shard).shardIteratorType(type))
                .shardIterator();
    }

    List<String> dataFrom(String iterator) {
        return client().getRecords(b -> b.shardIterator(iterator)).records().stream()
                .map(r -> r.data().asUtf8String()).collect(Collectors.toList());
    }

    List<Record> readAll(String stream, String shard) {
        List<Record> records = new ArrayList<>();
        String it = iterator(stream, shard, ShardIteratorType.TRIM_HORIZON);
        while (true) {
            String current = it;
            GetRecordsResponse response = client().getRecords(b -> b.shardIterator(current));
            if (response.records().isEmpty()) {
                return records;
            }
            records.addAll(response.records());
            it = response.nextShardIterator();
        }
    }
}
