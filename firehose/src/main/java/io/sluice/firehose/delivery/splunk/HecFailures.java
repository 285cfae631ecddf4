package io.sluice.firehose.delivery.splunk;

import io.sluice.firehose.delivery.DeliveryException;

/**
 * Maps what the HTTP Event Collector answers to the error codes AWS reports for Splunk destinations. HEC answers
 * errors as {@code {"text": ..., "code": n}}: 1 token disabled, 2 token required, 3 invalid authorization, 4 invalid
 * token, 5 no data, 6 invalid data format, 7 incorrect index, 8 internal error, 9 server busy, 10 data channel
 * missing, 11 invalid data channel, 12 event field required, 13 event field blank, 14 ack disabled. Data and index
 * errors are permanent (the same request would fail again), the others are retried. Stateless.
 */
final class HecFailures {

    private HecFailures() {
    }

    static DeliveryException of(int status, int hecCode, String text) {
        String detail = " (HTTP " + status + ", HEC code " + hecCode + ": " + text + ")";
        if (status == 404) {
            return new DeliveryException("Splunk.URLNotFound", "The HEC endpoint was not found" + detail, false);
        }
        return switch (hecCode) {
            case 1 -> new DeliveryException("Splunk.DisabledToken", "The HEC token is disabled" + detail, false);
            case 2, 3, 4 -> new DeliveryException("Splunk.InvalidToken", "The HEC token is not valid" + detail, false);
            case 5, 6, 12, 13 -> new DeliveryException("Splunk.InvalidDataFormat",
                    "Splunk refused the data's format" + detail, true);
            case 7 -> new DeliveryException("Splunk.InvalidIndex", "The HEC token may not write to the index"
                    + detail, true);
            default -> status >= 500
                    ? new DeliveryException("Splunk.ServerError", "Splunk failed to take the data" + detail, false)
                    : new DeliveryException("Splunk.InvalidEndpoint", "Splunk refused the request" + detail, false);
        };
    }
}
