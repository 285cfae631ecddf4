package io.sluice.firehose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the Firehose entries of a metadata store offline, for {@code sluice data check}: every delivery stream
 * entry decodes in a version this Sluice reads. Stateless and thread-safe.
 */
public final class FirehoseMetadataCheck {

    private static final String STREAM_PREFIX = "stream/";

    /** What the check found: how many delivery streams, and one line per problem. */
    public record Report(int deliveryStreams, List<String> problems) {
    }

    private FirehoseMetadataCheck() {
    }

    public static Report check(Map<String, byte[]> entries) {
        DeliveryStreamMetaCodec codec = new DeliveryStreamMetaCodec();
        List<String> problems = new ArrayList<>();
        int streams = 0;
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (entry.getKey().startsWith(STREAM_PREFIX)) {
                streams++;
                try {
                    codec.decode(entry.getKey(), entry.getValue());
                } catch (RuntimeException e) {
                    problems.add("firehose metadata " + entry.getKey() + ": " + e.getMessage());
                }
            }
        }
        return new Report(streams, problems);
    }
}
