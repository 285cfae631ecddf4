package io.sluice.server.pipeline;

import io.sluice.common.ErrorType;
import io.sluice.protocol.WireFormat;

import java.util.Objects;
import java.util.Set;

/**
 * What the pipeline must know of an API to serve it: how its calls are addressed and signed, what IAM and
 * CloudTrail call it, its operations, and how it encodes errors. Immutable.
 *
 * @param targetPrefix  the {@code X-Amz-Target} prefix without the dot, e.g. {@code Firehose_20150804}; null for
 *                      a REST API, whose operations are named by method and path ({@link Api#operation})
 * @param signingName   the service of the SigV4 credential scope, e.g. {@code firehose}
 * @param iamPrefix     the IAM action prefix, e.g. {@code firehose} for {@code firehose:PutRecordBatch}
 * @param eventSource   CloudTrail's eventSource, e.g. {@code firehose.amazonaws.com}
 * @param operations    every operation the API serves
 * @param dataPlane     the operations CloudTrail records as data events (only when asked for, never with
 *                      their response)
 * @param readOnly      the operations CloudTrail marks {@code readOnly}
 * @param cbor          whether the API also speaks CBOR 1.1 (Kinesis); otherwise every body is JSON 1.1
 * @param internalError what the API answers when a call fails inside Sluice
 */
public record ApiDefinition(String targetPrefix, String signingName, String iamPrefix, String eventSource,
                            Set<String> operations, Set<String> dataPlane, Set<String> readOnly, boolean cbor,
                            ErrorType internalError) {

    public ApiDefinition {
        Objects.requireNonNull(signingName, "signingName");
        Objects.requireNonNull(iamPrefix, "iamPrefix");
        Objects.requireNonNull(eventSource, "eventSource");
        Objects.requireNonNull(internalError, "internalError");
        operations = Set.copyOf(operations);
        dataPlane = Set.copyOf(dataPlane);
        readOnly = Set.copyOf(readOnly);
        if (!operations.containsAll(dataPlane) || !operations.containsAll(readOnly)) {
            throw new IllegalArgumentException("data-plane and read-only operations must be operations of "
                    + signingName);
        }
    }

    /** The operation an {@code X-Amz-Target} names in this API; null if it names another API. */
    public String operationOf(String target) {
        if (targetPrefix == null || target == null || !target.startsWith(targetPrefix) || target.length() <= targetPrefix.length()
                || target.charAt(targetPrefix.length()) != '.') {
            return null;
        }
        return target.substring(targetPrefix.length() + 1);
    }

    /** The format of a request's body, and so of its answer. */
    public WireFormat format(String contentType) {
        return cbor ? WireFormat.forContentType(contentType) : WireFormat.JSON;
    }

    /** The IAM action of an operation, e.g. {@code kinesis:PutRecord}. */
    public String iamAction(String operation) {
        return iamPrefix + ":" + operation;
    }
}
