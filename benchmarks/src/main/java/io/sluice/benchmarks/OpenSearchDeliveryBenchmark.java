package io.sluice.benchmarks;

import io.sluice.common.Clock;
import io.sluice.firehose.config.IndexRotation;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.firehose.delivery.Batch;
import io.sluice.firehose.delivery.BenchBatches;
import io.sluice.firehose.delivery.ErrorOutput;
import io.sluice.firehose.delivery.search.SearchSink;
import io.sluice.opensearch.testkit.OpenSearchNode;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Delivery to OpenSearch: each operation delivers one batch of 1,000 JSON records of 1 KiB through the
 * destination's sink (one {@code _bulk} request to a real OpenSearch node, opensearch-testkit's, in a child JVM on
 * the same machine, and the per-document handling of its answer), each batch with new document ids so that every
 * operation indexes 1,000 new documents. Ops/s × 1,000 = records/s; × 1 MiB ≈ MiB/s. Needs opensearch-testkit
 * built by Maven (its classpath file lists the node's jars in ~/.m2).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class OpenSearchDeliveryBenchmark {

    private static final int RECORDS = 1000;

    @State(Scope.Benchmark)
    public static class Cluster {
        OpenSearchNode node;
        SearchSink sink;
        List<Batch.Entry> entries;
        long batches;

        @Setup(Level.Trial)
        public void start() {
            node = OpenSearchNode.start();
            S3Settings s3 = new S3Settings("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::b", "", null, null, null,
                    null, null);
            SearchDestination d = new SearchDestination(SearchDestination.Service.OPENSEARCH, node.url(), "bench",
                    null, IndexRotation.NO_ROTATION, true, null, null, null, null, 300, false, s3);
            HttpClient http = HttpClient.newHttpClient();
            sink = new SearchSink(() -> http, d, new ErrorOutput(batch -> {
                throw new IllegalStateException("a document failed: " + batch.entries().size());
            }, "AmazonOpenSearchService-failed"), Duration.ofSeconds(60), Clock.system());
            Random random = new Random(15);
            entries = new ArrayList<>(RECORDS);
            for (int i = 0; i < RECORDS; i++) {
                String head = "{\"n\":" + i + ",\"text\":\"";
                StringBuilder record = new StringBuilder(head);
                while (record.length() < 1024 - 2) {
                    record.append((char) ('a' + random.nextInt(26)));
                }
                record.append("\"}");
                entries.add(new Batch.Entry(record.toString().getBytes(StandardCharsets.UTF_8),
                        System.currentTimeMillis()));
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            node.close();
        }
    }

    @Benchmark
    public void bulkOf1000(Cluster cluster) throws Exception {
        cluster.sink.deliver(BenchBatches.main("b" + cluster.batches++, cluster.entries));
    }
}
