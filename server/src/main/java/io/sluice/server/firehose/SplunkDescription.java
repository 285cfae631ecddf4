package io.sluice.server.firehose;

import io.sluice.firehose.config.SplunkDestination;
import io.sluice.protocol.ResponseWriter;

/**
 * Writes a SplunkDestinationDescription. The HEC token is a secret and is never shown (AWS shows it; Sluice's
 * descriptions are also read through the console and logs). Stateless.
 */
final class SplunkDescription {

    private SplunkDescription() {
    }

    static void write(ResponseWriter out, SplunkDestination d) {
        out.startObject("SplunkDestinationDescription")
                .string("HECEndpoint", d.hecEndpoint())
                .string("HECEndpointType", d.eventEndpoint() ? "Event" : "Raw")
                .number("HECAcknowledgmentTimeoutInSeconds", d.ackTimeoutSeconds())
                .startObject("RetryOptions").number("DurationInSeconds", d.retryDurationSeconds()).endObject()
                .string("S3BackupMode", d.allEventsBackup() ? "AllEvents" : "FailedEventsOnly");
        DescriptionWriter.s3(out, "S3DestinationDescription", d.s3());
        DescriptionWriter.processing(out, d.processing());
        DescriptionWriter.logging(out, d.logging());
        DescriptionWriter.hints(out, d.bufferingHints());
        out.endObject();
    }
}
