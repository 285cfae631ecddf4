package io.sluice.firehose;

import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.IndexRotation;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.firehose.config.SplunkDestination;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored form of the OpenSearch/Elasticsearch and Splunk destinations (format version 2, type members). */
class SearchAndSplunkMetaCodecTest {

    private final DeliveryStreamMetaCodec codec = new DeliveryStreamMetaCodec();

    private static DeliveryStreamMeta meta(io.sluice.firehose.config.DestinationConfig destination) {
        return new DeliveryStreamMeta(Fixture.key("orders"), DeliveryStreamType.DirectPut, 1, 2, 3, -1, 1, null, null,
                destination, Map.of(), null);
    }

    private static final SearchDestination SEARCH = new SearchDestination(SearchDestination.Service.ELASTICSEARCH,
            "https://u:p@search:9200", "logs", "_doc", IndexRotation.ONE_WEEK, false, new BufferingHints(10, 60),
            null, Processing.NONE, "arn:aws:iam::000000000000:role/r", 120, true, Fixture.s3("b", "", null, null));
    private static final SplunkDestination SPLUNK = new SplunkDestination("https://splunk:8088", true, "token", 200,
            new BufferingHints(1, 30), null, Processing.NONE, 600, true, Fixture.s3("b", "", null, null));

    @Test
    void bothDestinationsRoundTrip() {
        assertThat(codec.decode("stream/x", codec.encode(meta(SEARCH)))).isEqualTo(meta(SEARCH));
        assertThat(codec.decode("stream/x", codec.encode(meta(SPLUNK)))).isEqualTo(meta(SPLUNK));
    }

    @Test
    void theStoredJsonNamesTheTypeAndEveryMember() {
        String search = new String(codec.encode(meta(SEARCH)), StandardCharsets.UTF_8);
        assertThat(search).contains("\"type\":\"Search\"", "\"service\":\"ELASTICSEARCH\"",
                "\"clusterEndpoint\":\"https://u:p@search:9200\"", "\"rotation\":\"ONE_WEEK\"",
                "\"firehoseDocumentIds\":false", "\"retryDurationSeconds\":120", "\"allDocumentsBackup\":true");
        String splunk = new String(codec.encode(meta(SPLUNK)), StandardCharsets.UTF_8);
        assertThat(splunk).contains("\"type\":\"Splunk\"", "\"hecEndpoint\":\"https://splunk:8088\"",
                "\"eventEndpoint\":true", "\"ackTimeoutSeconds\":200", "\"allEventsBackup\":true");
    }

    @Test
    void aSearchDestinationWithoutOptionalMembersGetsAwsDefaults() {
        String stored = new String(codec.encode(meta(SEARCH)), StandardCharsets.UTF_8)
                .replace("\"rotation\":\"ONE_WEEK\",", "").replace("\"typeName\":\"_doc\",", "");
        SearchDestination read = (SearchDestination) codec.decode("stream/x",
                stored.getBytes(StandardCharsets.UTF_8)).destination();
        assertThat(read.rotation()).isEqualTo(IndexRotation.ONE_DAY);
        assertThat(read.typeName()).isNull();
    }
}
