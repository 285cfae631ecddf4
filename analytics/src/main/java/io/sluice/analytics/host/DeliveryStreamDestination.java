package io.sluice.analytics.host;

import java.io.IOException;
import java.util.List;

/**
 * Writes output records to a Firehose delivery stream of this server (PutRecordBatch semantics: all or none).
 *
 * <p><b>Threading</b>: single-threaded, the application's task.
 */
final class DeliveryStreamDestination implements Destination {

    private final DeliveryStreams streams;
    private final String arn;

    DeliveryStreamDestination(DeliveryStreams streams, String arn) {
        this.streams = streams;
        this.arn = arn;
    }

    @Override
    public String kind() {
        return "Firehose";
    }

    @Override
    public int maxRecords() {
        return 500;
    }

    @Override
    public long maxBytes() {
        return 4L << 20;
    }

    @Override
    public List<byte[]> write(List<byte[]> records, int attempt) throws IOException {
        streams.put(arn, records);
        return List.of();
    }
}
