package io.sluice.e2e.kcl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis Client Library 3.x itself consumes from Sluice: enhanced fan-out and polling, through a shard split,
 * and with KPL-aggregated records. Its leases live in DynamoDB Local; CloudWatch metrics are off.
 *
 * <p>The tests run at the same time, each with its own stream and KCL application: most of a KCL worker's start is
 * waiting (10 s for the lease table's index, then a random 1 to 30 s before it lists the shards of a new application),
 * and one after the other they would take minutes.
 */
@Execution(ExecutionMode.CONCURRENT)
class KclE2eTest {

    private static final Logger LOG = LoggerFactory.getLogger(KclE2eTest.class);

    /**
     * Of these, key-1 hashes into the lower and key-3 and key-7 into the upper half of shard 0, so both of its
     * children get records after the split; the other keys go to shard 1.
     */
    private static final List<String> KEYS = IntStream.range(0, 8).mapToObj(i -> "key-" + i).toList();
    private static final String SPLIT_SHARD = "shardId-000000000000";
    private static final String OTHER_SHARD = "shardId-000000000001";
    /** Covers a KCL worker's start (about 10 to 45 s, see above) up to its first records. */
    private static final Duration KCL_START = Duration.ofSeconds(60);
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @RegisterExtension
    static final SluiceServerExtension SLUICE = new SluiceServerExtension();

    private static DynamoDbLocal dynamoDb;
    private static LocalClients clients;
    private static StreamControl control;

    @BeforeAll
    static void start() throws Exception {
        dynamoDb = DynamoDbLocal.start();
        clients = new LocalClients(SLUICE.endpoint(), dynamoDb.endpoint());
        control = new StreamControl(clients.plain);
    }

    @AfterAll
    static void stop() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (dynamoDb != null) {
            dynamoDb.stop();
        }
    }

    @Test
    void fanOutConsumerGetsEveryRecordInKeyOrderAcrossASplit() throws Exception {
        consumesEveryRecordInKeyOrderAcrossASplit("kcl-fan-out", KclWorker.Retrieval.FAN_OUT);
    }

    @Test
    void pollingConsumerGetsEveryRecordInKeyOrderAcrossASplit() throws Exception {
        consumesEveryRecordInKeyOrderAcrossASplit("kcl-polling", KclWorker.Retrieval.POLLING);
    }

    private void consumesEveryRecordInKeyOrderAcrossASplit(String name, KclWorker.Retrieval retrieval)
            throws Exception {
        control.create(name, 2);
        Deliveries deliveries = new Deliveries();
        KclWorker worker = KclWorker.start(clients, name, name, retrieval, deliveries);
        KeyedProducer producer = KeyedProducer.start(clients.plain, name, KEYS);
        try {
            try {
                Deadline.await(KCL_START, "records from both shards",
                        () -> deliveries.anyFrom(SPLIT_SHARD) && deliveries.anyFrom(OTHER_SHARD),
                        deliveries::summary);
                control.splitInHalves(name, SPLIT_SHARD);
                List<String> children = control.shards(name).stream()
                        .filter(s -> SPLIT_SHARD.equals(s.parentShardId())).map(Shard::shardId).toList();
                assertThat(children).hasSize(2);
                Deadline.await(DELIVERY, "the parent to end and both children to deliver",
                        () -> deliveries.hasEnded(SPLIT_SHARD) && children.stream().allMatch(deliveries::anyFrom),
                        deliveries::summary);
            } finally {
                producer.stop();
            }
            Deadline.await(DELIVERY, "every written record",
                    () -> new DeliveryAudit(producer.written(), deliveries.all()).missing().isEmpty(),
                    () -> new DeliveryAudit(producer.written(), deliveries.all()).missing().size() + " missing; "
                            + deliveries.summary());
        } finally {
            worker.shutDownGracefully();
        }
        Map<String, Integer> written = producer.written();
        DeliveryAudit audit = new DeliveryAudit(written, deliveries.all());
        int total = written.values().stream().mapToInt(Integer::intValue).sum();
        LOG.info("{}: {} records written, {} deliveries, duplicates: {}", name, total, deliveries.all().size(),
                audit.duplicates());
        assertThat(audit.missing()).as("written but never processed").isEmpty();
        assertThat(audit.unexpected()).as("processed but never written").isEmpty();
        assertThat(audit.keysOutOfOrder()).as("keys whose first deliveries came out of order").isEmpty();
        assertThat(deliveries.checkpointFailures()).isEmpty();
    }

    @Test
    void kplAggregatesReachTheProcessorAsUserRecordsWithSubSequenceNumbers() throws Exception {
        String name = "kcl-deaggregation";
        control.create(name, 2);
        List<KplAggregate.UserRecord> userRecords = IntStream.range(0, 60)
                .mapToObj(i -> new KplAggregate.UserRecord("user-" + i, "user-record-" + i)).toList();
        // Like the KPL, aggregate only user records whose hash keys fall into the same shard, at most 10 at a time.
        List<String> shardOfAggregate = new ArrayList<>();
        List<List<KplAggregate.UserRecord>> aggregates = new ArrayList<>();
        for (Shard shard : control.shards(name)) {
            List<KplAggregate.UserRecord> inShard = userRecords.stream()
                    .filter(r -> contains(shard, KplAggregate.hashKey(r.partitionKey()))).toList();
            for (int from = 0; from < inShard.size(); from += 10) {
                shardOfAggregate.add(shard.shardId());
                aggregates.add(inShard.subList(from, Math.min(from + 10, inShard.size())));
            }
        }
        List<PutRecordsRequestEntry> entries = aggregates.stream().map(aggregate -> PutRecordsRequestEntry.builder()
                .partitionKey(KplAggregate.PARTITION_KEY)
                .explicitHashKey(KplAggregate.hashKey(aggregate.get(0).partitionKey()).toString())
                .data(SdkBytes.fromByteArray(KplAggregate.of(aggregate)))
                .build()).toList();
        PutRecordsResponse put = clients.plain.putRecords(r -> r.streamName(name).records(entries)).join();
        assertThat(put.failedRecordCount()).isZero();
        assertThat(put.records()).extracting(PutRecordsResultEntry::shardId)
                .as("shards chosen by ExplicitHashKey").containsExactlyElementsOf(shardOfAggregate);

        Deliveries deliveries = new Deliveries();
        KclWorker worker = KclWorker.start(clients, name, name, KclWorker.Retrieval.FAN_OUT, deliveries);
        try {
            Deadline.await(KCL_START, "every user record", () -> deliveries.all().size() >= userRecords.size(),
                    deliveries::summary);
        } finally {
            worker.shutDownGracefully();
        }

        Map<String, Delivery> byData = deliveries.all().stream()
                .collect(Collectors.toMap(Delivery::data, Function.identity(), (first, again) -> first));
        assertThat(byData.keySet()).containsExactlyInAnyOrderElementsOf(
                userRecords.stream().map(KplAggregate.UserRecord::data).toList());
        for (int a = 0; a < aggregates.size(); a++) {
            List<KplAggregate.UserRecord> aggregate = aggregates.get(a);
            for (int sub = 0; sub < aggregate.size(); sub++) {
                KplAggregate.UserRecord userRecord = aggregate.get(sub);
                assertThat(byData.get(userRecord.data())).as(userRecord.data()).isEqualTo(new Delivery(
                        shardOfAggregate.get(a), userRecord.partitionKey(), userRecord.data(),
                        put.records().get(a).sequenceNumber(), sub));
            }
        }
        assertThat(deliveries.checkpointFailures()).isEmpty();
    }

    private static boolean contains(Shard shard, BigInteger hashKey) {
        return hashKey.compareTo(new BigInteger(shard.hashKeyRange().startingHashKey())) >= 0
                && hashKey.compareTo(new BigInteger(shard.hashKeyRange().endingHashKey())) <= 0;
    }
}
