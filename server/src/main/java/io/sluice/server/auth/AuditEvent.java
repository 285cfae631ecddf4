package io.sluice.server.auth;

import java.util.Objects;

/**
 * One API call, as the audit log records it. Null members are written as JSON null, or left out where CloudTrail
 * leaves them out (errorCode and errorMessage of a successful call). Immutable.
 *
 * @param eventSource        the API, as CloudTrail names it, e.g. {@code kinesis.amazonaws.com}
 * @param dataEvent          whether CloudTrail counts the call as a data event (PutRecord...) rather than a
 *                           management event
 * @param readOnly           whether the call changes nothing
 * @param eventName          the operation, e.g. {@code CreateStream}
 * @param awsRegion          the region the call was signed for
 * @param sourceIpAddress    the client's address
 * @param userAgent          the User-Agent header
 * @param requestParameters  the request, without record data ({@link AuditPayload#of})
 * @param responseElements   the response; written for control-plane calls only
 * @param errorCode          the AWS error name of a failed call, e.g. {@code ResourceNotFoundException}; null on
 *                           success
 * @param requestId          the {@code x-amzn-RequestId} the call was answered with
 * @param recipientAccountId the account that owns the resource
 */
public record AuditEvent(String eventSource, boolean dataEvent, boolean readOnly, String eventName, String awsRegion, String sourceIpAddress, String userAgent,
                         AuditIdentity userIdentity, AuditPayload requestParameters, AuditPayload responseElements,
                         String errorCode, String errorMessage, String requestId, String recipientAccountId) {

    public AuditEvent {
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(eventName, "eventName");
    }
}
